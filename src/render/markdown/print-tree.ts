import type { ListItem, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import { markdownProcessor } from './processor.js';

/**
 * Prints a postmortem's tree exactly as remark would, block by block: a block
 * whose text has nothing the printer could escape (the common case: names,
 * times, plain sentences) is written out directly, and any other block goes
 * through remark's printer on its own. Blocks at the top level are always
 * joined by one blank line (template-lines.ts leaves out the cases where
 * remark joins otherwise: two lists side by side), so printing them one by
 * one gives the bytes of printing the whole tree, but for one thing the
 * printer carries from block to block: the bullet of a list, which the first
 * list printed after it (at any depth: `> - item` in a block quote) avoids.
 * A block that holds a list, right after lists, is printed by remark
 * together with those lists, as the whole tree would be.
 */
export function printTree(tree: Root): string {
  const printed: (string | null)[] = [];
  let listsBefore = 0;
  for (const [at, block] of tree.children.entries()) {
    if (listsBefore > 0 && holdsList(block)) {
      const first = at - listsBefore;
      printed.fill(null, first + 1);
      printed[first] = remarkBlocks(tree.children.slice(first, at + 1));
      printed.push(null);
    } else {
      printed.push(printBlock(block));
    }
    // Only a list leaves its bullet to the next block: any other block resets it.
    listsBefore = block.type === 'list' ? listsBefore + 1 : 0;
  }
  return `${printed.filter((text) => text !== null).join('\n\n')}\n`;
}

function holdsList(node: RootContent): boolean {
  return node.type === 'list' || ('children' in node && (node.children as RootContent[]).some(holdsList));
}

function printBlock(block: RootContent): string {
  switch (block.type) {
    case 'heading': {
      const content = plainLine(block.children, false);
      if (content) return `${'#'.repeat(block.depth)} ${content}`;
      break;
    }
    case 'paragraph': {
      const content = plainLines(block.children);
      if (content !== null) return content;
      break;
    }
    case 'table':
      return printTable(block);
    case 'code':
      // A fence of three backticks, a plain language, the code as it is (code.js of mdast-util-to-markdown).
      if (!block.value.includes('`') && !block.meta && (block.lang === null || block.lang === undefined || /^[a-z]+$/.test(block.lang)))
        return `\`\`\`${block.lang ?? ''}\n${block.value ? `${block.value}\n` : ''}\`\`\``;
      break;
    case 'list': {
      // Item by item only when every item is plain: the printer picks one bullet for the whole list from its first item.
      const items = block.ordered || block.spread ? null : block.children.map(plainListItem);
      if (items && !items.includes(null)) return items.join('\n');
      break;
    }
    default:
      break;
  }
  return remarkBlock(block);
}

function printTable(table: Table): string {
  const [header, ...rows] = table.children;
  if (!header || table.align?.some((align) => align !== null)) return remarkBlock(table);
  const delimiter = `|${' - |'.repeat(header.children.length)}`;
  return [printRow(header, table), delimiter, ...rows.map((row) => printRow(row, table))].join('\n');
}

function printRow(row: TableRow, table: Table): string {
  const cells: string[] = [];
  for (const cell of row.children) {
    const content = plainLine(cell.children, false);
    if (content === null) return remarkBlock({ ...table, children: [row] }).split('\n', 1)[0]!;
    cells.push(content === '' ? ' ' : ` ${content} `);
  }
  return `|${cells.join('|')}|`;
}

function plainListItem(item: ListItem): string | null {
  const only = item.children.length === 1 ? item.children[0] : undefined;
  const content = only?.type === 'paragraph' ? plainLines(only.children) : null;
  return content === null ? null : `- ${content.replaceAll('\n', '\n  ')}`;
}

/** One block through remark's printer, without the document's final line break. */
function remarkBlock(block: RootContent): string {
  return remarkBlocks([block]);
}

/** Blocks side by side through remark's printer, without the document's final line break. */
function remarkBlocks(blocks: RootContent[]): string {
  return markdownProcessor.stringify({ type: 'root', children: blocks }).slice(0, -1);
}

/**
 * Inline content as the printer writes it, or `null` where its rules depend
 * on context this function does not model. Handled: text whose only
 * characters to escape are the ones the printer escapes everywhere in inline
 * content (`*`, `[`, backtick and `~` get a backslash), `**strong**` and
 * `_emphasis_` of such text between letters or digits, set off by spaces
 * (or followed by punctuation), inline code without backticks, and
 * links with plain text and a plain address. `atBreak`: the content starts a
 * line, where more characters are block syntax.
 */
function plainLine(nodes: readonly PhrasingContent[], atBreak: boolean): string | null {
  let out = '';
  let afterAttention = false;
  let closedAfterPunctuation = false;
  for (const node of nodes) {
    // `**`/`_` must sit against a space or the edge of the content, or before punctuation that opens nothing.
    if (afterAttention && !(node.type === 'text' && AFTER_ATTENTION.test(node.value))) return null;
    afterAttention = false;
    closedAfterPunctuation = false;
    const printed = plainNode(node);
    if (printed === null) return null;
    if (node.type === 'strong' || node.type === 'emphasis') {
      if (out !== '' && !out.endsWith(' ')) return null;
      afterAttention = true;
      closedAfterPunctuation = !ALPHANUMERIC_END.test(printed.slice(0, node.type === 'strong' ? -2 : -1));
    }
    out += printed;
  }
  // A closing marker after punctuation closes by what follows it: whatever stands past the content is not known here.
  if (closedAfterPunctuation) return null;
  if (/^\s|\s$/.test(out) || (!atBreak && out.includes('\n'))) return null;
  if (atBreak && !BREAK_SAFE_START.test(out)) return null;
  return out;
}

function plainNode(node: PhrasingContent): string | null {
  switch (node.type) {
    case 'text':
      return plainText(node.value);
    case 'strong':
    case 'emphasis': {
      // No `_` inside: next to a marker even a `_` between letters is escaped.
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (only?.type !== 'text' || !ATTENTION_CONTENT.test(only.value) || only.value.includes('_')) return null;
      const inner = plainText(only.value);
      const marker = node.type === 'strong' ? '**' : '_';
      return inner === null ? null : `${marker}${inner}${marker}`;
    }
    case 'inlineCode':
      return PLAIN_CODE.test(node.value) ? `\`${node.value}\`` : null;
    case 'link': {
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (only?.type !== 'text' || node.title || !PLAIN_URL.test(node.url) || only.value === '' || only.value === node.url) return null;
      const text = plainText(only.value);
      return text === null || /^\s|\s$/.test(text) ? null : `[${text}](${node.url})`;
    }
    default:
      return null;
  }
}

/** Text with the escapes the printer makes everywhere in inline content, or `null` when another rule could apply. */
function plainText(value: string): string | null {
  if (!PLAIN_TEXT.test(value) || (value.includes('_') && LONE_UNDERSCORE.test(value))) return null;
  return ALWAYS_ESCAPED.test(value) ? value.replace(ALWAYS_ESCAPED_ALL, '\\$&') : value;
}

/** `plainLine` for the content of a paragraph: each of its lines starts a line. */
function plainLines(nodes: readonly PhrasingContent[]): string | null {
  const text = plainLine(nodes, true);
  if (text === null || !text.includes('\n')) return text;
  for (const line of text.split('\n')) if (line !== line.trim() || !BREAK_SAFE_START.test(line)) return null;
  return text;
}

/**
 * No character whose escaping depends on its neighbours or its construct:
 * backslash, `!`, `]`, `<`, `&`, `|`, `#`, tab, CR (line breaks are checked
 * by the caller); `_` only between letters or digits (`Sao_Paulo`), where
 * the printer leaves it as it is.
 */
const PLAIN_TEXT = /^[^\\!\]<>&|#\t\r]*$/;
/** `_` not between letters or digits, or next to the first or last letter, whose other side is the neighbouring node. */
const LONE_UNDERSCORE = /(?<![\p{L}\p{N}_])_|_(?![\p{L}\p{N}_])|^[\p{L}\p{N}]_|_[\p{L}\p{N}]$/u;
/** What may follow `**strong**` or `_emphasis_`: a space, or punctuation that opens nothing. */
const AFTER_ATTENTION = /^[ .,;:?)]/;
/** Escaped with a backslash wherever they stand in inline content. */
const ALWAYS_ESCAPED = /[*[`~]/;
const ALWAYS_ESCAPED_ALL = /[*[`~]/g;
/** Inline code printed between single backticks: no backtick, no space or line break at either end. */
const PLAIN_CODE = /^[^`\s|](?:[^`\r\n|]*[^`\s|])?$/;
/** A link address printed as it is: no spaces, parentheses, angle brackets, `&`, `*`, `!` or quotes. */
const PLAIN_URL = /^[A-Za-z0-9\-._~:/?#@$+,;=%]+$/;
/** Strong or emphasised text: a letter or digit first, and a letter, digit, `.`, `%` or `)` last. */
const ATTENTION_CONTENT = /^[\p{L}\p{N}](?:.*[\p{L}\p{N}.%)])?$/su;
const ALPHANUMERIC_END = /[\p{L}\p{N}]$/u;
/**
 * A line start the printer treats like any other text: a letter, digits not
 * followed by `.` or `)` (an ordered list), an always-escaped character, or a
 * link or inline code.
 */
const BREAK_SAFE_START = /^(?:\p{L}|\p{N}+(?![\p{N}.)])|\\[*[`~]|\[[^\\]|`|\*\*[\p{L}\p{N}]|_[\p{L}\p{N}])/u;
