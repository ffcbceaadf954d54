import { type ArgsOf, defineCommand } from '../command.js';
import { PROBLEM_FORMAT } from '../options.js';

const SCHEMA_KINDS = ['incident', 'config'] as const;

const positionals = { which: { choices: SCHEMA_KINDS, default: 'incident', describe: 'Which schema' } } as const;
const options = {
  format: PROBLEM_FORMAT,
  out: { type: 'string', describe: 'Write it to this file instead of standard output' },
} as const;
export type SchemaArgs = ArgsOf<typeof positionals, typeof options>;

export const schemaCommand = defineCommand({
  name: 'schema',
  describe: 'Print the JSON Schema for incident files (with the configured severities) or for the configuration',
  positionals,
  options,
  handler: async () => (await import('./schema-handler.js')).runSchema,
});
