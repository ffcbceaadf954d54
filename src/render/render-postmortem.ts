import { VFile } from 'vfile';
import type { Incident } from '../model/incident.js';
import { buildView } from './build-view.js';
import { markdownProcessor } from './markdown/processor.js';
import { Slots } from './markdown/slots.js';
import { printInPieces } from './markdown/process-in-pieces.js';
import { printTree } from './markdown/print-tree.js';
import { treeFromTemplateOutput } from './markdown/template-lines.js';
import type { TemplateSet } from './template-family.js';

/**
 * One incident to one postmortem: prepare the view (every value behind a
 * token), fill the templates, make one Markdown tree with the values' nodes
 * in place of their tokens and print it with fixed options, so the output is
 * normalised and escaped for where each value ends up. The tree is read
 * straight from the template's lines when they keep to template-lines.ts's
 * grammar (the built-in templates do), else by the general remark stage.
 */
export function renderPostmortem(incident: Incident, templates: TemplateSet): string {
  const slots = new Slots();
  const view = buildView(incident, slots);
  const markdown = templates.render(view);
  const tree = treeFromTemplateOutput(markdown, slots);
  return tree ? printTree(tree) : normaliseMarkdown(markdown, slots);
}

/** `renderPostmortem` the general way only: the reference the fast way is compared with in tests. */
export function renderPostmortemGeneral(incident: Incident, templates: TemplateSet): string {
  const slots = new Slots();
  return normaliseMarkdown(templates.render(buildView(incident, slots)), slots);
}

/**
 * The remark stage. Large documents (reports over thousands of incidents) go
 * through in pieces, to bound memory; `betweenPieces` runs after each piece
 * (the report frees memory there when it has grown).
 */
export function normaliseMarkdown(markdown: string, slots?: Slots, pieceChars?: number, betweenPieces?: () => void): string {
  return [...normalisedPieces(markdown, slots, pieceChars, betweenPieces)].join('');
}

/** `normaliseMarkdown`, its output yielded piece by piece as it is printed (to be written as it comes). */
export function normalisedPieces(markdown: string, slots?: Slots, pieceChars?: number, betweenPieces?: () => void): Generator<string> {
  return printInPieces(
    markdown,
    (piece) => {
      const file = new VFile(piece);
      if (slots) file.data.slots = slots;
      return String(markdownProcessor.processSync(file));
    },
    pieceChars,
    betweenPieces,
  );
}
