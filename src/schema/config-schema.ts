import { type Static, Type } from '@sinclair/typebox';
import { MILESTONES } from './vocabulary.js';

const milestone = (description: string) =>
  Type.Unsafe<(typeof MILESTONES)[number]>(Type.String({ enum: [...MILESTONES], description }));

export const Severity = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'The level as written in incidents.', examples: ['SEV1'] }),
    description: Type.String({ minLength: 1, description: 'What the level means.', examples: ['Critical, widespread customer impact'] }),
  },
  { additionalProperties: false, description: 'One severity level.' },
);

export const FigureDefinition = Type.Object(
  {
    from: milestone('The milestone the figure starts at.'),
    to: milestone('The milestone the figure ends at.'),
  },
  { additionalProperties: false, description: 'A derived figure: the time between two milestones.' },
);

export const ConfigSchema = Type.Object(
  {
    incidents: Type.Optional(
      Type.String({ minLength: 1, description: 'Folder incident files are read from.', default: 'incidents' }),
    ),
    out: Type.Optional(Type.String({ minLength: 1, description: 'Folder postmortems are written to.', default: 'postmortems' })),
    timezone: Type.Optional(
      Type.String({ minLength: 1, description: 'Default IANA time zone for incidents that name none.', default: 'UTC' }),
    ),
    severities: Type.Optional(
      Type.Array(Severity, { minItems: 1, description: 'Severity levels, most severe first.' }),
    ),
    templates: Type.Optional(
      Type.String({ minLength: 1, description: 'Folder whose `.hbs` files override built-in templates by name.' }),
    ),
    metrics: Type.Optional(
      Type.Record(Type.String({ minLength: 1 }), FigureDefinition, {
        description: 'Derived figures to redefine or add, by name.',
        examples: [{ 'time to resolve': { from: 'detected', to: 'resolved' } }],
      }),
    ),
  },
  {
    additionalProperties: false,
    $id: 'https://incident-postmortem.dev/schema/config.schema.json',
    title: 'postmortem configuration',
    description: 'postmortem.config.yaml: every key is optional.',
  },
);

export type ConfigData = Static<typeof ConfigSchema>;
