import { dirname, resolve } from 'node:path';
import type { ResolvedConfig } from '../../config/config.js';
import { quoteList } from '../../diagnostics/suggest.js';
import { asOfDay } from '../../report/as-of-day.js';
import { type CollectedRecords, collectRecords } from '../../report/collect-records.js';
import { type FilterProblem, readIncidentFilters, unknownSeverity } from '../../report/filter-input.js';
import { postmortemLinks as linksFrom } from '../../report/postmortem-link.js';
import type { IncidentFilters } from '../../report/report-model.js';
import { EXIT_INVALID, UsageError } from '../exit-codes.js';
import { freeMemory, limitHeapGrowth } from '../free-memory.js';
import type { CliIo } from '../io.js';
import type { IncidentFilterArgs, ManyIncidentArgs } from '../options.js';
import { type Progress, progressFor } from '../progress.js';
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

export interface LoadOptions {
  /** Keep each incident's timeline too (`export --what events`). */
  events?: boolean;
  /** The command's filters, checked against the configuration before any file is read. */
  filters?: IncidentFilters;
  /** Runs once the configuration is loaded, before any file is read; `false` stops the run (exit 1), its problems printed. */
  beforeReading?: (config: ResolvedConfig) => Promise<boolean>;
}

export async function loadRecords(args: ManyIncidentArgs, io: CliIo, options: LoadOptions = {}): Promise<LoadedRecords | { exitCode: number }> {
  // Problems go to standard error in the readable form: standard output is the result.
  const loaded = await configFor({ ...args, format: 'pretty' }, { ...io, stdout: io.stderr });
  if ('exitCode' in loaded) return loaded;
  const { config } = loaded;
  const asOf = resolveAsOf(args.asOf, config, io);
  if (options.filters) checkSeverities(options.filters, config);
  if (options.beforeReading && !(await options.beforeReading(config))) return { exitCode: EXIT_INVALID };

  // Over many files V8 would let its heap grow to several times what is live.
  limitHeapGrowth();
  let bar: Progress | undefined;
  const collected = await collectRecords({
    config,
    cwd: io.cwd,
    inputs: args.paths,
    strict: args.strict,
    events: options.events ?? false,
    onProgress: async (done, total) => {
      if (done === 1) bar = await progressFor(io, 'Reading incidents', total);
      bar?.update(done);
    },
    // Over thousands of files, what reading them left behind is collected as it goes.
    freeMemory,
  });
  bar?.stop();
  if (collected.diagnostics.length) {
    printDiagnostics(collected.diagnostics, { ...args, format: 'pretty' }, io, 'stderr');
    io.stderr(formatSummary(collected.summary, { colour: false }));
  }
  return { config, collected, asOf };
}

/** `--as-of`, checked; by default today in the configured zone. */
export function resolveAsOf(asOf: string | undefined, config: ResolvedConfig, io: CliIo): string {
  const day = asOfDay(asOf, config.timezone, io.now());
  if (!day.ok) throw new UsageError(`--as-of \`${asOf}\`: ${day.problem}; write a day as YYYY-MM-DD`);
  return day.day;
}

/** Links to the postmortems from the output: from the folder of `--out`, else the working directory. */
export function postmortemLinks(config: ResolvedConfig, args: { out?: string }, io: CliIo): (id: string) => string {
  return linksFrom(args.out === undefined ? io.cwd : dirname(resolve(io.cwd, args.out)), config.out);
}

/** The incident filters of the command line; `--since` and `--until` are checked before any file is read. */
export function incidentFilters(args: IncidentFilterArgs): IncidentFilters {
  const read = readIncidentFilters({
    since: args.since,
    until: args.until,
    services: args.service,
    severities: args.severity,
    tags: args.tag,
    statuses: args.status,
  });
  if (!read.ok) throw filterUsageError(read.problem);
  return read.filters;
}

/** A `--severity` that is no configured level can only be a typo: a usage error, with the closest level. */
export function checkSeverities(filters: IncidentFilters, config: ResolvedConfig): void {
  const problem = unknownSeverity(filters, config.severities.map((level) => level.id));
  if (problem) throw filterUsageError(problem);
}

/** A filter problem in the terms of the command line. */
function filterUsageError(problem: FilterProblem): UsageError {
  switch (problem.kind) {
    case 'not-a-day':
      return new UsageError(`--${problem.field} \`${problem.value}\`: ${problem.problem}; write a day as YYYY-MM-DD`);
    case 'empty-range':
      return new UsageError(`--since ${problem.since} is after --until ${problem.until}: no incident could match`);
    case 'unknown-severity': {
      const near = problem.near ? `; did you mean \`${problem.near}\`?` : '.';
      return new UsageError(`--severity \`${problem.value}\` is not a configured level${near} The levels are ${quoteList(problem.levels)}.`);
    }
  }
}
