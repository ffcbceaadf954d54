import { EXIT_USAGE } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { LogArgs, ResolveArgs } from '../main.js';

export async function runLog(_args: LogArgs, io: CliIo): Promise<number> {
  io.stderr('postmortem: log is being built\n');
  return EXIT_USAGE;
}

export async function runResolve(_args: ResolveArgs, io: CliIo): Promise<number> {
  io.stderr('postmortem: resolve is being built\n');
  return EXIT_USAGE;
}
