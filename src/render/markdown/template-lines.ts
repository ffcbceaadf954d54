import type { Code, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import type { Slots } from './slots.js';
import { appendAll } from './many-nodes.js';

/**
 * The fast way from a filled template to a tree: template output made of a
 * small grammar of lines (ATX headings, pipe tables, tight `-` lists,
 * one-line paragraphs, backtick fences, blank lines), whose own text holds
 * no Markdown punctuation beyond `**strong**` and `` `code` ``, is turned into the tree the
 * Markdown parser would make, with the values' nodes in place of their
 * tokens. Anything outside the grammar gives `null`, and the caller parses
 * the page the slow, general way (render-postmortem.ts). The built-in
 * templates stay inside the grammar; a test renders every fixture and random
 * incidents both ways and compares the bytes.
 */
export function treeFromTemplateOutput(text: string, slots: Slots): Root | null {
  if (text.includes('\r')) return null;
  const lines = text.split('\n');
  const children: RootContent[] = [];
  let index = 0;
  const endOfBlock = (at: number) => at >= lines.length || BLANK.test(lines[at]!);

  while (index < lines.length) {
    const line = lines[index]!;
    if (BLANK.test(line)) {
      index += 1;
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      const close = lines.indexOf('```', index + 1);
      if (close < 0) return null;
      const code: Code = { type: 'code', lang: fence[1] || null, meta: null, value: slots.raw(lines.slice(index + 1, close).join('\n')) };
      children.push(code);
      index = close + 1;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const content = phrasing(heading[2]!.trim(), slots);
      if (!content || content.length === 0 || heading[2]!.trimEnd().endsWith('#')) return null;
      children.push({ type: 'heading', depth: heading[1]!.length as Heading['depth'], children: content });
      index += 1;
      continue;
    }
    if (line.startsWith('|')) {
      const table = pipeTable(lines, index, slots);
      if (!table) return null;
      children.push(table.node);
      index = table.next;
      if (!endOfBlock(index)) return null;
      continue;
    }
    if (line.startsWith('- ')) {
      const items: ListItem[] = [];
      for (; index < lines.length && lines[index]!.startsWith('- '); index += 1) {
        const content = flowContent(lines[index]!.slice(2), slots);
        if (!content) return null;
        // A value's blocks are the top-level blocks of a parsed field: flow content.
        items.push({ type: 'listItem', spread: false, checked: null, children: content as ListItem['children'] });
      }
      if (!endOfBlock(index)) return null;
      const list: List = { type: 'list', ordered: false, start: null, spread: false, children: items };
      children.push(list);
      continue;
    }
    if (!PARAGRAPH_START.test(line) || !endOfBlock(index + 1)) return null;
    const content = flowContent(line, slots);
    if (!content) return null;
    appendAll(children, content);
    index += 1;
  }
  // Two lists side by side print with alternating bullets: left to the general path.
  for (let at = 1; at < children.length; at += 1) if (children[at]!.type === 'list' && children[at - 1]!.type === 'list') return null;
  return children.length === 0 ? null : { type: 'root', children };
}

const BLANK = /^[ \t]*$/;
const FENCE_OPEN = /^```([a-z]*)$/;
const HEADING = /^(#{1,6}) (.*)$/;
/** A paragraph line the parser cannot read as any other block: a letter or a token first. */
const PARAGRAPH_START = /^[\p{L}\uE000]/u;
const DELIMITER_ROW = /^\|(?: *-+ *\|)+$/;
const TOKEN_ONLY = /^\uE000([0-9a-z]+)\uE001$/;
/**
 * Template text the parser reads as plain text: no backslash, code, emphasis,
 * link, HTML, entity, strikethrough (`~~`; one `~` is text) or table syntax.
 * (`**` and code spans are handled apart.)
 */
const PLAIN_TEMPLATE_TEXT = /^(?:[^\\`*_[\]<>&|~]|~(?!~))*$/;

/**
 * The content of a paragraph or list item: a token alone is the value's
 * blocks (as the general path swaps a paragraph that is only a token),
 * anything else one paragraph.
 */
function flowContent(text: string, slots: Slots): RootContent[] | null {
  const trimmed = text.trim();
  if (!PARAGRAPH_START.test(trimmed)) return null;
  const only = TOKEN_ONLY.exec(trimmed);
  if (only) {
    const value = slots.get(only[1]!);
    if (!value) return null;
    return value.blocks ?? [{ type: 'paragraph', children: value.phrasing } satisfies Paragraph];
  }
  const content = phrasing(trimmed, slots);
  return content && content.length > 0 ? [{ type: 'paragraph', children: content }] : null;
}

/** Inline template text with tokens and `**strong**` spans, as nodes; `null` outside the grammar. */
function phrasing(text: string, slots: Slots): PhrasingContent[] | null {
  const out: PhrasingContent[] = [];
  if (!text.includes('**')) return inline(text, slots, out) ? out : null;
  const parts = text.split('**');
  // Odd parts are inside `**…**`: there must be a closing marker for each opening one.
  if (parts.length % 2 === 0) return null;
  for (const [at, part] of parts.entries()) {
    if (at % 2 === 0) {
      if (!inline(part, slots, out)) return null;
      continue;
    }
    // A strong span the parser would read as one: flanked by space or the edges, not by spaces inside.
    const before = parts[at - 1]!;
    const after = parts[at + 1]!;
    if (part === '' || /^\s|\s$/.test(part) || (before !== '' && !before.endsWith(' ')) || (after !== '' && !after.startsWith(' '))) return null;
    const children: PhrasingContent[] = [];
    if (!inline(part, slots, children)) return null;
    out.push({ type: 'strong', children });
  }
  return out;
}

/** Plain template text and tokens, appended to `out`; false outside the grammar. */
function inline(text: string, slots: Slots, out: PhrasingContent[]): boolean {
  // The common cases: a token alone (a table cell), or template text alone (a heading).
  const only = TOKEN_ONLY.exec(text);
  if (only) {
    const value = slots.get(only[1]!);
    if (value) appendAll(out, value.phrasing);
    return value !== undefined;
  }
  if (!text.includes('\uE000')) return literal(text, out);
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (!literal(text.slice(last, match.index), out)) return false;
    const value = slots.get(match[1]!);
    if (!value) return false;
    appendAll(out, value.phrasing);
    last = match.index + match[0].length;
  }
  return literal(text.slice(last), out);
}

const TOKEN = /\uE000([0-9a-z]+)\uE001/g;

function literal(text: string, out: PhrasingContent[]): boolean {
  if (!text.includes('`')) return plain(text, out);
  let last = 0;
  for (const match of text.matchAll(CODE_SPAN)) {
    if (!plain(text.slice(last, match.index), out)) return false;
    out.push({ type: 'inlineCode', value: match[1]! });
    last = match.index + match[0].length;
  }
  return plain(text.slice(last), out);
}

/**
 * A code span of template text (`resolved`): one backtick each side, and
 * between them no backtick, token or line break, nor a space at either end
 * (which the parser would strip). A stray backtick is left in the plain
 * text, which refuses it.
 */
const CODE_SPAN = /`([^`\s\uE000\uE001](?:[^`\n\uE000\uE001]*[^`\s\uE000\uE001])?)`/g;

function plain(text: string, out: PhrasingContent[]): boolean {
  if (!PLAIN_TEMPLATE_TEXT.test(text)) return false;
  if (text !== '') out.push({ type: 'text', value: text });
  return true;
}

/** A pipe table from `start`: header, delimiter row, then rows up to a line that is not a row. */
function pipeTable(lines: readonly string[], start: number, slots: Slots): { node: Table; next: number } | null {
  const header = tableRow(lines[start]!, slots);
  const delimiter = lines[start + 1];
  if (!header || delimiter === undefined || !DELIMITER_ROW.test(delimiter)) return null;
  const columns = header.children.length;
  if (delimiter.split('|').length - 2 !== columns) return null;
  const rows = [header];
  let index = start + 2;
  for (; index < lines.length && lines[index]!.startsWith('|'); index += 1) {
    const row = tableRow(lines[index]!, slots);
    if (!row || row.children.length !== columns) return null;
    rows.push(row);
  }
  return { node: { type: 'table', align: Array.from({ length: columns }, () => null), children: rows }, next: index };
}

function tableRow(line: string, slots: Slots): TableRow | null {
  const trimmed = line.trimEnd();
  if (!trimmed.endsWith('|') || trimmed.length < 2) return null;
  const cells: TableCell[] = [];
  for (const cell of trimmed.slice(1, -1).split('|')) {
    const content = phrasing(cell.trim(), slots);
    if (!content) return null;
    cells.push({ type: 'tableCell', children: content });
  }
  return { type: 'tableRow', children: cells };
}
