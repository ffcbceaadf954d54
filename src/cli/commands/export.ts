import { EXIT_USAGE } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { ExportArgs } from '../main.js';

export async function runExport(_args: ExportArgs, io: CliIo): Promise<number> {
  io.stderr('postmortem: export is being built\n');
  return EXIT_USAGE;
}
