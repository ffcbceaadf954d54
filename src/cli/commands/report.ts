import { EXIT_USAGE } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { ReportArgs } from '../main.js';

export async function runReport(_args: ReportArgs, io: CliIo): Promise<number> {
  io.stderr('postmortem: report is being built\n');
  return EXIT_USAGE;
}
