import { type Static, Type } from '@sinclair/typebox';
import { ActionItem } from './action-item-schema.js';
import { Impact } from './impact-schema.js';
import { enumOf, markdownField, strictObject, stringListField, textField, urlField, valueList } from './schema-builders.js';
import { TimelineEvent } from './timeline-schema.js';
import { ID_PATTERN, INCIDENT_TYPES, STATUSES } from './vocabulary.js';

/**
 * The single source of truth for the incident format (FORMAT.md): the
 * TypeScript types come from `Static<>`, the JSON Schema for editors is this
 * value serialised (`npm run generate`), and the validator is compiled from
 * that same schema when the tool is built (scripts/write-generated.ts).
 * `patternErrorMessage` is read by editors and by our validator alike.
 *
 * Every property carries a `title`, a `description` and `examples` (a test
 * checks it), so editors show help on hover and offer values on completion.
 * Only `description`, the first of `examples` and `patternErrorMessage` reach
 * CLI messages (range and format hints); the other annotations are for editors.
 * `severity` is plain text here: the committed JSON Schema lists the default
 * levels (see schema-for-config.ts), while the CLI checks it against the
 * configured ones.
 *
 * The larger parts have files of their own (impact-schema.ts,
 * timeline-schema.ts, action-item-schema.ts); the kinds of field they are all
 * made of are in schema-builders.ts.
 */

export const Link = strictObject(
  {
    title: textField('Link text', 'What the link is called in the postmortem.', ['Delivery dashboard']),
    url: urlField('URL', 'Where it points.', ['https://dashboards.example.com/delivery']),
  },
  {
    title: 'Link',
    description: 'A related page: `title` and `url`.',
    examples: [{ title: 'Delivery dashboard', url: 'https://dashboards.example.com/delivery' }],
  },
);

const lessonList = (title: string, description: string, item: string, example: string) =>
  Type.Array(markdownField(title, item, [example]), { title, description, examples: [[example]] });

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

const TYPE_MEANINGS = {
  incident: 'Users were affected (the default).',
  'near-miss': 'Something went wrong but no user was affected: `impact-start` and `resolved` are optional.',
  drill: 'A game day or an exercise.',
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
    type: Type.Optional(
      enumOf(INCIDENT_TYPES, TYPE_MEANINGS, {
        title: 'Type',
        description: '`incident` (default), `near-miss` or `drill`; reports count near misses and drills apart.',
        markdownDescription: `What happened; default \`incident\`. Reports leave near misses and drills out of every figure unless asked to include them.\n\n${valueList(INCIDENT_TYPES, TYPE_MEANINGS)}`,
        examples: ['near-miss', 'drill'],
        default: 'incident',
      }),
    ),
    severity: textField('Severity', 'One of the configured severity levels (by default SEV1 to SEV4).', ['SEV1', 'SEV2']),
    timezone: Type.Optional(
      textField('Time zone', 'IANA time zone: how times are shown, and how times without an offset are read. Default from the configuration, else UTC.', [
        'UTC',
        'Europe/London',
        'America/New_York',
      ]),
    ),
    services: Type.Optional(
      stringListField('Services', 'Affected services.', { title: 'Service', description: 'An affected service.', examples: ['messaging', 'edge'] }),
    ),
    regions: Type.Optional(
      stringListField('Regions', 'Affected regions.', { title: 'Region', description: 'An affected region.', examples: ['global'] }),
    ),
    tags: Type.Optional(stringListField('Tags', 'Free-form tags.', { title: 'Tag', description: 'A free-form tag.', examples: ['config-push'] })),
    authors: Type.Optional(
      stringListField('Authors', 'Who wrote the postmortem.', { title: 'Author', description: 'A person who wrote it.', examples: ['Priya Natarajan'] }),
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
    summary: markdownField('Summary', 'A short summary of what happened.', [
      'For about two hours users worldwide could neither send nor receive messages.',
    ]),
    impact: Impact,
    timeline: Type.Array(TimelineEvent, {
      minItems: 1,
      title: 'Timeline',
      description: 'What happened when; at least one event. Exactly one `impact-start`; shown in chronological order.',
      examples: [[{ at: '2022-10-25 08:05', kind: 'impact-start', text: 'Message sends start failing in every region.' }]],
    }),
    trigger: Type.Optional(markdownField('Trigger', 'What set the incident off.', ['A configuration push to the message routing tier.'])),
    root_cause: Type.Optional(
      markdownField('Root cause', 'Why it happened; required when `status: final`.', [
        'The routing tier rejected the new configuration and stopped accepting connections.',
      ]),
    ),
    contributing_factors: Type.Optional(
      Type.Array(
        markdownField('Contributing factor', 'A factor that made it worse or likelier.', ['The configuration was pushed to all regions at once.']),
        {
          title: 'Contributing factors',
          description: 'What made the incident worse or likelier, one item each.',
          examples: [['The configuration was pushed to all regions at once.']],
        },
      ),
    ),
    detection: Type.Optional(
      markdownField('Detection', 'How the incident was detected.', ['Automated delivery-rate alerting, 7 minutes after impact began.']),
    ),
    resolution: Type.Optional(markdownField('Resolution', 'How it was resolved.', ['Rolled the configuration back region by region.'])),
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
    related: Type.Optional(
      Type.Array(
        Type.String({
          pattern: ID_PATTERN,
          patternErrorMessage: 'Must be an incident id: lowercase letters, digits and dashes, starting with a letter or digit, at most 80 characters.',
          title: 'Related incident',
          description: 'The id of another incident, linked to its postmortem.',
          examples: ['2022-10-25-messaging-outage'],
        }),
        {
          title: 'Related incidents',
          description:
            'Other incidents this one is linked to (the same cause, a repeat, a follow-on), by id; each is shown as a link to its postmortem, and reports group incidents linked so. An id that is not among the files processed is a warning.',
          examples: [['2022-10-25-messaging-outage']],
        },
      ),
    ),
  },
  {
    $id: 'https://incident-postmortem.dev/schema/incident.schema.json',
    title: 'Incident',
    description: 'One incident, as written by on-call engineers (incident file format, version 2).',
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
