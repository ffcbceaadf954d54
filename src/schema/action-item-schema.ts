import { Type } from '@sinclair/typebox';
import { enumOf, strictObject, textField, valueList } from './schema-builders.js';
import { ACTION_STATUSES, ACTION_TYPES, DATE_PATTERN, PRIORITIES, TICKET_PATTERN } from './vocabulary.js';

/** One of an incident's `action_items`: follow-up work, with its type, priority, status, due date and ticket. */

const ACTION_TYPE_MEANINGS = {
  prevent: 'Stops incidents like this one from happening.',
  detect: 'Finds them sooner.',
  mitigate: 'Makes them smaller or shorter.',
  process: 'Changes how we respond.',
  other: 'Anything else.',
} as const;

const PRIORITY_MEANINGS = {
  P0: 'Most urgent: drop everything.',
  P1: 'Urgent: this sprint.',
  P2: 'Important: soon.',
  P3: 'When there is time.',
} as const;

const ACTION_STATUS_MEANINGS = {
  open: 'Not started (the default).',
  'in-progress': 'Being worked on.',
  done: 'Finished.',
  'wont-do': 'Decided against.',
} as const;

export const ActionItem = strictObject(
  {
    title: textField('Action', 'What will be done.', ['Stage configuration pushes region by region']),
    owner: textField('Owner', 'Who is accountable for it: a person or a team.', ['Routing team']),
    type: Type.Optional(
      enumOf(ACTION_TYPES, ACTION_TYPE_MEANINGS, {
        title: 'Type',
        description: 'What the item does about incidents like this one.',
        markdownDescription: `What the item does about incidents like this one.\n\n${valueList(ACTION_TYPES, ACTION_TYPE_MEANINGS)}`,
        examples: ['prevent'],
      }),
    ),
    priority: Type.Optional(
      enumOf(PRIORITIES, PRIORITY_MEANINGS, {
        title: 'Priority',
        description: 'P0 is the most urgent.',
        examples: ['P1'],
      }),
    ),
    status: Type.Optional(
      enumOf(ACTION_STATUSES, ACTION_STATUS_MEANINGS, {
        title: 'Action status',
        description: 'Progress; default `open`.',
        examples: ['in-progress', 'done'],
        default: 'open',
      }),
    ),
    due: Type.Optional(
      Type.String({
        pattern: DATE_PATTERN,
        patternErrorMessage: 'Must be a date like 2022-11-30.',
        title: 'Due date',
        description: 'Due date, `YYYY-MM-DD`.',
        examples: ['2022-11-30'],
      }),
    ),
    ticket: Type.Optional(
      Type.String({
        pattern: TICKET_PATTERN,
        patternErrorMessage: 'Must be an absolute http:// or https:// URL, or a tracker key like OPS-1234.',
        title: 'Ticket',
        description: 'The tracking ticket: an absolute http(s) URL, or a key such as `OPS-1234` whose prefix the configuration maps to a URL (`trackers`).',
        examples: ['https://tracker.example.com/OPS-1234', 'OPS-1234'],
      }),
    ),
  },
  {
    title: 'Action item',
    description: 'Follow-up work: `title` and `owner` required; `type`, `priority`, `status`, `due` and `ticket` optional.',
    examples: [{ title: 'Stage configuration pushes region by region', owner: 'Routing team', priority: 'P1' }],
  },
);
