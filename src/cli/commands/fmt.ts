import { EXIT_USAGE } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { FmtArgs } from '../main.js';

export async function runFmt(_args: FmtArgs, io: CliIo): Promise<number> {
  io.stderr('postmortem: fmt is being built\n');
  return EXIT_USAGE;
}
