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
 * value serialised (`npm run schema`), and the validator runs that same schema.
 * `patternErrorMessage` is read by editors and by our validator alike.
 */

/** Objects refuse unknown keys but keep `x-` keys for custom templates. */
function strictObject<T extends Parameters<typeof Type.Object>[0]>(
  properties: T,
  options: Record<string, unknown> = {},
) {
  return Type.Object(properties, {
    additionalProperties: false,
    patternProperties: { [CUSTOM_KEY_PATTERN]: {} },
    ...options,
  });
}

const enumOf = <const T extends readonly string[]>(values: T, options: Record<string, unknown>) =>
  Type.Unsafe<T[number]>(Type.String({ enum: [...values], ...options }));

const text = (description: string, examples: unknown[] = []) =>
  Type.String({ minLength: 1, description, ...(examples.length ? { examples } : {}) });

const markdown = (description: string) =>
  Type.String({ minLength: 1, description: `${description} Markdown.`, markdownDescription: `${description} Markdown.` });

const stringList = (description: string, examples: unknown[]) =>
  Type.Array(Type.String({ minLength: 1 }), { description, examples });

const url = (description: string) =>
  Type.String({
    pattern: URL_PATTERN,
    patternErrorMessage: 'Must be an absolute http:// or https:// URL.',
    description,
    examples: ['https://example.com/'],
  });

export const Metric = strictObject(
  {
    name: text('What was measured.', ['Failed message sends']),
    value: Type.Number({ description: 'The measured value.', examples: [100] }),
    unit: Type.Optional(text('Unit of the value.', ['%', 'requests/s'])),
  },
  { description: 'One measured effect of the incident.' },
);

export const Slo = strictObject(
  {
    name: text('The service-level objective affected.', ['Message delivery availability']),
    objective: Type.Number({
      exclusiveMinimum: 0,
      exclusiveMaximum: 100,
      description: 'Objective in percent over the window, between 0 and 100 exclusive.',
      examples: [99.9],
    }),
    window_days: Type.Number({ exclusiveMinimum: 0, description: 'Length of the SLO window in days.', examples: [30] }),
    error_rate: Type.Number({
      minimum: 0,
      maximum: 100,
      description: 'Percent of requests that were bad during the impact.',
      examples: [100],
    }),
  },
  { description: 'The SLO the incident consumed error budget of; enables error-budget figures.' },
);

export const Impact = strictObject(
  {
    description: markdown('What users experienced.'),
    users_affected: Type.Optional(
      Type.Integer({ minimum: 0, description: 'How many users were affected.', examples: [500000000] }),
    ),
    metrics: Type.Optional(Type.Array(Metric, { description: 'Measured effects, one row each.' })),
    slo: Type.Optional(Slo),
  },
  { description: 'The effect on users.' },
);

export const TimelineEvent = strictObject(
  {
    at: Type.String({
      pattern: TIMESTAMP_PATTERN,
      patternErrorMessage:
        'Must be a time like 2022-10-25 08:05, 2022-10-25T08:05:30Z or 2022-10-25T09:05+01:00; a leading ~ marks it approximate.',
      description:
        'When it happened: `YYYY-MM-DD HH:MM[:SS]` with an optional `Z` or `±HH:MM` offset; without one it is read in the incident `timezone`. A leading `~` marks the time approximate.',
      examples: ['2022-10-25 08:05', '2022-10-25T07:12:00Z', '~2022-10-25 08:20'],
    }),
    text: markdown('What happened.'),
    kind: Type.Optional(
      enumOf(EVENT_KINDS, {
        description:
          'A milestone (`impact-start`, `detected`, `acknowledged`, `mitigated`, `resolved`) or a label; default `note`.',
        default: 'note',
      }),
    ),
    by: Type.Optional(text('Who or what did it.', ['monitoring', 'Sam Okafor'])),
    links: Type.Optional(Type.Array(url('A related page.'), { description: 'Related pages.' })),
  },
  { description: 'One thing that happened, at one time.' },
);

export const ActionItem = strictObject(
  {
    title: text('What will be done.', ['Stage configuration pushes region by region']),
    owner: text('Who is accountable for it.', ['Routing team']),
    type: Type.Optional(enumOf(ACTION_TYPES, { description: 'What the item does about incidents like this one.' })),
    priority: Type.Optional(enumOf(PRIORITIES, { description: 'P0 is the most urgent.' })),
    status: Type.Optional(enumOf(ACTION_STATUSES, { description: 'Progress; default `open`.', default: 'open' })),
    due: Type.Optional(
      Type.String({
        pattern: DATE_PATTERN,
        patternErrorMessage: 'Must be a date like 2022-11-30.',
        description: 'Due date, `YYYY-MM-DD`.',
        examples: ['2022-11-30'],
      }),
    ),
    ticket: Type.Optional(url('The tracking ticket.')),
  },
  { description: 'Follow-up work.' },
);

export const Link = strictObject(
  { title: text('Link text.', ['Delivery dashboard']), url: url('Where it points.') },
  { description: 'A related page.' },
);

export const Lessons = strictObject(
  {
    went_well: Type.Optional(Type.Array(markdown('Something that went well.'), { description: 'What went well.' })),
    went_wrong: Type.Optional(Type.Array(markdown('Something that went wrong.'), { description: 'What went wrong.' })),
    lucky: Type.Optional(Type.Array(markdown('Where we got lucky.'), { description: 'Where we got lucky.' })),
  },
  { description: 'Lessons learned; a final postmortem needs at least one.' },
);

export const IncidentSchema = strictObject(
  {
    id: Type.String({
      pattern: ID_PATTERN,
      patternErrorMessage: 'Must be lowercase letters, digits and dashes, starting with a letter or digit, at most 80 characters.',
      description: 'Unique id; names every output file. Usually `YYYY-MM-DD-short-name`.',
      examples: ['2022-10-25-messaging-outage'],
    }),
    title: Type.String({
      minLength: 1,
      pattern: '^[^\\n\\r]*$',
      patternErrorMessage: 'Must be a single line.',
      description: 'One-line title.',
      examples: ['Global messaging outage'],
    }),
    status: Type.Optional(
      enumOf(STATUSES, {
        description: '`draft` (default), `review` or `final`; `final` makes the completeness checks strict.',
        default: 'draft',
      }),
    ),
    severity: text('One of the configured severity levels (by default SEV1 to SEV4).', ['SEV1', 'SEV2']),
    timezone: Type.Optional(
      text('IANA time zone: how times are shown, and how times without an offset are read.', [
        'UTC',
        'Europe/London',
        'America/New_York',
      ]),
    ),
    services: Type.Optional(stringList('Affected services.', [['messaging', 'edge']])),
    regions: Type.Optional(stringList('Affected regions.', [['global']])),
    tags: Type.Optional(stringList('Free-form tags.', [['config-push']])),
    authors: Type.Optional(stringList('Who wrote the postmortem.', [['Priya Natarajan']])),
    roles: Type.Optional(
      Type.Record(Type.String(), Type.String({ minLength: 1 }), {
        description: 'Incident roles and who held them.',
        examples: [{ incident_commander: 'Sam Okafor' }],
      }),
    ),
    summary: markdown('A short summary of what happened.'),
    impact: Impact,
    timeline: Type.Array(TimelineEvent, { minItems: 1, description: 'What happened when; at least one event.' }),
    trigger: Type.Optional(markdown('What set the incident off.')),
    root_cause: Type.Optional(markdown('Why it happened; required when `status: final`.')),
    contributing_factors: Type.Optional(
      Type.Array(markdown('A factor that made it worse or likelier.'), { description: 'Contributing factors.' }),
    ),
    detection: Type.Optional(markdown('How the incident was detected.')),
    resolution: Type.Optional(markdown('How it was resolved.')),
    lessons: Type.Optional(Lessons),
    action_items: Type.Optional(Type.Array(ActionItem, { description: 'Follow-up work.' })),
    links: Type.Optional(Type.Array(Link, { description: 'Related pages.' })),
  },
  {
    $id: 'https://incident-postmortem.dev/schema/incident.schema.json',
    title: 'Incident',
    description: 'One incident, as written by on-call engineers (incident file format, version 1).',
    // A final postmortem needs its root cause; editors show this too. Other
    // completeness rules (a resolved milestone, at least one lesson) are checked by the CLI.
    allOf: [{ if: { properties: { status: { const: 'final' } }, required: ['status'] }, then: { required: ['root_cause'] } }],
  },
);

export type IncidentData = Static<typeof IncidentSchema>;
