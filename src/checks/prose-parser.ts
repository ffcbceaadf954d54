import type { Root as MdastRoot } from 'mdast';
import { toNlcst } from 'mdast-util-to-nlcst';
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
  const file = new VFile(value);
  const tree = toNlcst(markdown.parse(file) as MdastRoot, file, english);
  realign(tree, value);
  return tree;
}

/**
 * mdast-util-to-nlcst places the words of a text node by adding up their
 * lengths from the node's start, which drifts wherever Markdown dropped
 * source characters from the text (the indentation of a paragraph's
 * continuation line, a backslash escape). Each leaf is placed again where it
 * is next found in the value, and each parent over its children.
 */
function realign(tree: Root, value: string): void {
  let cursor = 0;
  const place = (node: Root | RootContent): void => {
    if ('children' in node) {
      for (const child of node.children) place(child);
      const first = node.children[0]?.position;
      const last = node.children.at(-1)?.position;
      if (node.position && first && last) node.position = moved(node.position, first.start.offset, last.end.offset);
      return;
    }
    if (!node.position) return;
    if (node.type === 'SourceNode') {
      // Code keeps the place Markdown gave it.
      cursor = Math.max(cursor, node.position.end.offset ?? cursor);
      return;
    }
    // White space between blocks is made up (`\n\n` between a list and a quote): it keeps its place.
    if (node.type === 'WhiteSpaceNode') return;
    // Near where it was placed: a leaf's text is found again unless Markdown decoded it (`&amp;`), which keeps its place.
    const at = value.indexOf(node.value, cursor);
    if (at === -1 || at > (node.position.start.offset ?? cursor) + SEARCH_AHEAD) return;
    node.position = moved(node.position, at, at + node.value.length);
    cursor = at + node.value.length;
  };
  place(tree);
}

/** A position with new offsets, in new objects: mdast-util-to-nlcst shares points between neighbouring nodes. */
function moved(position: Position, start: number | undefined, end: number | undefined): Position {
  return { start: { ...position.start, offset: start }, end: { ...position.end, offset: end } };
}

/** How far past a leaf's first place its text is looked for: more than any run of dropped characters in a field. */
const SEARCH_AHEAD = 400;

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
