import type { List, ListItem, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { isSafeUrl } from './url-policy.js';

/**
 * An exact reader for the Markdown most fields hold beyond plain text:
 * paragraphs and tight `-` lists of one-line items, with `code`, `_em_`,
 * `*em*`, `**strong**` and `[text](https://…)` made of plain text. It gives
 * the blocks the parser (with our transforms) would give, without
 * positions, or `null` for anything it does not read with certainty, which
 * the caller then parses. It uses no GFM construct, so the CommonMark parser
 * reads the same text the same way: unsafe-links.ts relies on that.
 * test/markdown-simple.test.ts compares it with the parser on random text.
 */
export function readSimpleMarkdown(text: string): RootContent[] | null {
  if (REFUSED_ANYWHERE.test(text)) return null;
  const blocks: RootContent[] = [];
  const lines = text.split('\n');
  let at = 0;
  while (at < lines.length) {
    if (lines[at] === '') {
      at += 1;
      continue;
    }
    const start = at;
    while (at < lines.length && lines[at] !== '') at += 1;
    const group = lines.slice(start, at);
    const block = group[0]!.startsWith('- ') ? list(group) : paragraph(group);
    // Two lists apart by a blank line are one loose list.
    if (!block || (block.type === 'list' && blocks.at(-1)?.type === 'list')) return null;
    blocks.push(block);
  }
  return blocks.length > 0 ? blocks : null;
}

/** What this reader never takes: escapes, HTML and autolinks, entities, GFM tables and strikethrough, tabs, CR. */
const REFUSED_ANYWHERE = /[\\<>&|~\t\r]/;
/**
 * A line that can only start a paragraph's text: a letter, a number that is
 * not a list marker, or the opening of a code span, link or emphasis (the
 * inline reader refuses `*`/`_` that open nothing, such as `* item` or `***`).
 */
const LINE_START = /^(?:[\p{L}`[*_"(]|\p{N}(?!\p{N}*[.)]))/u;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
/**
 * Plain text inside emphasis: no construct can start in it, no line break,
 * a letter or digit first (so the opening marker can only open) and a
 * letter, digit, `.`, `%` or `)` last (before a space or punctuation, the
 * closing marker then closes: CommonMark's rule of 3 does not apply to runs
 * of one or two).
 */
const PLAIN_SPAN = /^[\p{L}\p{N}](?:[^\\`*_[\]<>&|~\t\r\n!]*[\p{L}\p{N}.%)])?$/u;
const LINK_TEXT = /^[^\s\\`*_[\]<>&|~!](?:[^\\`*_[\]<>&|~\t\r\n!]*[^\s\\`*_[\]<>&|~!])?$/u;
/** A link destination of plain URL characters (no parentheses, spaces, escapes or entities). */
const URL_CHARACTERS = /^[A-Za-z0-9\-._~:/?#@$+,;=%]+$/;
/** What may stand before an opening emphasis marker, and after a closing one. */
const BEFORE_OPENING = new Set(['', ' ', '\n', '(', '"']);
const AFTER_CLOSING = new Set(['', ' ', '\n', '.', ',', ';', ':', '!', '?', ')', '"']);

function paragraph(lines: readonly string[]): Paragraph | null {
  for (const line of lines) if (!lineStartsText(line)) return null;
  const children = inline(lines.join('\n'));
  return children ? { type: 'paragraph', children } : null;
}

function list(lines: readonly string[]): List | null {
  const items: ListItem[] = [];
  for (const line of lines) {
    if (!line.startsWith('- ')) return null;
    const content = paragraph([line.slice(2)]);
    if (!content) return null;
    items.push({ type: 'listItem', spread: false, checked: null, children: [content] });
  }
  return { type: 'list', ordered: false, start: null, spread: false, children: items };
}

function lineStartsText(line: string): boolean {
  return line === line.trim() && LINE_START.test(line);
}

/** Inline content of one paragraph, or `null` when something in it is outside the grammar. */
function inline(text: string): PhrasingContent[] | null {
  const out: PhrasingContent[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') out.push({ type: 'text', value: plain });
    plain = '';
  };
  let at = 0;
  while (at < text.length) {
    const character = text[at]!;
    let span: { node: PhrasingContent; end: number } | null;
    switch (character) {
      case '`':
        span = codeSpan(text, at);
        break;
      case '[':
        span = link(text, at);
        break;
      case '*':
      case '_':
        if (character === '_' && intraword(text, at)) {
          plain += character;
          at += 1;
          continue;
        }
        span = emphasis(text, at, character);
        break;
      case ']':
        return null;
      case '!':
        if (text[at + 1] === '[') return null; // an image
        plain += character;
        at += 1;
        continue;
      default:
        plain += character;
        at += 1;
        continue;
    }
    if (!span) return null;
    flush();
    out.push(span.node);
    at = span.end;
  }
  flush();
  return out;
}

/** `_` between letters or digits can neither open nor close emphasis. */
function intraword(text: string, at: number): boolean {
  return ALPHANUMERIC.test(text[at - 1] ?? '') && ALPHANUMERIC.test(text[at + 1] ?? '');
}

/** A code span of single backticks on one line. */
function codeSpan(text: string, at: number): { node: PhrasingContent; end: number } | null {
  if (text[at + 1] === '`') return null;
  const close = text.indexOf('`', at + 1);
  if (close < 0 || text[close + 1] === '`') return null;
  const content = text.slice(at + 1, close);
  if (content === '' || content.includes('\n')) return null;
  // CommonMark strips one space at each end when both ends have one and the content is not all spaces.
  const value = content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '' ? content.slice(1, -1) : content;
  return { node: { type: 'inlineCode', value }, end: close + 1 };
}

/** `[text](url)` with plain text and a safe, plain address (an unsafe one loses its link in our transforms). */
function link(text: string, at: number): { node: PhrasingContent; end: number } | null {
  const closeLabel = text.indexOf(']', at + 1);
  if (closeLabel < 0 || text[closeLabel + 1] !== '(') return null;
  const closeDestination = text.indexOf(')', closeLabel + 2);
  if (closeDestination < 0) return null;
  const label = text.slice(at + 1, closeLabel);
  const url = text.slice(closeLabel + 2, closeDestination);
  if (!LINK_TEXT.test(label) || !URL_CHARACTERS.test(url) || !isSafeUrl(url)) return null;
  return { node: { type: 'link', title: null, url, children: [{ type: 'text', value: label }] }, end: closeDestination + 1 };
}

/**
 * `*em*`, `_em_` or `**strong**` around plain text with a letter or digit
 * at each end, opened after a space, a line break, `(` or `"` and closed
 * before a space, a line break or punctuation that opens nothing: markers
 * that can only open, then only close, so they pair with each other.
 */
function emphasis(text: string, at: number, marker: '*' | '_'): { node: PhrasingContent; end: number } | null {
  const size = text[at + 1] === marker ? 2 : 1;
  if ((marker === '_' && size === 2) || !BEFORE_OPENING.has(text[at - 1] ?? '')) return null;
  const start = at + size;
  const close = text.indexOf(marker, start);
  if (close < 0) return null;
  const content = text.slice(start, close);
  const end = close + size;
  if (text.slice(close, end) !== marker.repeat(size) || !PLAIN_SPAN.test(content) || !AFTER_CLOSING.has(text[end] ?? '')) return null;
  const children: PhrasingContent[] = [{ type: 'text', value: content }];
  return { node: size === 2 ? { type: 'strong', children } : { type: 'emphasis', children }, end };
}
