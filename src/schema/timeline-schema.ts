import { Type } from '@sinclair/typebox';
import { enumOf, markdownField, strictObject, textField, urlField, valueList } from './schema-builders.js';
import { EVENT_KINDS, TIMESTAMP_PATTERN } from './vocabulary.js';

/** One event of an incident's `timeline`. */

const EVENT_KIND_MEANINGS = {
  'impact-start': 'Milestone: users start being affected (exactly one).',
  detected: 'Milestone: the problem is noticed, by an alert or a person.',
  acknowledged: 'Milestone: someone takes responsibility for the response.',
  identified: 'Milestone: the cause is known.',
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
        'Must be a time like 2022-10-25 08:05, 2022-10-25T08:05:30Z or 2022-10-25T09:05+01:00, or a date alone like 2022-10-25 when only the day is known; a leading ~ marks it approximate.',
      title: 'Time',
      description:
        'When it happened: `YYYY-MM-DD HH:MM[:SS]` with an optional `Z` or `±HH:MM` offset; without one it is read in the incident `timezone`. A leading `~` marks the time approximate. A date alone (`YYYY-MM-DD`) means some time that day: approximate, and figures that involve it are given in whole days.',
      examples: ['2022-10-25 08:05', '2022-10-25T07:12:00Z', '~2022-10-25 08:20', '2024-04-14'],
    }),
    text: markdownField('Event text', 'What happened.', ['Delivery-rate alert pages the on-call engineer.']),
    kind: Type.Optional(
      enumOf(EVENT_KINDS, EVENT_KIND_MEANINGS, {
        title: 'Kind',
        description:
          'A milestone (`impact-start`, `detected`, `acknowledged`, `identified`, `mitigated`, `resolved`) or a label; default `note`.',
        markdownDescription: `A milestone or a label; default \`note\`.\n\n${valueList(EVENT_KINDS, EVENT_KIND_MEANINGS)}`,
        examples: ['impact-start', 'detected', 'resolved'],
        default: 'note',
      }),
    ),
    by: Type.Optional(textField('By', 'Who or what did it.', ['monitoring', 'Sam Okafor'])),
    error_rate: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 100,
        title: 'Error rate from here',
        description:
          'Percent of requests that were bad from this event on, until the next event that sets it or `resolved`: the error budget is counted phase by phase. Only meaningful with `impact.slo`.',
        examples: [5, 100],
      }),
    ),
    links: Type.Optional(
      Type.Array(urlField('Link', 'A related page.', ['https://dashboards.example.com/delivery']), {
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
