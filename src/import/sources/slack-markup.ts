import type { BlockContent, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { markdownProcessor } from '../../render/markdown/processor.js';
import { type SlackNames, slackInline, unescape } from './slack-inline.js';

export { type SlackNames, slackPlainText } from './slack-inline.js';

/**
 * A Slack message's text (`mrkdwn`, as exports store it) as Markdown for an
 * incident field. It is read into a Markdown tree and printed by the same
 * printer postmortems use, which escapes what a person typed, so the result
 * means the message's text and nothing more: no raw HTML, no link but an
 * http(s) one, no heading or list a stray `#` or `-` would start.
 *
 * `lead` is plain text put before the message (`Reply in thread: `).
 */
export function slackToMarkdown(text: string, names: SlackNames, lead?: string): string {
  // Most messages are words and plain punctuation, which Markdown reads as themselves.
  if (PLAIN.test(text) && !LIST_MARKER.test(text)) return `${lead ?? ''}${text}`;
  const blocks = slackBlocks(text, names);
  if (lead) {
    const first = blocks[0];
    const leadText: PhrasingContent = { type: 'text', value: lead };
    if (first?.type === 'paragraph') first.children.unshift(leadText);
    else blocks.unshift({ type: 'paragraph', children: [{ type: 'text', value: lead.trimEnd() }] });
  }
  if (blocks.length === 0) return '';
  const tree: Root = { type: 'root', children: blocks };
  return markdownProcessor.stringify(tree).trimEnd();
}

/**
 * One line with nothing Markdown or Slack reads as markup: letters, digits,
 * single spaces between words, and punctuation that marks nothing (none of
 * `*_~\`[]<>&|#+-=\\`). Only `1.` or `1)` at its start could be (a list).
 */
const PLAIN = /^[\p{L}\p{N},;:'"?!/%$@.()]+(?: [\p{L}\p{N},;:'"?!/%$@.()]+)*$/u;
const LIST_MARKER = /^[0-9]+[.)]/;

/** A fenced block: Slack's ```` ``` ```` around text that spans lines. */
const PRE = /```([\s\S]*?)```/g;

function slackBlocks(text: string, names: SlackNames): RootContent[] {
  const blocks: RootContent[] = [];
  let last = 0;
  for (const match of text.matchAll(PRE)) {
    const body = match[1]!;
    if (!body.includes('\n')) continue; // on one line: inline code, read with the line
    blocks.push(...lineBlocks(text.slice(last, match.index), names));
    const value = unescape(body.replace(/^\n/, '').replace(/\n$/, ''));
    blocks.push({ type: 'code', lang: null, meta: null, value });
    last = match.index + match[0].length;
  }
  blocks.push(...lineBlocks(text.slice(last), names));
  return blocks;
}

/** `&gt; ` quotes one line; `&gt;&gt;&gt; ` quotes the rest of the message. */
const QUOTE_LINE = /^&gt;[ \t]?/;
const QUOTE_REST = /^&gt;&gt;&gt;[ \t]?/;

/**
 * Paragraphs (lines between blank lines, each line kept as a line) and
 * quotes, in order.
 */
function lineBlocks(text: string, names: SlackNames): RootContent[] {
  const blocks: RootContent[] = [];
  let paragraph: string[] = [];
  let quote: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push(paragraphOf(paragraph, names));
    paragraph = [];
  };
  const endQuote = () => {
    if (quote.length > 0) blocks.push({ type: 'blockquote', children: paragraphs(quote, names) });
    quote = [];
  };
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (QUOTE_REST.test(line)) {
      endParagraph();
      quote.push(line.replace(QUOTE_REST, ''), ...lines.slice(index + 1));
      break;
    }
    if (QUOTE_LINE.test(line)) {
      endParagraph();
      quote.push(line.replace(QUOTE_LINE, ''));
      continue;
    }
    endQuote();
    if (line.trim() === '') endParagraph();
    else paragraph.push(line);
  }
  endParagraph();
  endQuote();
  return blocks;
}

function paragraphs(lines: readonly string[], names: SlackNames): BlockContent[] {
  const out: BlockContent[] = [];
  let current: string[] = [];
  for (const line of [...lines, '']) {
    if (line.trim() !== '') {
      current.push(line);
      continue;
    }
    if (current.length > 0) out.push(paragraphOf(current, names));
    current = [];
  }
  return out;
}

/** Lines of one paragraph, each kept as a line (a hard break between them), without the indentation Markdown would read as code. */
function paragraphOf(lines: readonly string[], names: SlackNames): Paragraph {
  const children: PhrasingContent[] = [];
  for (const [index, line] of lines.entries()) {
    if (index > 0) children.push({ type: 'break' });
    children.push(...slackInline(line.trim(), names));
  }
  return { type: 'paragraph', children };
}
