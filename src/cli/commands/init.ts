import { EXIT_USAGE } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { InitArgs } from '../main.js';

export async function runInit(_args: InitArgs, io: CliIo): Promise<number> {
  io.stderr('postmortem: init is being built\n');
  return EXIT_USAGE;
}
