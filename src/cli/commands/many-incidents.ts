import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ResolvedConfig } from '../../config/config.js';
import { displayPath } from '../../pipeline/paths.js';
import { type CollectedRecords, collectRecords } from '../../report/collect-records.js';
import { parseDate } from '../../time/timestamp.js';
import { wallDate } from '../../time/wall-time.js';
import { EXIT_INVALID, EXIT_OK, UsageError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { ManyIncidentArgs } from '../main.js';
import { formatSummary } from '../reporters/pretty.js';
import { configFor, printDiagnostics } from './shared.js';

/**
 * The part `report`, `actions` and `export` share: read every incident (with
 * a progress bar on a terminal), keep the valid ones as records, and send the
 * problems of the others to standard error, so that standard output holds
 * only the result. One bad file never stops the rest from being counted.
 */
export interface LoadedRecords {
  config: ResolvedConfig;
  collected: CollectedRecords;
  /** `YYYY-MM-DD`. */
  asOf: string;
}

export async function loadRecords(
  args: ManyIncidentArgs,
  io: CliIo,
  options: { events?: boolean } = {},
): Promise<LoadedRecords | { exitCode: number }> {
  // Problems go to standard error in the readable form: standard output is the result.
  const loaded = await configFor({ ...args, format: 'pretty' }, { ...io, stdout: io.stderr });
  if ('exitCode' in loaded) return loaded;
  const { config } = loaded;
  const asOf = resolveAsOf(args.asOf, config, io);

  let bar: Awaited<ReturnType<NonNullable<CliIo['progress']>>>;
  const collected = await collectRecords({
    config,
    cwd: io.cwd,
    inputs: args.paths,
    strict: args.strict,
    events: options.events ?? false,
    onProgress: async (done, total) => {
      if (done === 1) bar = await io.progress?.('Reading incidents', total);
      bar?.update(done);
    },
  });
  bar?.stop();
  if (collected.diagnostics.length) {
    printDiagnostics(collected.diagnostics, { ...args, format: 'pretty' }, io, io.stderr);
    io.stderr(formatSummary(collected.summary, { colour: false }));
  }
  return { config, collected, asOf };
}

/** `--as-of`, checked; by default today in the configured zone (the only place a report reads the clock). */
export function resolveAsOf(asOf: string | undefined, config: ResolvedConfig, io: CliIo): string {
  if (asOf === undefined) return wallDate(io.now().getTime(), config.timezone);
  const parsed = parseDate(asOf);
  if ('problem' in parsed) throw new UsageError(`--as-of \`${asOf}\`: ${parsed.problem}; write a day as YYYY-MM-DD`);
  return asOf;
}

/** Prints the result, or writes it atomically to `--out` (creating folders). */
export async function emit(text: string, args: { out?: string }, io: CliIo): Promise<void> {
  if (args.out === undefined) {
    io.stdout(text);
    return;
  }
  const target = resolve(io.cwd, args.out);
  try {
    await mkdir(dirname(target), { recursive: true });
    const writeFileAtomic = (await import('write-file-atomic')).default;
    await writeFileAtomic(target, text);
  } catch (error) {
    throw new UsageError(`cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  io.stderr(`wrote ${displayPath(target, io.cwd)}\n`);
}

/** 1 when some file was invalid (the result covers the valid ones), else 0. */
export function exitCodeOf(collected: CollectedRecords): number {
  return collected.summary.invalid > 0 ? EXIT_INVALID : EXIT_OK;
}
