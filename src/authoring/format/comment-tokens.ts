import { type Document, Lexer } from 'yaml';
import { isMapNode, isPairNode, isScalarNode, isSeqNode } from './node-kinds.js';

/**
 * The comments of a YAML text, found in one pass of `yaml`'s lexer: `fmt`
 * needs every comment (to check that none is lost) and the ones at the end
 * of a line (to keep their columns). The lexer is the first stage of the
 * parser: running it alone, once, costs a fraction of a full parse, which
 * `fmt` of a large file used to pay four times over for the columns alone.
 * A text already parsed needs no lexer at all (`commentsOfParsed`).
 */

/** Stands for a line break in a comment continued below a value, until `keepCommentColumns` puts the lines back. */
export const CONTINUED = '\uE000';

export interface LineEndComment {
  offset: number;
  column: number;
  source: string;
  /** Where the line's text before the comment ends, as a column. */
  textEnd: number;
  /** The line's text and the comment: what must match between source and output. */
  key: string;
}

export interface TextComments {
  /** The text of every comment, trailing spaces dropped, in document order. */
  all: string[];
  /** Comments that follow something on their line, in document order. */
  lineEnd: LineEndComment[];
}

/** Marks the start of a scalar; the lexeme after it is the scalar's text, whatever it starts with. */
const SCALAR = '\u001f';
/** Lexemes the lexer adds that are not in the text (a document's start, a flow collection cut short). */
const DOCUMENT = '\u0002';
const FLOW_END = '\u0018';

/**
 * Every comment of `text`, as the lexer finds them: `#` inside quoted or
 * block text is not a comment. Offsets are counted as `yaml`'s parser counts
 * them, so they are those of the comment tokens of its syntax tree.
 */
export function scanComments(text: string): TextComments {
  const all: string[] = [];
  const lineEnd: LineEndComment[] = [];
  let offset = 0;
  let atScalar = false;
  for (const lexeme of new Lexer().lex(text)) {
    if (atScalar) {
      atScalar = false;
      offset += lexeme.length;
      continue;
    }
    if (lexeme === SCALAR) {
      atScalar = true;
      continue;
    }
    if (lexeme === DOCUMENT || lexeme === FLOW_END) continue;
    if (lexeme.startsWith('#')) {
      all.push(lexeme.slice(1).trimEnd());
      const comment = lineEndComment(text, offset, lexeme);
      if (comment) lineEnd.push(comment);
    }
    offset += lexeme.length;
  }
  return { all, lineEnd };
}

/**
 * The same as `scanComments(text)` for a text `yaml` parsed into `document`
 * without errors, found from the document's scalars instead of by lexing the
 * text again: in such a text a comment is a `#` at the start of a line or
 * after a space or tab (`yaml` reports one written right after other text as
 * an error), outside quoted, plain and block text, and runs to the end of the
 * line. A block scalar's header line may end with a comment too.
 */
export function commentsOfParsed(text: string, document: Document.Parsed): TextComments {
  const spans = scalarSpans(document, text);
  const all: string[] = [];
  const lineEnd: LineEndComment[] = [];
  let span = 0;
  for (let at = text.indexOf('#'); at !== -1; ) {
    while (span < spans.length && spans[span + 1]! <= at) span += 2;
    if (span < spans.length && spans[span]! <= at) {
      at = text.indexOf('#', spans[span + 1]);
      continue;
    }
    if (!startsComment(text, at)) {
      at = text.indexOf('#', at + 1);
      continue;
    }
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    else if (text[end - 1] === '\r') end -= 1;
    const source = text.slice(at, end);
    all.push(source.slice(1).trimEnd());
    const comment = lineEndComment(text, at, source);
    if (comment) lineEnd.push(comment);
    at = text.indexOf('#', end);
  }
  return { all, lineEnd };
}

/** Whether a `#` outside text starts a comment: first on its line, after a space or tab, or after a byte-order mark that starts its line. */
function startsComment(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text[at - 1]!;
  if (before === ' ' || before === '\t' || before === '\n' || before === '\r') return true;
  // `yaml` takes a byte-order mark at the start of a line between documents as a token of its own.
  return before === '\uFEFF' && (at === 1 || text[at - 2] === '\n');
}

/**
 * Where the text of every scalar lies, as sorted `[start, end)` pairs one
 * after the other. A block scalar's text starts on the line after its
 * header, whose comment is a comment.
 */
function scalarSpans(document: Document.Parsed, text: string): number[] {
  const spans: number[] = [];
  let sorted = true;
  const add = (node: unknown): void => {
    if (isScalarNode(node)) {
      const range = node.range;
      if (!range || range[1] <= range[0]) return;
      let start = range[0];
      if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
        const lineEnd = text.indexOf('\n', start);
        if (lineEnd === -1 || lineEnd + 1 >= range[1]) return;
        start = lineEnd + 1;
      }
      if (spans.length > 0 && start < spans[spans.length - 1]!) sorted = false;
      spans.push(start, range[1]);
    } else if (isMapNode(node) || isSeqNode(node)) {
      for (const item of node.items) add(item);
    } else if (isPairNode(node)) {
      add(node.key);
      add(node.value);
    }
  };
  add(document.contents);
  if (sorted) return spans;
  const pairs: [number, number][] = [];
  for (let index = 0; index < spans.length; index += 2) pairs.push([spans[index]!, spans[index + 1]!]);
  return pairs.sort((a, b) => a[0] - b[0]).flat();
}

/** The comment at `offset` when something stands before it on its line. */
function lineEndComment(text: string, offset: number, source: string): LineEndComment | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (before.trim() === '') return undefined;
  const first = source.split(CONTINUED)[0]!.trimEnd();
  // A list item's `- ` does not count: an entry that moved first or last in its item keeps its column.
  const line = before.trim().replace(/^(?:-[ \t]+)+/, '');
  return { offset, column: offset - lineStart, source, textEnd: before.trimEnd().length, key: `${line}\u0000${first}` };
}
