import { type ReportOptions, buildReport } from '../../report/build-report.js';
import type { CollectedRecords } from '../../report/collect-records.js';
import type { Report } from '../../report/report-model.js';
import type { OutputText } from '../../output/output-text.js';
import type { ReportTemplates } from '../../report/render-report.js';
import { reportToCsv } from '../../report/report-csv.js';
import { jsonText } from '../../output/json-text.js';
import { EXIT_INVALID } from '../exit-codes.js';
import { freeMemory } from '../free-memory.js';
import type { CliIo } from '../io.js';
import type { ReportArgs } from './report.js';
import { incidentFilters, loadRecords, postmortemLinks } from './many-incidents.js';
import { emit, resultExitCode } from './shared.js';

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
  const markdown = args.format === 'md' ? await import('./report-markdown.js') : null;
  let templates: ReportTemplates | null = null;
  const loaded = await loadRecords(args, io, {
    filters,
    // A broken template override is reported before thousands of files are read.
    beforeReading: async (config) => {
      if (markdown) templates = await markdown.reportTemplates(config, args, io);
      return !markdown || templates !== null;
    },
  });
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config, collected, asOf } = loaded;

  const text = reportOutput(
    collected,
    {
      asOf,
      groupBy: args.by,
      filters,
      severities: config.severities.map((level) => level.id),
      figureNames: config.figures.map((figure) => figure.name),
      link: postmortemLinks(config, args, io),
      include: args.include ?? [],
    },
    (report) =>
      markdown
        ? markdown.reportMarkdown(report, templates!, args, io)
        : args.format === 'csv'
          ? reportToCsv(report, { raw: args.rawCsv })
          : jsonText(report),
  );
  if (text === null) return EXIT_INVALID;
  let unwritten: number | null;
  try {
    unwritten = await emit(text, args, io);
  } catch (error) {
    if (markdown?.printedTemplateError(error, args, io)) return EXIT_INVALID;
    throw error;
  }
  if (unwritten !== null) return unwritten;
  return resultExitCode(collected, args);
}

/**
 * The report in the chosen format, to be written as it is made. The records
 * are freed once the report is built, and the report itself once the
 * Markdown templates have run (only their values are kept while it prints):
 * over 100,000 incidents, each copy would be hundreds of megabytes.
 */
function reportOutput(collected: CollectedRecords, options: ReportOptions, format: (report: Report) => OutputText | null): OutputText | null {
  const large = collected.summary.files >= LARGE_RUN_FILES;
  // What reading the files left behind goes first: the report is built while the records are still alive.
  if (large) freeMemory();
  const report = buildReport(collected.records, options);
  collected.records.length = 0;
  if (large) freeMemory();
  return format(report);
}
