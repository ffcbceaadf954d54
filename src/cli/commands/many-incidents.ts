import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ResolvedConfig } from '../../config/config.js';
import { type CollectedRecords, collectRecords } from '../../report/collect-records.js';
import { parseDate } from '../../time/timestamp.js';
import { wallDate } from '../../time/wall-time.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError } from '../exit-codes.js';
import { hasInternalError } from '../../pipeline/run.js';
import type { CliIo } from '../io.js';
import type { IncidentFilterArgs, ManyIncidentArgs } from '../main.js';
import type { IncidentFilters } from '../../report/report-model.js';
import { closestMatch, quoteList } from '../../diagnostics/suggest.js';
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
  if (options.filters) checkSeverities(options.filters, config.severities.map((level) => level.id));
  if (options.beforeReading && !(await options.beforeReading(config))) return { exitCode: EXIT_INVALID };

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

/**
 * Where an incident's postmortem is, as a link from the output: relative to
 * the folder of `--out` (else the working directory), with `/` separators,
 * and percent-encoded where a character would end or change a URL path
 * (`#`, `?`, spaces…), so it works as a Markdown link.
 */
export function postmortemLinks(config: ResolvedConfig, args: { out?: string }, io: CliIo): (id: string) => string {
  const from = args.out === undefined ? io.cwd : dirname(resolve(io.cwd, args.out));
  return (id) => postmortemLink(from, join(config.out, `${id}.md`));
}

export function postmortemLink(fromFolder: string, page: string): string {
  const path = relative(fromFolder, page).split(sep).join('/');
  return encodeURI(path).replace(/[#?]/g, (c) => encodeURIComponent(c));
}

/**
 * The incident filters of the command line; `--since` and `--until` are
 * checked before any file is read. Values are matched exactly, so a list is
 * given by repeating the option (a service name may itself hold a comma).
 */
export function incidentFilters(args: IncidentFilterArgs): IncidentFilters {
  for (const [option, value] of [
    ['--since', args.since],
    ['--until', args.until],
  ] as const) {
    if (value === undefined) continue;
    const parsed = parseDate(value);
    if ('problem' in parsed) throw new UsageError(`${option} \`${value}\`: ${parsed.problem}; write a day as YYYY-MM-DD`);
  }
  if (args.since !== undefined && args.until !== undefined && args.since > args.until) {
    throw new UsageError(`--since ${args.since} is after --until ${args.until}: no incident could match`);
  }
  const filters: IncidentFilters = {};
  if (args.since !== undefined) filters.since = args.since;
  if (args.until !== undefined) filters.until = args.until;
  if (args.service?.length) filters.services = args.service.map(String);
  if (args.severity?.length) filters.severities = args.severity.map(String);
  if (args.tag?.length) filters.tags = args.tag.map(String);
  if (args.status?.length) filters.statuses = [...args.status];
  return filters;
}

/**
 * Every incident's severity is one of the configured levels, so a `--severity`
 * that is none of them can only be a typo: a usage error, with the closest level.
 */
export function checkSeverities(filters: IncidentFilters, levels: readonly string[]): void {
  for (const wanted of filters.severities ?? []) {
    if (levels.includes(wanted)) continue;
    const near = closestMatch(wanted, levels);
    throw new UsageError(
      `--severity \`${wanted}\` is not a configured level${near ? `; did you mean \`${near}\`?` : '.'} The levels are ${quoteList(levels)}.`,
    );
  }
}

/** 1 when some file was invalid (the result covers the valid ones), else 0. */
export function exitCodeOf(collected: CollectedRecords): number {
  // A bug met on one file (the others were processed): the tool's own failure.
  if (hasInternalError(collected.diagnostics)) return EXIT_USAGE;
  return collected.summary.invalid > 0 ? EXIT_INVALID : EXIT_OK;
}
