import type { Root, RootContent } from 'mdast';
import { VFile } from 'vfile';
import { markdownProcessor } from '../render/markdown/processor.js';
import { splitForParsing } from '../render/markdown/process-in-pieces.js';
import { Slots } from '../render/markdown/slots.js';
import { treeFromTemplateOutput } from '../render/markdown/template-lines.js';
import { parsedForm } from '../render/postmortem-tree.js';
import { buildReportView } from '../report/build-report-view.js';
import type { Report } from '../report/report-model.js';
import { type ReportTemplates, renderReportMarkdown } from '../report/render-report.js';

/** The report page's content, made when a target asks for it: its Markdown, or the tree that Markdown parses to. */
export interface ReportContent {
  /** `renderReportMarkdown`'s bytes. */
  markdown(): string;
  /** A tree for the HTML conversion, as parsing `markdown()` would give it (see `reportTree`). */
  tree(): Root;
}

/** The report as a target may take it. Either may throw `TemplateRenderError`. */
export function reportContent(report: Report, templates: ReportTemplates): ReportContent {
  return { markdown: () => renderReportMarkdown(report, templates), tree: () => reportTree(report, templates) };
}

/**
 * The tree that `renderReportMarkdown`'s output parses to, without printing
 * it and parsing it again: the same view and templates, the template's
 * output in the pieces `printInPieces` takes (process-in-pieces.ts), each
 * piece's tree taken in the form its printed Markdown would parse to (or,
 * where that is not certain, printed and parsed), and the pieces joined as
 * their printed text joins: blocks one after another, the rows of a table
 * cut in two added to its first half.
 */
export function reportTree(report: Report, templates: ReportTemplates): Root {
  const slots = new Slots();
  const pieces = splitForParsing(templates.renderInChunks(buildReportView(report, slots)));
  const children: RootContent[] = [];
  for (const piece of pieces) {
    const tree = pieceTree(piece.text, slots);
    const [first, ...rest] = tree.children;
    const table = children.at(-1);
    if (piece.continuesTable && first?.type === 'table' && table?.type === 'table') {
      // Its header row is the first half's, repeated for the parser.
      table.children.push(...first.children.slice(1));
      children.push(...rest);
    } else {
      children.push(...tree.children);
    }
  }
  return { type: 'root', children };
}

/**
 * One piece of the report's template output as the tree its printed Markdown
 * parses to: read straight from the template's lines where they keep to
 * template-lines.ts's grammar (most pieces: tables of values), else through
 * the remark stage as `normalisedPieces` takes it, short of printing.
 */
function pieceTree(text: string, slots: Slots): Root {
  const built = treeFromTemplateOutput(text, slots);
  const fast = built && parsedForm(built);
  if (fast) return fast;
  const file = new VFile(text);
  file.data.slots = slots;
  const transformed = markdownProcessor.runSync(markdownProcessor.parse(file), file) as Root;
  return parsedForm(transformed) ?? markdownProcessor.parse(markdownProcessor.stringify(transformed));
}
