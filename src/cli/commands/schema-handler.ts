import type { SeverityLevel } from '../../config/config.js';
import { schemaForConfig, schemaText } from '../../schema/schema-for-config.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { SchemaArgs } from './schema.js';
import { configFor, emit } from './shared.js';

/**
 * `postmortem schema [incident|config] [--out FILE]`: the JSON Schema for
 * editors. The incident schema lists the configured severity levels; with the
 * default configuration it is exactly the committed `schema/incident.schema.json`.
 * Standard output carries only the schema: configuration problems go to
 * standard error, and with `--out` standard error says `wrote <path>`.
 */
export async function runSchema(args: SchemaArgs, io: CliIo): Promise<number> {
  const { which } = args;
  let severities: SeverityLevel[] = [];
  if (which === 'incident') {
    const loaded = await configFor(args, { ...io, stdout: io.stderr });
    if ('exitCode' in loaded) return loaded.exitCode;
    severities = loaded.config.severities;
  }
  const text = schemaText(await schemaForConfig(which, { severities }));
  return (await emit(text, args, io)) ?? EXIT_OK;
}
