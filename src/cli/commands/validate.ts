import { validateIncidents } from '../../pipeline/run.js';
import type { CliIo } from '../io.js';
import type { ValidateArgs } from '../main.js';
import { configFor, reportRun } from './shared.js';

export async function runValidate(args: ValidateArgs, io: CliIo): Promise<number> {
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const result = await validateIncidents({ config: loaded.config, inputs: args.paths, cwd: io.cwd, strict: args.strict });
  return reportRun(result, args, io);
}
