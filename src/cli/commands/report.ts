import { buildReport } from '../../report/build-report.js';
import type { ReportTemplates } from '../../report/render-report.js';
import { reportToCsv } from '../../report/report-csv.js';
import { freeMemory } from '../../memory/free-memory.js';
import { EXIT_INVALID } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { ReportArgs } from '../main.js';
import { exitCodeOf, incidentFilters, loadRecords, postmortemLinks } from './many-incidents.js';
import { emit } from './shared.js';

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

  const text = markdown
    ? markdown.reportMarkdown(report, templates!, args, io)
    : args.format === 'csv'
      ? reportToCsv(report, { raw: args.rawCsv })
      : `${JSON.stringify(report, null, 2)}\n`;
  if (text === null) return EXIT_INVALID;
  const unwritten = await emit(text, args, io);
  if (unwritten !== null) return unwritten;
  return exitCodeOf(collected);
}
