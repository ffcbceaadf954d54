import type { Heading, PhrasingContent, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { inertCodeFences } from './code-fence-policy.js';
import { parseMarkdown } from './processor.js';
import { readSimpleMarkdown } from './simple-markdown.js';
import { type SlotValue, textSlot } from './slots.js';

/**
 * Markdown written in incident files (summary, root cause, timeline text…)
 * is parsed on its own, so nothing in it can reach outside its place in the
 * postmortem: an unclosed code fence, a stray `|` in a table cell, a raw
 * `<script>`. Text without any Markdown punctuation, the common case, needs
 * no parsing at all: that includes `_` between letters or digits
 * (`snake_case`, which can neither open nor close emphasis), `#` and `!`
 * inside a line (`#42`, `!` not before `[`); but not spaces around a line
 * break, which the parser drops or reads as a hard break.
 * test/markdown-field.test.ts checks that whatever this lets through parses
 * to the text itself. Most other fields hold a little inline Markdown
 * (`code`, emphasis, a link, a short list), which simple-markdown.ts reads
 * exactly without the parser.
 */
const MAY_BE_MARKUP = /[\\`*[\]<>&|~\r]|^\s*(?:[-+=>#]|\d+[.)])|\n\s*\n|^ {4}|\t| +\r?\n|\n +|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/mu;

export function markdownSlot(text: string): SlotValue {
  const trimmed = text.trim();
  if (!MAY_BE_MARKUP.test(trimmed)) {
    const slot = textSlot(trimmed);
    // Keep the author's line breaks where the field is shown as a paragraph.
    return { ...slot, blocks: [{ type: 'paragraph', children: [{ type: 'text', value: trimmed }] }] };
  }
  const simple = readSimpleMarkdown(trimmed);
  if (simple) return { phrasing: flattenToPhrasing(simple), blocks: simple, raw: trimmed };
  const tree = parseMarkdown(trimmed);
  inertCodeFences(tree);
  // Headings in a field nest under the section it is shown in (a level-2 heading).
  visit(tree, 'heading', (heading) => {
    heading.depth = Math.min(6, heading.depth + 2) as Heading['depth'];
  });
  const phrasing = flattenToPhrasing(tree.children);
  return { phrasing, blocks: tree.children, raw: trimmed };
}

/**
 * One line of inline content for places like table cells: block structure
 * (paragraphs, lists, code blocks) flattened to its inline content, separated
 * by spaces.
 */
function flattenToPhrasing(blocks: readonly RootContent[]): PhrasingContent[] {
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
          for (const child of node.children) out.push(oneLine(child));
          break;
        case 'code':
          separate();
          out.push({ type: 'inlineCode', value: node.value.replace(/\s*\n\s*/g, ' ') });
          break;
        case 'thematicBreak':
        case 'definition':
          break;
        default:
          if ('children' in node) walk(node.children as RootContent[]);
      }
    }
  };
  walk(blocks);
  return out;
}

function oneLine(node: PhrasingContent): PhrasingContent {
  if (node.type === 'break') return { type: 'text', value: ' ' };
  if (node.type === 'text' || node.type === 'inlineCode') return { ...node, value: node.value.replace(/\s*\n\s*/g, ' ') };
  if ('children' in node) return { ...node, children: (node.children as PhrasingContent[]).map(oneLine) } as PhrasingContent;
  return node;
}
