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
 */
export function* splitForParsing(text: string, pieceChars = PIECE_CHARS): Generator<Piece> {
  const lines = text.split('\n');
  let current: string[] = [];
  let size = 0;
  let continuesTable = false;
  let fence: string | null = null;
  /** The header and delimiter lines of the table being read, if any, and the index of its delimiter line. */
  let table: { header: string; delimiter: string; at: number } | null = null;

  const cut = (nextContinues: boolean): Piece => {
    // Blank lines before the cut separate blocks; left at the end of a piece they would make its last list loose.
    while (current.length > 0 && current.at(-1)!.trim() === '') current.pop();
    const piece = { text: current.join('\n'), continuesTable };
    current = [];
    size = 0;
    continuesTable = nextContinues;
    return piece;
  };

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const previous = index > 0 ? lines[index - 1]! : '';
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
      else if (previous.trim() === '' && line.startsWith('|') && TABLE_DELIMITER.test(lines[index + 1] ?? '')) {
        table = { header: line, delimiter: lines[index + 1]!, at: index + 1 };
      }
    }
    current.push(line);
    size += line.length + 1;
  }
  yield { text: current.join('\n'), continuesTable };
}

/**
 * Runs `process` (parse, transform, print) on each piece and yields the
 * printed pieces as they are made: blocks are separated by a blank line, and
 * a table cut in two loses the repeated header of its second half. So only
 * one piece's tree is ever in memory, the output need never be whole (a
 * report is written as it is printed), and joined it is byte for byte what
 * processing the whole document at once prints (a test checks it).
 */
export function* printInPieces(text: string, process: (piece: string) => string, pieceChars = PIECE_CHARS, betweenPieces?: () => void): Generator<string> {
  if (text.length <= pieceChars) {
    yield process(text);
    return;
  }
  let started = false;
  for (const piece of splitForParsing(text, pieceChars)) {
    const printed = process(piece.text);
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
