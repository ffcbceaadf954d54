import { EXIT_USAGE } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { SchemaArgs } from '../main.js';

export async function runSchema(_args: SchemaArgs, io: CliIo): Promise<number> {
  io.stderr('postmortem: schema is being built\n');
  return EXIT_USAGE;
}
