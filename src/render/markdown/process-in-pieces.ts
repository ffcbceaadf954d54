import type { OutputChunk, RowEnd } from '../output-chunk.js';
import { tokenIds } from './slots.js';

/**
 * micromark needs a few hundred bytes of memory per input character while it
 * parses, and the tree of a 10 MB report (ten thousand incidents) takes
 * hundreds of megabytes more: in one go, it would take gigabytes. Documents
 * above this size are processed in pieces of about this size. Small pieces
 * are also faster: a piece's parser events and tree die young, while those
 * of a 16 KB piece outlived V8's young generation and were copied into the
 * old one, which made a 25,000-event postmortem spend a third of its time in
 * garbage collection and grow its heap to four times what was live.
 */
export const PIECE_CHARS = 2 * 1024;

interface Piece {
  text: string;
  /** The rows of a table cut short by the previous piece, under a copy of its header. */
  continuesTable: boolean;
  /** The marks of rows that end in this piece (see deferred-each.ts): each may run once the piece is printed. */
  rowEnds: RowEnd[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TABLE_DELIMITER = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/**
 * Cuts a document where no block can run on across the cut: before a line
 * at column 0 that starts a heading (`#`) or a table (`|`) after a blank
 * line, outside fenced code, once the current piece is large enough; and
 * inside a long table between two rows, repeating its header. Each cut leaves
 * every block whole (a list, a blockquote or indented code ends at such a
 * line), so the pieces parse to the same blocks as the whole would.
 * Link reference definitions do not cross pieces; our templates use none.
 * The document comes whole or in chunks (a template's `renderInChunks`),
 * read only as far as the next piece needs; each piece carries the row ends
 * on its lines, so a row's tokens are released only once its last line has
 * been printed (and, in a table cut in two, not while its header is copied
 * on).
 */
export function* splitForParsing(text: string | Iterable<OutputChunk>, pieceChars = PIECE_CHARS): Generator<Piece> {
  /** Row ends met in the text so far, each with the index of the line it is on. */
  const rowEnds: { line: number; mark: RowEnd }[] = [];
  let current: string[] = [];
  let size = 0;
  let continuesTable = false;
  let fence: string | null = null;
  /** The header and delimiter lines of the table being read, if any, and the index of its delimiter line. */
  let table: { header: string; delimiter: string; at: number } | null = null;

  const cut = (nextContinues: boolean): Piece => {
    // Blank lines before the cut separate blocks; left at the end of a piece they would make its last list loose.
    while (current.length > 0 && current.at(-1)!.trim() === '') current.pop();
    // A table's header is copied into the next piece: the rows whose tokens it shows stay until it ends.
    const shown = nextContinues && table !== null ? tokenIds(table.header) : [];
    const piece = { text: current.join('\n'), continuesTable, rowEnds: rowEndsBefore(index, shown) };
    current = [];
    size = 0;
    continuesTable = nextContinues;
    return piece;
  };

  /** The row ends on lines before `line`, taken from the list, but for those of rows that made a token of `kept`. */
  const rowEndsBefore = (line: number, kept: readonly number[] = []): RowEnd[] => {
    const taken: RowEnd[] = [];
    for (let at = 0; at < rowEnds.length && rowEnds[at]!.line < line; ) {
      const { mark } = rowEnds[at]!;
      if (kept.some((id) => id >= mark.from && id < mark.to)) {
        at += 1;
      } else {
        taken.push(mark);
        rowEnds.splice(at, 1);
      }
    }
    return taken;
  };

  let index = -1;
  let previous = '';
  const lines = linesOf(typeof text === 'string' ? [text] : text, (line, mark) => rowEnds.push({ line, mark }));
  for (const [line, next] of withNext(lines)) {
    index += 1;
    if (fence !== null) {
      if (line.trimStart().startsWith(fence) && /^ {0,3}[`~]+\s*$/.test(line)) fence = null;
    } else if (line.trim() === '') {
      table = null;
    } else if (table !== null) {
      if (index > table.at && size >= pieceChars && line.startsWith('|')) {
        yield cut(true);
        current.push(table.header, table.delimiter);
        size += table.header.length + table.delimiter.length + 2;
      }
    } else {
      const opening = FENCE.exec(line);
      const startsBlock = previous.trim() === '' && (line.startsWith('#') || line.startsWith('|') || (opening !== null && !line.startsWith(' ')));
      if (startsBlock && size >= pieceChars) yield cut(false);
      if (opening) fence = opening[1]!.slice(0, 3);
      else if (previous.trim() === '' && line.startsWith('|') && next !== undefined && TABLE_DELIMITER.test(next)) {
        table = { header: line, delimiter: next, at: index + 1 };
      }
    }
    current.push(line);
    size += line.length + 1;
    previous = line;
  }
  yield { text: current.join('\n'), continuesTable, rowEnds: rowEndsBefore(Number.POSITIVE_INFINITY) };
}

/**
 * The lines of a text given in chunks, as `split('\n')` of the whole would
 * give them; each row end is passed to `rowEnd` with the index of the line
 * it is on.
 */
function* linesOf(chunks: Iterable<OutputChunk>, rowEnd: (line: number, mark: RowEnd) => void): Generator<string> {
  let start = '';
  let line = 0;
  for (const chunk of chunks) {
    if (typeof chunk !== 'string') {
      rowEnd(line, chunk);
      continue;
    }
    let from = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', from)) {
      yield start + chunk.slice(from, end);
      line += 1;
      start = '';
      from = end + 1;
    }
    start += from === 0 ? chunk : chunk.slice(from);
  }
  yield start;
}

/** Each item with the one after it (`undefined` after the last). */
function* withNext<T>(items: Iterable<T>): Generator<[T, T | undefined]> {
  let held: { item: T } | null = null;
  for (const item of items) {
    if (held) yield [held.item, item];
    held = { item };
  }
  if (held) yield [held.item, undefined];
}

/**
 * Runs `process` (parse, transform, print) on each piece and yields the
 * printed pieces as they are made: blocks are separated by a blank line, and
 * a table cut in two loses the repeated header of its second half. So only
 * one piece's tree is ever in memory, the output need never be whole (a
 * report is written as it is printed), and joined it is byte for byte what
 * processing the whole document at once prints (a test checks it).
 */
export function* printInPieces(
  text: string | Iterable<OutputChunk>,
  process: (piece: string) => string,
  pieceChars = PIECE_CHARS,
  betweenPieces?: () => void,
): Generator<string> {
  if (typeof text === 'string' && text.length <= pieceChars) {
    yield process(text);
    return;
  }
  let started = false;
  for (const piece of splitForParsing(text, pieceChars)) {
    const printed = process(piece.text);
    for (const rowEnd of piece.rowEnds) rowEnd.afterPrinted();
    betweenPieces?.();
    if (printed === '') continue;
    if (piece.continuesTable) {
      // The header and delimiter rows were printed already, above the first half.
      yield printed.split('\n').slice(2).join('\n');
    } else {
      yield started ? `\n${printed}` : printed;
      started = true;
    }
  }
}
