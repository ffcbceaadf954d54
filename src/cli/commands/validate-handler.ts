import { keepModel } from '../../pipeline/process-file.js';
import { runFiles } from '../../pipeline/run-files.js';
import { inputFiles, outcomeOf } from '../../pipeline/run.js';
import { limitHeapGrowth } from '../free-memory.js';
import type { CliIo } from '../io.js';
import type { ValidateArgs } from './validate.js';
import { RunStream } from './run-stream.js';
import { configFor } from './shared.js';

/** Checks the files one at a time and prints each file's problems as it goes: memory stays flat however many files there are. */
export async function runValidate(args: ValidateArgs, io: CliIo): Promise<number> {
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const options = { config: loaded.config, inputs: args.paths, cwd: io.cwd, strict: args.strict, debug: Boolean(io.env.POSTMORTEM_DEBUG) };
  // Over many files V8 would let its heap grow to several times what is live.
  limitHeapGrowth();
  const { files, diagnostics } = await inputFiles(options);
  const stream = new RunStream(args, io, diagnostics);
  for await (const item of runFiles(files, options, keepModel)) {
    if ('late' in item) stream.late(item.late.map((problem) => problem.diagnostic));
    else stream.file(outcomeOf(item.result), item.result.diagnostics);
  }
  return stream.finish();
}
