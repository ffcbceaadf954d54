import { EXIT_USAGE } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { ActionsArgs } from '../main.js';

export async function runActions(_args: ActionsArgs, io: CliIo): Promise<number> {
  io.stderr('postmortem: actions is being built\n');
  return EXIT_USAGE;
}
