import { resolve } from 'node:path';
import type { ResolvedConfig } from '../../config/config.js';
import { TemplateRenderError } from '../../render/templates.js';
import { templateFolders } from '../../render/template-family.js';
import type { Report } from '../../report/report-model.js';
import { type ReportTemplates, loadReportTemplates, reportMarkdownPieces, reportTemplateDiagnostic } from '../../report/render-report.js';
import { freeMemoryIfGrown } from '../free-memory.js';
import type { CliIo } from '../io.js';
import type { ReportArgs } from './report.js';
import { printDiagnostics } from './shared.js';
import { shownDiagnostics } from './shown-paths.js';

/**
 * `report --format md`'s own part, loaded only for it: Handlebars and the
 * remark stage are not needed for JSON or CSV. Template problems go to
 * standard error, with their files named relative to the working directory.
 */

/** The report templates of `--templates` or the configured folder, after printing their warnings; `null` after printing their problems. */
export async function reportTemplates(config: ResolvedConfig, args: ReportArgs, io: CliIo): Promise<ReportTemplates | null> {
  const loaded = await loadReportTemplates(templateFolders(config, args.templates ? [resolve(io.cwd, args.templates)] : undefined));
  // Problems, or when the templates load, their warnings (a folder in the old flat layout).
  if (loaded.diagnostics.length) printDiagnostics(shownDiagnostics(loaded.diagnostics, io.cwd), { ...args, format: 'pretty' }, io, 'stderr');
  return loaded.ok ? loaded.templates : null;
}

/**
 * The report as Markdown, printed as it is written; `null` after printing the
 * problem when a template fails. Memory is freed between pieces once the heap
 * has grown (see freeMemoryIfGrown).
 */
export function reportMarkdown(report: Report, templates: ReportTemplates, args: ReportArgs, io: CliIo): Iterable<string> | null {
  try {
    return reportMarkdownPieces(report, templates, undefined, freeMemoryIfGrown);
  } catch (error) {
    if (!printedTemplateError(error, args, io)) throw error;
    return null;
  }
}

/**
 * Prints the problem when `error` is a template's, and says whether it was.
 * A row of the list of incidents is rendered as the report is written
 * (deferred-each.ts): a template that fails only on some rows fails while
 * writing, and the report written so far is then left unfinished (standard
 * output) or not written at all (`--out`).
 */
export function printedTemplateError(error: unknown, args: ReportArgs, io: CliIo): boolean {
  if (!(error instanceof TemplateRenderError)) return false;
  printDiagnostics(shownDiagnostics([reportTemplateDiagnostic(error)], io.cwd), { ...args, format: 'pretty' }, io, 'stderr');
  return true;
}
