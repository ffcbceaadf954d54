import { dirname, join, relative, resolve, sep } from 'node:path';
import { type ResolvedConfig, loadConfig } from '../../config/config.js';
import { closestMatch, quoteList } from '../../diagnostics/suggest.js';
import { displayPath } from '../../pipeline/paths.js';
import { TemplateRenderError, templateFolders } from '../../render/templates.js';
import { buildReport } from '../../report/build-report.js';
import { type ReportTemplates, loadReportTemplates, renderReportMarkdown, reportTemplateDiagnostic } from '../../report/render-report.js';
import { reportToCsv } from '../../report/report-csv.js';
import type { IncidentFilters } from '../../report/report-model.js';
import { parseDate } from '../../time/timestamp.js';
import { EXIT_INVALID, UsageError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { ReportArgs } from '../main.js';
import { emit, exitCodeOf, loadRecords } from './many-incidents.js';
import { printDiagnostics } from './shared.js';

/**
 * `postmortem report`: figures across the incidents the filters keep, as
 * Markdown (through the overridable `report.hbs`), JSON (the Report model)
 * or CSV. Exit 1 when an input file is invalid (the report covers the valid
 * ones) or a template fails; 2 for a bad option.
 */
export async function runReport(args: ReportArgs, io: CliIo): Promise<number> {
  const filters = filtersOf(args);
  // Checked before any file is read; a configuration with errors is left for loadRecords to report.
  const early = await loadConfig(io.cwd, args.config);
  const configOk = !early.diagnostics.some((d) => d.severity === 'error');
  if (configOk) checkSeverities(args, early.config.severities.map((level) => level.id));
  // Templates first too: a broken override is reported before thousands of files are read.
  let templates = args.format === 'md' && configOk ? await reportTemplates(early.config, args, io) : undefined;
  if (templates === null) return EXIT_INVALID;

  const loaded = await loadRecords(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config, collected, asOf } = loaded;
  if (args.format === 'md') templates ??= await reportTemplates(config, args, io);
  if (templates === null) return EXIT_INVALID;

  const reportFolder = args.out === undefined ? io.cwd : dirname(resolve(io.cwd, args.out));
  const report = buildReport(collected.records, {
    asOf,
    groupBy: args.by,
    filters,
    severities: config.severities.map((level) => level.id),
    figureNames: config.figures.map((figure) => figure.name),
    link: (id) => postmortemLink(reportFolder, join(config.out, `${id}.md`)),
  });

  let text: string;
  if (templates) {
    try {
      text = renderReportMarkdown(report, templates);
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      printDiagnostics(shown([reportTemplateDiagnostic(templates, error)], io), { ...args, format: 'pretty' }, io, io.stderr);
      return EXIT_INVALID;
    }
  } else {
    text = args.format === 'csv' ? reportToCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
  }
  await emit(text, args, io);
  return exitCodeOf(collected);
}

/** The report templates of `--templates` or the configured folder; `null` after printing their problems. */
async function reportTemplates(config: ResolvedConfig, args: ReportArgs, io: CliIo): Promise<ReportTemplates | null> {
  const loaded = await loadReportTemplates(templateFolders(config, args.templates ? [resolve(io.cwd, args.templates)] : undefined));
  if (loaded.ok) return loaded.templates;
  printDiagnostics(shown(loaded.diagnostics, io), { ...args, format: 'pretty' }, io, io.stderr);
  return null;
}

/**
 * The link from the report to a postmortem: relative to the report's folder,
 * with `/` separators, and percent-encoded where a character would end or
 * change a URL path (`#`, `?`, spaces…), so it works as a Markdown link.
 */
export function postmortemLink(reportFolder: string, page: string): string {
  const path = relative(reportFolder, page).split(sep).join('/');
  return encodeURI(path).replace(/[#?]/g, (c) => encodeURIComponent(c));
}

/** The incident filters of the command line; `--since` and `--until` checked before any file is read. */
function filtersOf(args: ReportArgs): IncidentFilters {
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
function checkSeverities(args: ReportArgs, levels: readonly string[]): void {
  for (const wanted of (args.severity ?? []).map(String)) {
    if (levels.includes(wanted)) continue;
    const near = closestMatch(wanted, levels);
    throw new UsageError(
      `--severity \`${wanted}\` is not a configured level${near ? `; did you mean \`${near}\`?` : '.'} The levels are ${quoteList(levels)}.`,
    );
  }
}

/** Template files named relative to the working directory, as other messages name files. */
function shown<T extends { file: string }>(diagnostics: readonly T[], io: CliIo): T[] {
  return diagnostics.map((d) => ({ ...d, file: displayPath(resolve(io.cwd, d.file), io.cwd) }));
}
