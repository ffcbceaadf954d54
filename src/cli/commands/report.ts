import { resolve } from 'node:path';
import { type ResolvedConfig, loadConfig } from '../../config/config.js';
import { displayPath } from '../../pipeline/paths.js';
import { TemplateRenderError, templateFolders } from '../../render/templates.js';
import { buildReport } from '../../report/build-report.js';
import { type ReportTemplates, loadReportTemplates, renderReportMarkdown, reportTemplateDiagnostic } from '../../report/render-report.js';
import { reportToCsv } from '../../report/report-csv.js';
import { freeMemory } from '../../memory/free-memory.js';
import { EXIT_INVALID } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { ReportArgs } from '../main.js';
import { checkSeverities, exitCodeOf, incidentFilters, loadRecords, postmortemLinks } from './many-incidents.js';
import { emit, printDiagnostics } from './shared.js';

/** From this many files on, memory is freed before rendering (see freeMemory). */
const LARGE_RUN_FILES = 1000;

/**
 * `postmortem report`: figures across the incidents the filters keep, as
 * Markdown (through the overridable `report.hbs`), JSON (the Report model)
 * or CSV. Exit 1 when an input file is invalid (the report covers the valid
 * ones) or a template fails; 2 for a bad option.
 */
export async function runReport(args: ReportArgs, io: CliIo): Promise<number> {
  const filters = incidentFilters(args);
  // Checked before any file is read; a configuration with errors is left for loadRecords to report.
  const early = await loadConfig(io.cwd, args.config);
  const configOk = !early.diagnostics.some((d) => d.severity === 'error');
  if (configOk) checkSeverities(filters, early.config.severities.map((level) => level.id));
  // Templates first too: a broken override is reported before thousands of files are read.
  let templates = args.format === 'md' && configOk ? await reportTemplates(early.config, args, io) : undefined;
  if (templates === null) return EXIT_INVALID;

  const loaded = await loadRecords(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config, collected, asOf } = loaded;
  if (args.format === 'md') templates ??= await reportTemplates(config, args, io);
  if (templates === null) return EXIT_INVALID;

  const report = buildReport(collected.records, {
    asOf,
    groupBy: args.by,
    filters,
    severities: config.severities.map((level) => level.id),
    figureNames: config.figures.map((figure) => figure.name),
    link: postmortemLinks(config, args, io),
  });
  // The records are in the report now; freeing them leaves room for rendering ten thousand incidents.
  collected.records.length = 0;
  if (collected.summary.files >= LARGE_RUN_FILES) freeMemory();

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

/** Template files named relative to the working directory, as other messages name files. */
function shown<T extends { file: string }>(diagnostics: readonly T[], io: CliIo): T[] {
  return diagnostics.map((d) => ({ ...d, file: displayPath(resolve(io.cwd, d.file), io.cwd) }));
}
