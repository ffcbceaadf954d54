import { type Static, Type } from '@sinclair/typebox';
import {
  ACTION_STATUSES,
  ACTION_TYPES,
  CUSTOM_KEY_PATTERN,
  DATE_PATTERN,
  EVENT_KINDS,
  ID_PATTERN,
  PRIORITIES,
  STATUSES,
  TIMESTAMP_PATTERN,
  URL_PATTERN,
} from './vocabulary.js';

/**
 * The single source of truth for the incident format (FORMAT.md): the
 * TypeScript types come from `Static<>`, the JSON Schema for editors is this
 * value serialised (`npm run generate`), and the validator runs that same schema.
 * `patternErrorMessage` is read by editors and by our validator alike.
 *
 * Every property carries a `title`, a `description` and `examples` (a test
 * checks it), so editors show help on hover and offer values on completion.
 * Only `description`, the first of `examples` and `patternErrorMessage` reach
 * CLI messages (range and format hints); the other annotations are for editors.
 * `severity` is plain text here: the committed JSON Schema lists the default
 * levels (see schema-for-config.ts), while the CLI checks it against the
 * configured ones.
 */

/** Title, description and examples: what an editor shows for a field. */
interface Help {
  title: string;
  description: string;
  examples: unknown[];
  markdownDescription?: string;
}

/** Objects refuse unknown keys but keep `x-` keys for custom templates. */
function strictObject<T extends Parameters<typeof Type.Object>[0]>(properties: T, help: Help & Record<string, unknown>) {
  return Type.Object(properties, {
    additionalProperties: false,
    patternProperties: { [CUSTOM_KEY_PATTERN]: {} },
    ...help,
  });
}

/** One enum value per line, for the Markdown hover of an enum. */
const valueList = (values: readonly string[], meanings: Readonly<Record<string, string>>) =>
  values.map((value) => `- \`${value}\`: ${meanings[value] ?? ''}`).join('\n');

/** A closed vocabulary; each value's meaning is shown on completion and hover. */
export function enumOf<const T extends readonly string[]>(
  values: T,
  meanings: Readonly<Record<T[number], string>>,
  help: Help & { default?: T[number] },
) {
  const descriptions = values.map((value) => meanings[value as T[number]]);
  return Type.Unsafe<T[number]>(
    Type.String({ enum: [...values], ...help, enumDescriptions: descriptions, markdownEnumDescriptions: descriptions }),
  );
}

const text = (title: string, description: string, examples: unknown[]) =>
  Type.String({ minLength: 1, title, description, examples });

/** A Markdown field: the hover says so, in Markdown. */
const markdown = (title: string, description: string, examples: unknown[]) =>
  Type.String({
    minLength: 1,
    title,
    description: `${description} Markdown.`,
    markdownDescription: `${description} [Markdown](https://commonmark.org/help/): CommonMark with GFM tables and strikethrough.`,
    examples,
  });

const stringList = (title: string, description: string, item: { title: string; description: string; examples: string[] }) =>
  Type.Array(Type.String({ minLength: 1, ...item }), { title, description, examples: [item.examples] });

const url = (title: string, description: string, examples: string[]) =>
  Type.String({
    pattern: URL_PATTERN,
    patternErrorMessage: 'Must be an absolute http:// or https:// URL.',
    title,
    description: `${description} An absolute http(s) URL.`,
    examples,
  });

export const Metric = strictObject(
  {
    name: text('Metric', 'What was measured.', ['Failed message sends']),
    value: Type.Number({ title: 'Value', description: 'The measured value, a plain number.', examples: [100] }),
    unit: Type.Optional(text('Unit', 'Unit of the value.', ['%', 'requests/s'])),
  },
  {
    title: 'Metric',
    description: 'One measured effect of the incident: `name`, `value` and an optional `unit`.',
    examples: [{ name: 'Failed message sends', value: 100, unit: '%' }],
  },
);

export const Slo = strictObject(
  {
    name: text('SLO name', 'The service-level objective affected.', ['Message delivery availability']),
    // The descriptions and first examples of these numbers are quoted in the CLI's out-of-range hints.
    objective: Type.Number({
      exclusiveMinimum: 0,
      exclusiveMaximum: 100,
      title: 'Objective',
      description: 'Objective in percent over the window, between 0 and 100 exclusive.',
      examples: [99.9, 99.95],
    }),
    window_days: Type.Number({
      exclusiveMinimum: 0,
      title: 'Window (days)',
      description: 'Length of the SLO window in days.',
      examples: [30, 28],
    }),
    error_rate: Type.Number({
      minimum: 0,
      maximum: 100,
      title: 'Error rate',
      description: 'Percent of requests that were bad during the impact.',
      examples: [100, 35],
    }),
  },
  {
    title: 'SLO',
    description: 'The SLO the incident consumed error budget of; enables error-budget figures.',
    markdownDescription:
      'The SLO the incident consumed error budget of; enables error-budget figures.\n\n' +
      'Budget = `window_days` × 1440 × (100 − `objective`) / 100 minutes; consumed = duration × `error_rate` / 100.',
    examples: [{ name: 'Message delivery availability', objective: 99.95, window_days: 30, error_rate: 100 }],
  },
);

export const Impact = strictObject(
  {
    description: markdown('Impact description', 'What users experienced.', [
      'All message sends failed; clients queued messages and retried.',
    ]),
    users_affected: Type.Optional(
      Type.Integer({
        minimum: 0,
        title: 'Users affected',
        description: 'How many users were affected.',
        examples: [500000000],
      }),
    ),
    metrics: Type.Optional(
      Type.Array(Metric, {
        title: 'Metrics',
        description: 'Measured effects, one row each.',
        examples: [[{ name: 'Failed message sends', value: 100, unit: '%' }]],
      }),
    ),
    slo: Type.Optional(Slo),
  },
  {
    title: 'Impact',
    description: 'The effect on users: `description` (required), `users_affected`, `metrics` and `slo`.',
    examples: [{ description: 'About a third of checkouts timed out; customers retried.', users_affected: 12000 }],
  },
);

const EVENT_KIND_MEANINGS = {
  'impact-start': 'Milestone: users start being affected (exactly one).',
  detected: 'Milestone: the problem is noticed, by an alert or a person.',
  acknowledged: 'Milestone: someone takes responsibility for the response.',
  mitigated: 'Milestone: the impact is stopped or worked around.',
  resolved: 'Milestone: back to normal (required when `status: final`).',
  trigger: 'Label: what set the incident off.',
  escalation: 'Label: more people or teams were brought in.',
  communication: 'Label: a status update to users or stakeholders.',
  action: 'Label: something the responders did.',
  decision: 'Label: a decision the responders took.',
  note: 'Label: anything else (the default).',
} as const;

export const TimelineEvent = strictObject(
  {
    at: Type.String({
      pattern: TIMESTAMP_PATTERN,
      patternErrorMessage:
        'Must be a time like 2022-10-25 08:05, 2022-10-25T08:05:30Z or 2022-10-25T09:05+01:00; a leading ~ marks it approximate.',
      title: 'Time',
      description:
        'When it happened: `YYYY-MM-DD HH:MM[:SS]` with an optional `Z` or `±HH:MM` offset; without one it is read in the incident `timezone`. A leading `~` marks the time approximate.',
      examples: ['2022-10-25 08:05', '2022-10-25T07:12:00Z', '~2022-10-25 08:20'],
    }),
    text: markdown('Event text', 'What happened.', ['Delivery-rate alert pages the on-call engineer.']),
    kind: Type.Optional(
      enumOf(EVENT_KINDS, EVENT_KIND_MEANINGS, {
        title: 'Kind',
        description:
          'A milestone (`impact-start`, `detected`, `acknowledged`, `mitigated`, `resolved`) or a label; default `note`.',
        markdownDescription: `A milestone or a label; default \`note\`.\n\n${valueList(EVENT_KINDS, EVENT_KIND_MEANINGS)}`,
        examples: ['impact-start', 'detected', 'resolved'],
        default: 'note',
      }),
    ),
    by: Type.Optional(text('By', 'Who or what did it.', ['monitoring', 'Sam Okafor'])),
    links: Type.Optional(
      Type.Array(url('Link', 'A related page.', ['https://dashboards.example.com/delivery']), {
        title: 'Links',
        description: 'Related pages, as a list of URLs.',
        examples: [['https://status.example.com/incidents/1234']],
      }),
    ),
  },
  {
    title: 'Timeline event',
    description: 'One thing that happened, at one time: `at` and `text`, optional `kind`, `by` and `links`.',
    examples: [{ at: '2022-10-25 08:05', kind: 'impact-start', text: 'Message sends start failing in every region.' }],
  },
);

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
    title: text('Action', 'What will be done.', ['Stage configuration pushes region by region']),
    owner: text('Owner', 'Who is accountable for it: a person or a team.', ['Routing team']),
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
    ticket: Type.Optional(url('Ticket', 'The tracking ticket.', ['https://tracker.example.com/OPS-1234'])),
  },
  {
    title: 'Action item',
    description: 'Follow-up work: `title` and `owner` required; `type`, `priority`, `status`, `due` and `ticket` optional.',
    examples: [{ title: 'Stage configuration pushes region by region', owner: 'Routing team', priority: 'P1' }],
  },
);

export const Link = strictObject(
  {
    title: text('Link text', 'What the link is called in the postmortem.', ['Delivery dashboard']),
    url: url('URL', 'Where it points.', ['https://dashboards.example.com/delivery']),
  },
  {
    title: 'Link',
    description: 'A related page: `title` and `url`.',
    examples: [{ title: 'Delivery dashboard', url: 'https://dashboards.example.com/delivery' }],
  },
);

const lessonList = (title: string, description: string, item: string, example: string) =>
  Type.Array(markdown(title, item, [example]), { title, description, examples: [[example]] });

export const Lessons = strictObject(
  {
    went_well: Type.Optional(
      lessonList('Went well', 'What went well.', 'Something that went well.', 'Alerting fired within minutes.'),
    ),
    went_wrong: Type.Optional(
      lessonList('Went wrong', 'What went wrong.', 'Something that went wrong.', 'The rollback tooling needed manual steps.'),
    ),
    lucky: Type.Optional(
      lessonList('Lucky', 'Where we got lucky.', 'Where we got lucky.', 'The incident began outside peak hours.'),
    ),
  },
  {
    title: 'Lessons',
    description: 'Lessons learned: `went_well`, `went_wrong`, `lucky`; a final postmortem needs at least one.',
    examples: [{ went_well: ['Alerting fired within minutes.'] }],
  },
);

const STATUS_MEANINGS = {
  draft: 'Being written; the incident may still be ongoing (the default).',
  review: 'Ready for review.',
  final: 'Reviewed: needs `root_cause`, a `resolved` milestone and at least one lesson.',
} as const;

export const IncidentSchema = strictObject(
  {
    id: Type.String({
      pattern: ID_PATTERN,
      patternErrorMessage: 'Must be lowercase letters, digits and dashes, starting with a letter or digit, at most 80 characters.',
      title: 'Incident id',
      description: 'Unique id; names every output file. Usually `YYYY-MM-DD-short-name`.',
      examples: ['2022-10-25-messaging-outage'],
    }),
    title: Type.String({
      minLength: 1,
      pattern: '^[^\\n\\r]*$',
      patternErrorMessage: 'Must be a single line.',
      title: 'Title',
      description: 'One-line title.',
      examples: ['Global messaging outage'],
    }),
    status: Type.Optional(
      enumOf(STATUSES, STATUS_MEANINGS, {
        title: 'Status',
        description: '`draft` (default), `review` or `final`; `final` makes the completeness checks strict.',
        markdownDescription: `Where the postmortem stands; default \`draft\`.\n\n${valueList(STATUSES, STATUS_MEANINGS)}`,
        examples: ['review', 'final'],
        default: 'draft',
      }),
    ),
    severity: text('Severity', 'One of the configured severity levels (by default SEV1 to SEV4).', ['SEV1', 'SEV2']),
    timezone: Type.Optional(
      text('Time zone', 'IANA time zone: how times are shown, and how times without an offset are read. Default from the configuration, else UTC.', [
        'UTC',
        'Europe/London',
        'America/New_York',
      ]),
    ),
    services: Type.Optional(
      stringList('Services', 'Affected services.', { title: 'Service', description: 'An affected service.', examples: ['messaging', 'edge'] }),
    ),
    regions: Type.Optional(
      stringList('Regions', 'Affected regions.', { title: 'Region', description: 'An affected region.', examples: ['global'] }),
    ),
    tags: Type.Optional(stringList('Tags', 'Free-form tags.', { title: 'Tag', description: 'A free-form tag.', examples: ['config-push'] })),
    authors: Type.Optional(
      stringList('Authors', 'Who wrote the postmortem.', { title: 'Author', description: 'A person who wrote it.', examples: ['Priya Natarajan'] }),
    ),
    roles: Type.Optional(
      Type.Record(
        Type.String(),
        Type.String({ minLength: 1, title: 'Person', description: 'Who held the role.', examples: ['Sam Okafor'] }),
        {
          title: 'Roles',
          description: 'Incident roles and who held them: role name → person.',
          examples: [{ incident_commander: 'Sam Okafor', communications: 'Lea Martin' }],
        },
      ),
    ),
    summary: markdown('Summary', 'A short summary of what happened.', [
      'For about two hours users worldwide could neither send nor receive messages.',
    ]),
    impact: Impact,
    timeline: Type.Array(TimelineEvent, {
      minItems: 1,
      title: 'Timeline',
      description: 'What happened when; at least one event. Exactly one `impact-start`; shown in chronological order.',
      examples: [[{ at: '2022-10-25 08:05', kind: 'impact-start', text: 'Message sends start failing in every region.' }]],
    }),
    trigger: Type.Optional(markdown('Trigger', 'What set the incident off.', ['A configuration push to the message routing tier.'])),
    root_cause: Type.Optional(
      markdown('Root cause', 'Why it happened; required when `status: final`.', [
        'The routing tier rejected the new configuration and stopped accepting connections.',
      ]),
    ),
    contributing_factors: Type.Optional(
      Type.Array(
        markdown('Contributing factor', 'A factor that made it worse or likelier.', ['The configuration was pushed to all regions at once.']),
        {
          title: 'Contributing factors',
          description: 'What made the incident worse or likelier, one item each.',
          examples: [['The configuration was pushed to all regions at once.']],
        },
      ),
    ),
    detection: Type.Optional(
      markdown('Detection', 'How the incident was detected.', ['Automated delivery-rate alerting, 7 minutes after impact began.']),
    ),
    resolution: Type.Optional(markdown('Resolution', 'How it was resolved.', ['Rolled the configuration back region by region.'])),
    lessons: Type.Optional(Lessons),
    action_items: Type.Optional(
      Type.Array(ActionItem, {
        title: 'Action items',
        description: 'Follow-up work, one item each.',
        examples: [[{ title: 'Stage configuration pushes region by region', owner: 'Routing team', priority: 'P1' }]],
      }),
    ),
    links: Type.Optional(
      Type.Array(Link, {
        title: 'Links',
        description: 'Related pages.',
        examples: [[{ title: 'Delivery dashboard', url: 'https://dashboards.example.com/delivery' }]],
      }),
    ),
  },
  {
    $id: 'https://incident-postmortem.dev/schema/incident.schema.json',
    title: 'Incident',
    description: 'One incident, as written by on-call engineers (incident file format, version 1).',
    examples: [
      {
        id: '2024-05-02-checkout-latency',
        title: 'Checkout latency after database failover',
        severity: 'SEV2',
        summary: 'Checkout requests took 10–30 seconds for about 40 minutes.',
        impact: { description: 'About a third of checkouts timed out.' },
        timeline: [{ at: '2024-05-02 14:03', kind: 'impact-start', text: 'Primary database fails over.' }],
      },
    ],
    // A final postmortem needs its root cause; editors show this too. Other
    // completeness rules (a resolved milestone, at least one lesson) are checked by the CLI.
    allOf: [{ if: { properties: { status: { const: 'final' } }, required: ['status'] }, then: { required: ['root_cause'] } }],
  },
);

export type IncidentData = Static<typeof IncidentSchema>;
