import type { Root as MdastRoot } from 'mdast';
import { toNlcst } from 'mdast-util-to-nlcst';
import { decodeString } from 'micromark-util-decode-string';
import type { Root, RootContent, Sentence, SentenceContent } from 'nlcst';
import { search } from 'nlcst-search';
import { toString } from 'nlcst-to-string';
import { ParseEnglish } from 'parse-english';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';

/**
 * The prose of a Markdown field, through the unified family: remark reads
 * the Markdown, mdast-util-to-nlcst turns its text into sentences and words
 * (parse-english), and nlcst-search finds phrases in them. Every node keeps
 * its offset in the field's value, which value-offsets.ts turns into a place
 * in the YAML file. Code (inline and fenced) is not prose and is never
 * searched.
 *
 * In a module of its own, loaded only when a field may hold what a check
 * looks for (see prose.ts), so that checking ordinary files never loads
 * micromark and the English parser.
 */

/** CommonMark without our transforms: the words as a reader of the source sees them. */
const markdown = unified().use(remarkParse).freeze();
const english = new ParseEnglish();

export function parseProse(value: string): Root {
  if (value.length <= PIECE_LENGTH) return parsePiece(value);
  // A long field is read in pieces, cut at line breaks (else at spaces): mdast-util-to-nlcst
  // gathers a paragraph's words in one call, which overflows the stack on a paragraph of
  // hundreds of kilobytes. A phrase across two pieces is not found; a real field is one piece.
  // Past MAX_PROSE_LENGTH nothing is read: parsing prose takes about 10 ms a kilobyte, and a
  // file of one huge field must not hold a run up for seconds.
  const children: RootContent[] = [];
  const stop = Math.min(value.length, MAX_PROSE_LENGTH);
  for (let start = 0; start < stop; ) {
    let end = Math.min(stop, start + PIECE_LENGTH);
    if (end < value.length) {
      const cut = Math.max(value.lastIndexOf('\n', end), value.lastIndexOf(' ', end));
      if (cut > start) end = cut + 1;
    }
    const piece = parsePiece(value.slice(start, end));
    shift(piece, start);
    children.push(...piece.children);
    start = end;
  }
  return { type: 'RootNode', children };
}

const PIECE_LENGTH = 16_384;
/** How much of a field the checks read: far more than any postmortem's field. */
export const MAX_PROSE_LENGTH = 65_536;

/** Moves every node of `tree` by `by` characters (in new position objects). */
function shift(tree: Root, by: number): void {
  visit(tree, (node) => {
    if (node.position) node.position = moved(node.position, (node.position.start.offset ?? 0) + by, (node.position.end.offset ?? 0) + by);
  });
}

function parsePiece(value: string): Root {
  const file = new VFile(value);
  const markdownTree = markdown.parse(file) as MdastRoot;
  const texts = textPlaces(markdownTree, value);
  const tree = toNlcst(markdownTree, file, english);
  realign(tree, texts);
  return tree;
}

/** A Markdown text node: where it starts in the value, its text, and where each of its characters was written. */
interface TextPlace {
  start: number;
  length: number;
  offsets: number[];
}

/**
 * Where each character of each Markdown text node was written. A text node
 * starts at its true place, but Markdown drops source characters from its
 * text: the indentation and `>` of a continuation line, the backslash of an
 * escape, a character reference (`&amp;`) read as the character it stands
 * for. The text is aligned with its source: a reference that decodes to the
 * text's next characters stands for them (unless a backslash escapes it), a
 * source character equal to the text's next one is it, and any other source
 * character is skipped.
 */
function textPlaces(markdownTree: MdastRoot, value: string): TextPlace[] {
  const places: TextPlace[] = [];
  visit(markdownTree, 'text', (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const text = node.value;
    const offsets: number[] = [];
    let at = start;
    for (let index = 0; index < text.length; ) {
      const reference = at < end ? referenceAt(value, at, start) : undefined;
      if (reference && text.startsWith(reference.decoded, index)) {
        for (let unit = 0; unit < reference.decoded.length; unit += 1) offsets.push(Math.min(at + unit, end));
        at += reference.written;
        index += reference.decoded.length;
      } else if (at >= end || value[at] === text[index]) {
        offsets.push(Math.min(at, end));
        at += 1;
        index += 1;
      } else at += 1;
    }
    offsets.push(Math.min(at, end));
    places.push({ start, length: text.length, offsets });
  });
  return places.sort((a, b) => a.start - b.start);
}

/** micromark's character references: named, decimal and hexadecimal. */
const REFERENCE = /^&(?:#(?:\d{1,7}|x[\da-f]{1,6})|[\da-z]{1,31});/i;

/** The character reference written at `at`, if one is (not escaped, and naming a character), with what it decodes to. */
function referenceAt(value: string, at: number, textStart: number): { written: number; decoded: string } | undefined {
  if (value[at] !== '&') return undefined;
  const match = REFERENCE.exec(value.slice(at, at + 40));
  if (!match) return undefined;
  let backslashes = 0;
  while (at - backslashes - 1 >= textStart && value[at - backslashes - 1] === '\\') backslashes += 1;
  if (backslashes % 2 === 1) return undefined;
  const decoded = decodeString(match[0]);
  return decoded === match[0] ? undefined : { written: match[0].length, decoded };
}

/**
 * mdast-util-to-nlcst places the words of a text node by adding up their
 * lengths from the node's start, which is wrong past any character Markdown
 * dropped: each leaf is placed again through its text node's offsets, and
 * each parent over its children.
 */
function realign(tree: Root, texts: readonly TextPlace[]): void {
  const place = (node: Root | RootContent): void => {
    if ('children' in node) {
      for (const child of node.children) place(child);
      const first = node.children[0]?.position;
      const last = node.children.at(-1)?.position;
      if (node.position && first && last) node.position = moved(node.position, first.start.offset, last.end.offset);
      return;
    }
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (!node.position || start === undefined || end === undefined || node.type === 'SourceNode') return;
    const text = texts[lastStartingBy(texts, start)];
    if (!text || start < text.start || end > text.start + text.length) return;
    node.position = moved(node.position, text.offsets[start - text.start], end > start ? text.offsets[end - 1 - text.start]! + 1 : text.offsets[start - text.start]);
  };
  place(tree);
}

/** The index of the last text node that starts at or before `offset` (-1 when none does). */
function lastStartingBy(texts: readonly TextPlace[], offset: number): number {
  let low = 0;
  let high = texts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (texts[middle]!.start <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** A position with new offsets, in new objects: mdast-util-to-nlcst shares points between neighbouring nodes. */
function moved(position: Position, start: number | undefined, end: number | undefined): Position {
  return { start: { ...position.start, offset: start }, end: { ...position.end, offset: end } };
}


/** A phrase found, as offsets in the field's value. */
export interface PhraseMatch {
  /** The phrase looked for, as listed. */
  phrase: string;
  /** The words as written. */
  text: string;
  start: number;
  end: number;
  /** The words just before the match in its sentence, nearest last (at most three). */
  before: { text: string; start: number }[];
}

/**
 * Every occurrence of the phrases, in order, as nlcst-search finds them.
 * Words meant literally (in quotes, or before a colon as in `TODO:`) are left
 * out unless `literal` asks for them.
 */
export function findPhrases(tree: Root, phrases: readonly string[], literal = false): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  if (phrases.length === 0) return found;
  const options = { allowLiterals: literal };
  search(tree, [...phrases], (nodes, index, parent, phrase) => {
    const start = nodes[0]?.position?.start.offset;
    const end = nodes.at(-1)?.position?.end.offset;
    if (start === undefined || end === undefined) return;
    found.push({ phrase, text: toString(nodes), start, end, before: wordsBefore(parent.children as SentenceContent[], index) });
  }, options);
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

function wordsBefore(siblings: readonly SentenceContent[], index: number): PhraseMatch['before'] {
  const words: PhraseMatch['before'] = [];
  for (let at = index - 1; at >= 0 && words.length < 3; at -= 1) {
    const node = siblings[at]!;
    if (node.type === 'WhiteSpaceNode') continue;
    const start = node.position?.start.offset;
    if (node.type !== 'WordNode' || start === undefined) break;
    words.unshift({ text: toString(node), start });
  }
  return words;
}

/** A sentence as plain text, with the offset in the field's value of each of its characters. */
export interface SentenceText {
  text: string;
  offsets: number[];
}

/** Each sentence's text (code left out, as a space), for checks that read more than phrases (durations, `???`). */
export function sentenceTexts(tree: Root): SentenceText[] {
  const sentences: SentenceText[] = [];
  visit(tree, 'SentenceNode', (sentence: Sentence) => {
    const entry: SentenceText = { text: '', offsets: [] };
    visit(sentence, (node) => {
      if (!('value' in node) || typeof node.value !== 'string') return;
      const start = node.position?.start.offset;
      if (start === undefined) return;
      const value = node.type === 'SourceNode' ? ' ' : node.value;
      entry.text += value;
      for (let index = 0; index < value.length; index += 1) entry.offsets.push(start + index);
    });
    sentences.push(entry);
  });
  return sentences;
}
