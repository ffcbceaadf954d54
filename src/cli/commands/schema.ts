import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { SeverityLevel } from '../../config/config.js';
import { displayPath } from '../../pipeline/paths.js';
import { schemaForConfig, schemaText } from '../../schema/schema-for-config.js';
import { EXIT_OK, UsageError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { SchemaArgs } from '../main.js';
import { configFor } from './shared.js';

/**
 * `postmortem schema [incident|config] [--out FILE]`: the JSON Schema for
 * editors. The incident schema lists the configured severity levels; with the
 * default configuration it is exactly the committed `schema/incident.schema.json`.
 * Standard output carries only the schema: configuration problems go to
 * standard error, and with `--out` standard output says `wrote <path>`.
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
  if (args.out === undefined) {
    io.stdout(text);
    return EXIT_OK;
  }
  const target = resolve(io.cwd, args.out);
  try {
    await mkdir(dirname(target), { recursive: true });
    const writeFileAtomic = (await import('write-file-atomic')).default;
    await writeFileAtomic(target, text);
  } catch (error) {
    throw new UsageError(`cannot write ${args.out}: ${(error as Error).message}`);
  }
  io.stdout(`wrote ${displayPath(target, io.cwd)}\n`);
  return EXIT_OK;
}
