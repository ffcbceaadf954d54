import { type Static, Type } from '@sinclair/typebox';
import { enumOf } from './schema-builders.js';
import { CHECK_LEVELS, type CheckRule, MILESTONES, TRACKER_PREFIX_PATTERN, TRACKER_URL_PATTERN } from './vocabulary.js';

/**
 * The configuration file (FORMAT.md, "Configuration"). As for incidents, every
 * property has a title, a description and examples for editors; `default`
 * says what an absent key means.
 */

const MILESTONE_MEANINGS: Readonly<Record<(typeof MILESTONES)[number], string>> = {
  'impact-start': 'Users start being affected.',
  detected: 'The problem is noticed.',
  acknowledged: 'Someone takes responsibility for the response.',
  identified: 'The cause is known.',
  mitigated: 'The impact is stopped or worked around.',
  resolved: 'Back to normal.',
};

const milestone = (title: string, description: string, example: (typeof MILESTONES)[number]) =>
  enumOf(MILESTONES, MILESTONE_MEANINGS, { title, description, examples: [example] });

export const Severity = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      title: 'Severity id',
      description: 'The level as written in incidents (`severity:`).',
      examples: ['SEV1'],
    }),
    description: Type.String({
      minLength: 1,
      title: 'Meaning',
      description: 'What the level means; shown beside the severity in postmortems and in editors.',
      examples: ['Critical, widespread customer impact'],
    }),
  },
  {
    additionalProperties: false,
    title: 'Severity level',
    description: 'One severity level: `id` and `description`.',
    examples: [{ id: 'SEV1', description: 'Critical, widespread customer impact' }],
  },
);

export const FigureDefinition = Type.Object(
  {
    from: milestone('From', 'The milestone the figure starts at.', 'impact-start'),
    to: milestone('To', 'The milestone the figure ends at.', 'resolved'),
  },
  {
    additionalProperties: false,
    title: 'Figure',
    description: 'A derived figure: the time between two milestones.',
    examples: [{ from: 'detected', to: 'resolved' }],
  },
);

const CHECK_LEVEL_MEANINGS: Readonly<Record<(typeof CHECK_LEVELS)[number], string>> = {
  off: 'The check does not run.',
  warning: 'Findings are warnings: shown, and the file stays valid.',
  error: 'Findings are errors: the file is invalid, and `build` refuses it.',
};

const CHECK_DEFAULTS: Readonly<Record<CheckRule, string>> = {
  'placeholder-text': 'a warning, and an error in a `final` incident',
  'blaming-language': 'a warning',
  'figure-mismatch': 'a warning',
};

const checkLevel = (rule: CheckRule, finds: string) =>
  enumOf(CHECK_LEVELS, CHECK_LEVEL_MEANINGS, {
    title: `${rule} level`,
    description: `${finds} By default ${CHECK_DEFAULTS[rule]}; a level set here applies whatever the incident's status.`,
    examples: ['warning'],
  });

const BLAMING_FINDS = 'Wording that blames a person ("human error", "forgot to", a person of `roles` or `authors` as the subject of such a phrase) instead of describing what the system allowed.';

const phraseList = (title: string, description: string, examples: string[]) =>
  Type.Array(Type.String({ minLength: 1, pattern: '\\S', patternErrorMessage: 'Must be a phrase: one or more words.', title: 'Phrase', description: 'Words separated by spaces, matched as whole words in any case.', examples }), {
    title,
    description,
    examples: [examples],
  });

export const ChecksSchema = Type.Object(
  {
    'placeholder-text': Type.Optional(
      checkLevel('placeholder-text', 'Text never written: `TODO`, `TBD`, `FIXME`, `XXX`, `???`, "To be written", "Lorem ipsum".'),
    ),
    'blaming-language': Type.Optional(
      Type.Union(
        [
          checkLevel('blaming-language', BLAMING_FINDS),
          Type.Object(
            {
              level: Type.Optional(checkLevel('blaming-language', BLAMING_FINDS)),
              add: Type.Optional(phraseList('Phrases to add', 'Blaming phrases to look for besides the built-in ones.', ['dropped the ball'])),
              remove: Type.Optional(phraseList('Phrases to remove', 'Built-in blaming phrases not to look for.', ['blame'])),
            },
            {
              additionalProperties: false,
              title: 'blaming-language settings',
              description: 'The level, and phrases to add to or remove from the built-in list.',
              examples: [{ level: 'warning', add: ['dropped the ball'], remove: ['blame'] }],
            },
          ),
        ],
        {
          title: 'blaming-language',
          description: `${BLAMING_FINDS} A level (\`off\`, \`warning\`, \`error\`), or a mapping with \`level\`, \`add\` and \`remove\`.`,
          examples: ['warning', { add: ['dropped the ball'], remove: ['blame'] }],
        },
      ),
    ),
    'figure-mismatch': Type.Optional(
      checkLevel(
        'figure-mismatch',
        'A duration written in `summary` or `impact.description` ("for about two hours") that differs from the timeline\'s (impact-start to resolved) by more than a quarter and more than 10 minutes.',
      ),
    ),
  },
  {
    additionalProperties: false,
    title: 'Review checks',
    description: 'Review checks (`placeholder-text`, `blaming-language`, `figure-mismatch`) and their levels: `off`, `warning` or `error`.',
    examples: [{ 'blaming-language': 'warning', 'placeholder-text': 'error' }],
  },
);

export const ConfigSchema = Type.Object(
  {
    incidents: Type.Optional(
      Type.String({
        minLength: 1,
        title: 'Incidents folder',
        description: 'Folder incident files are read from, relative to this file.',
        default: 'incidents',
        examples: ['incidents'],
      }),
    ),
    out: Type.Optional(
      Type.String({
        minLength: 1,
        title: 'Output folder',
        description: 'Folder postmortems are written to, relative to this file.',
        default: 'postmortems',
        examples: ['postmortems'],
      }),
    ),
    timezone: Type.Optional(
      Type.String({
        minLength: 1,
        title: 'Default time zone',
        description: 'Default IANA time zone for incidents that name none.',
        default: 'UTC',
        examples: ['UTC', 'Europe/London'],
      }),
    ),
    severities: Type.Optional(
      Type.Array(Severity, {
        minItems: 1,
        title: 'Severity levels',
        description: 'Severity levels, most severe first; by default SEV1 to SEV4.',
        markdownDescription:
          'Severity levels, most severe first. By default `SEV1` (critical, widespread customer impact) to `SEV4` (no customer impact). ' +
          'Run `postmortem schema --out schema/incident.schema.json` after changing them, so editors offer the new levels.',
        examples: [
          [
            { id: 'SEV1', description: 'Critical, widespread customer impact' },
            { id: 'SEV2', description: 'Major customer impact' },
          ],
        ],
      }),
    ),
    templates: Type.Optional(
      Type.String({
        minLength: 1,
        title: 'Templates folder',
        description: 'Folder whose `postmortem/*.hbs` and `report/*.hbs` files override built-in templates by name, relative to this file.',
        examples: ['templates'],
      }),
    ),
    metrics: Type.Optional(
      Type.Record(
        // A name to show: not empty, not only spaces.
        Type.String({ pattern: '\\S' }),
        FigureDefinition,
        {
          title: 'Derived figures',
          description: 'Derived figures to redefine or add, by name.',
          markdownDescription:
            'Derived figures to redefine or add, by name (in any case): each is the time `from` one milestone `to` another. ' +
            'The built-in ones are `duration`, `time to detect`, `time to acknowledge`, `time to identify`, `time to mitigate` and `time to resolve`.',
          examples: [{ 'time to resolve': { from: 'detected', to: 'resolved' } }],
          additionalProperties: false,
        },
      ),
    ),
    display_zones: Type.Optional(
      Type.Array(Type.String({ minLength: 1, title: 'Zone', description: 'A canonical IANA zone.', examples: ['UTC'] }), {
        title: 'Zones shown beside every time',
        description: 'Zones shown next to each time of a postmortem, besides the incident\'s own: a global team reads UTC beside local time.',
        examples: [['UTC'], ['UTC', 'Asia/Kolkata']],
      }),
    ),
    trackers: Type.Optional(
      Type.Record(
        Type.String({ pattern: TRACKER_PREFIX_PATTERN }),
        Type.String({
          pattern: TRACKER_URL_PATTERN,
          patternErrorMessage: 'Must be an absolute http(s) URL with `{key}` where the ticket key goes.',
          title: 'Ticket address',
          description: 'The address of a ticket, with `{key}` where its key goes.',
          examples: ['https://tracker.example.com/browse/{key}'],
        }),
        {
          title: 'Trackers',
          description: 'Ticket keys (`OPS-1234`) by prefix: the address each prefix links to, with `{key}` where the key goes.',
          examples: [{ OPS: 'https://tracker.example.com/browse/{key}' }],
          additionalProperties: false,
        },
      ),
    ),
    checks: Type.Optional(ChecksSchema),
    import: Type.Optional(
      Type.Object(
        {
          severity_map: Type.Optional(
            Type.Record(
              Type.String({ minLength: 1 }),
              Type.String({ minLength: 1, title: 'Severity', description: 'A configured severity level.', examples: ['SEV1'] }),
              {
                title: 'Severity map',
                description:
                  "How `postmortem import` reads a source's own severity or priority label (a status page's `critical`, a pager's `P1`): label → configured level. Labels match in any case; `--severity-map` adds to it and `--severity` overrides it.",
                examples: [{ critical: 'SEV1', major: 'SEV2', minor: 'SEV3', none: 'SEV4' }],
              },
            ),
          ),
        },
        {
          additionalProperties: false,
          title: 'Import',
          description: 'Settings of `postmortem import`.',
          examples: [{ severity_map: { critical: 'SEV1', major: 'SEV2' } }],
        },
      ),
    ),
  },
  {
    additionalProperties: false,
    $id: 'https://incident-postmortem.dev/schema/config.schema.json',
    title: 'postmortem configuration',
    description: 'postmortem.config.yaml: every key is optional.',
    examples: [{ incidents: 'incidents', out: 'postmortems', timezone: 'UTC' }],
  },
);

export type ConfigData = Static<typeof ConfigSchema>;
