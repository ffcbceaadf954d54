import type { Heading, PhrasingContent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseMarkdown, stringifyMarkdown } from './processor.js';

/**
 * Markdown written in incident files (summary, root cause, timeline text…)
 * is parsed on its own, so that nothing in it can reach outside its place in
 * the postmortem: an unclosed code fence, a stray `|` in a table cell, a raw
 * `<script>`. Text without any Markdown punctuation, the common case, needs
 * no parsing at all.
 */
const MAY_BE_MARKUP = /[\\`*_[\]<>&|#!~{}]|^\s*(?:[-+=>]|\d+[.)])|\n\s*\n|^ {4}/m;

function isPlain(text: string): boolean {
  return !MAY_BE_MARKUP.test(text);
}

/** For a block context (a section body): the field re-printed as self-contained Markdown. */
export function markdownBlock(text: string): string {
  const trimmed = text.trim();
  if (isPlain(trimmed)) return trimmed;
  const tree = parseMarkdown(trimmed);
  // Headings in a field nest under the section it is shown in (a level-2 heading).
  visit(tree, 'heading', (heading) => {
    heading.depth = Math.min(6, heading.depth + 2) as Heading['depth'];
  });
  return stringifyMarkdown(tree).trim();
}

/**
 * For a list item after `- `: block Markdown whose continuation lines are
 * indented to stay inside the item.
 */
export function markdownListItem(text: string): string {
  return markdownBlock(text).replace(/\n(?=.)/g, '\n  ');
}

/**
 * For a table cell: one line of inline Markdown. Block structure (paragraphs,
 * lists, code blocks) is flattened to its inline content separated by spaces,
 * and pipes are escaped, which GFM honours even inside code spans.
 */
export function markdownInline(text: string): string {
  const trimmed = text.trim();
  if (isPlain(trimmed)) return trimmed.replace(/\s*\n\s*/g, ' ');
  const phrasing = flattenToPhrasing(parseMarkdown(trimmed));
  const root: Root = { type: 'root', children: [{ type: 'paragraph', children: phrasing }] };
  return escapePipes(stringifyMarkdown(root).trim().replace(/\s*\n\s*/g, ' '));
}

/** Escapes every `|` that is not escaped yet (an odd number of backslashes before it). */
function escapePipes(markdown: string): string {
  return markdown.replace(/(\\*)\|/g, (match, backslashes: string) => (backslashes.length % 2 ? match : `${backslashes}\\|`));
}

function flattenToPhrasing(root: Root): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const separate = () => {
    if (out.length > 0) out.push({ type: 'text', value: ' ' });
  };
  const walk = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'paragraph':
        case 'heading':
        case 'tableCell':
          separate();
          out.push(...node.children.map(withoutBreaks));
          break;
        case 'code':
          separate();
          out.push({ type: 'inlineCode', value: node.value.replace(/\s*\n\s*/g, ' ') });
          break;
        case 'thematicBreak':
        case 'definition':
          break;
        case 'html':
          separate();
          out.push({ type: 'text', value: node.value });
          break;
        default:
          if ('children' in node) walk(node.children as RootContent[]);
      }
    }
  };
  walk(root.children);
  return out;
}

function withoutBreaks(node: PhrasingContent): PhrasingContent {
  return node.type === 'break' ? { type: 'text', value: ' ' } : node;
}
