import { printTree } from '../render/markdown/print-tree.js';
import type { Slots } from '../render/markdown/slots.js';
import { treeFromTemplateOutput } from '../render/markdown/template-lines.js';
import { normaliseMarkdown } from '../render/render-postmortem.js';

/**
 * One piece of the report's template output (see `printInPieces`), printed.
 * Its tree is read straight from the template's lines when they keep to
 * template-lines.ts's grammar (the built-in templates do) and printed block
 * by block; else the piece goes through the remark stage, as postmortems do.
 *
 * On the fast path the piece is read and printed a block at a time, and a
 * list an item at a time: a value can be every incident of the report,
 * linked (the incidents a figure left out), and the nodes of a whole list
 * of such values took hundreds of megabytes over 100,000 incidents. This
 * prints the same bytes: top-level blocks are joined by a blank line, and
 * the items of a tight `-` list by a line break, each printed as it is in
 * the whole list (no item starts with a thematic break, the one thing that
 * makes the printer choose another bullet for a whole list). Two lists side
 * by side, which the printer gives alternating bullets, and anything the
 * grammar does not take, leave the piece to be read whole.
 */
export function printReportPiece(piece: string, slots: Slots): string {
  const parts = blockParts(piece);
  if (parts) {
    let printed = '';
    for (const part of parts) {
      const tree = treeFromTemplateOutput(part.text, slots);
      if (!tree) return printWhole(piece, slots);
      // printTree ends the document with a line break.
      printed += `${printed === '' ? '' : part.after}${printTree(tree).slice(0, -1)}`;
    }
    if (printed !== '') return `${printed}\n`;
  }
  return printWhole(piece, slots);
}

interface Part {
  text: string;
  /** What joins it to the part before: a blank line between blocks, a line break between the items of one list. */
  after: '\n\n' | '\n';
}

const BLANK = /^[ \t]*$/;
const LIST_ITEM = '- ';

/**
 * The piece cut at its blank lines, and each list of separate lines into its
 * items; `null` when two lists stand side by side (only the whole piece
 * prints those as the printer would).
 */
function blockParts(piece: string): Part[] | null {
  const parts: Part[] = [];
  let block: string[] = [];
  let lastWasList = false;
  const endBlock = (): boolean => {
    if (block.length === 0) return true;
    const startsList = block[0]!.startsWith(LIST_ITEM);
    if (startsList && lastWasList) return false;
    if (startsList && block.every((line) => line.startsWith(LIST_ITEM))) {
      for (const [index, line] of block.entries()) parts.push({ text: line, after: index === 0 ? '\n\n' : '\n' });
    } else {
      parts.push({ text: block.join('\n'), after: '\n\n' });
    }
    lastWasList = block.at(-1)!.startsWith(LIST_ITEM);
    block = [];
    return true;
  };
  for (const line of piece.split('\n')) {
    if (!BLANK.test(line)) block.push(line);
    else if (!endBlock()) return null;
  }
  return endBlock() ? parts : null;
}

/** The piece in one go: its tree from its lines, else the remark stage (the piece is whole: it is not cut again). */
function printWhole(piece: string, slots: Slots): string {
  const tree = treeFromTemplateOutput(piece, slots);
  return tree ? printTree(tree) : normaliseMarkdown(piece, slots, Number.POSITIVE_INFINITY);
}
