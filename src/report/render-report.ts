import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { normaliseMarkdown } from '../render/render-postmortem.js';
import { printInPieces } from '../render/markdown/process-in-pieces.js';
import { Slots } from '../render/markdown/slots.js';
import { type TemplateRenderError, loadTemplateFamily } from '../render/templates.js';
import { FIELDS_DOC, type TemplateFamily, type TemplateResult, type TemplateSet, isFlatReportTemplate } from '../render/template-family.js';
import type { Report } from './report-model.js';
import { buildReportView } from './build-report-view.js';
import { printReportPiece } from './print-report-piece.js';
import { REPORT_VIEW_SHAPE, type ReportView } from './report-view.js';

/**
 * The report's templates: `report/report.hbs` and its partials
 * (`report/totals.hbs`, called as `{{> totals}}`), among the built-in
 * templates, each overridable by name from `report/` in the `--templates` or
 * the configured folder, exactly like the postmortem's. In the old flat
 * layout they were `report.hbs` and `report-totals.hbs`: those names still
 * work, with a warning.
 */
export const REPORT_TEMPLATES: TemplateFamily = {
  main: 'report',
  folder: 'report',
  ownsFlat: isFlatReportTemplate,
  oldPrefix: 'report-',
  shape: REPORT_VIEW_SHAPE,
  viewName: 'ReportView',
  fieldsHint: `The fields a report template can use are listed in ${FIELDS_DOC}, in the package's templates folder (ReportView).`,
};

export type ReportTemplates = TemplateSet<ReportView>;

export function loadReportTemplates(folders: readonly string[] = []): Promise<TemplateResult<ReportView>> {
  return loadTemplateFamily<ReportView>(REPORT_TEMPLATES, folders);
}

/**
 * The report as Markdown: the view (every value behind a token), the
 * templates, then, piece by piece, the tree read straight from the template's
 * lines and printed block by block, or, for a piece outside that grammar,
 * the same remark stage as postmortems; either way user text is escaped for
 * where it lands and the output is normalised.
 * Throws TemplateRenderError when a template uses a field the view lacks.
 * `betweenPieces` runs after each piece (the CLI frees memory there when it
 * has grown).
 */
export function renderReportMarkdown(report: Report, templates: ReportTemplates, pieceChars?: number, betweenPieces?: () => void): string {
  return [...reportMarkdownPieces(report, templates, pieceChars, betweenPieces)].join('');
}

/**
 * `renderReportMarkdown` to be written as it is printed: the templates run
 * here (so a template error is thrown before anything is written), the
 * pieces are printed as they are taken (see `printReportPiece`), so only one
 * block's tree is alive at a time.
 */
export function reportMarkdownPieces(report: Report, templates: ReportTemplates, pieceChars?: number, betweenPieces?: () => void): Iterable<string> {
  const slots = new Slots();
  const markdown = templates.renderInChunks(buildReportView(report, slots), slots);
  return printInPieces(markdown, (piece) => printReportPiece(piece, slots), pieceChars, betweenPieces);
}

/** `renderReportMarkdown` through the remark stage only: the reference the piece-by-piece printing is compared with in tests. */
export function renderReportMarkdownGeneral(report: Report, templates: ReportTemplates): string {
  const slots = new Slots();
  return normaliseMarkdown(templates.render(buildReportView(report, slots)), slots, Number.POSITIVE_INFINITY);
}

/** The diagnostic for a report a template failed to render, at the failing place in the template. */
export function reportTemplateDiagnostic(error: TemplateRenderError): Diagnostic {
  return {
    file: error.file,
    ...error.position,
    severity: 'error',
    rule: 'template-error',
    message: `Cannot render the report: ${error.message}`,
    hint: 'Test optional parts before using their fields: `{{#with actions}}…{{/with}}`.',
  };
}
