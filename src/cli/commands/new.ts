import { EXIT_USAGE } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { NewArgs } from '../main.js';

export async function runNew(_args: NewArgs, io: CliIo): Promise<number> {
  io.stderr('postmortem: new is being built\n');
  return EXIT_USAGE;
}
