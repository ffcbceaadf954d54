import type { InlineCode, Root, Text } from 'mdast';
import type { Handle } from 'mdast-util-to-markdown';
import { markdownProcessor } from '../render/markdown/processor.js';
import { withoutTitle } from './site-markdown.js';

/** kramdown's own backslash escapes (its `ESCAPED_CHARS`); `<` and `&` are left out on purpose, see below. */
const KRAMDOWN_ESCAPES = new Set(['\\', '.', '*', '_', '+', '`', '>', '(', ')', '[', ']', '{', '}', '#', '!', ':', '|', '"', "'", '$', '=', '-']);

/**
 * One token of printed text, left to right: a backslash escape (so `\\`
 * pairs are taken whole), a character reference the printer wrote, or a
 * character kramdown reads as syntax where CommonMark does not.
 */
const TOKEN = /\\([!-/:-@[-`{-~])|&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);|[<&|{}$[]|^:/gim;

function forKramdownText(printed: string): string {
  return printed.replace(TOKEN, (match: string, escaped: string | undefined) => {
    if (escaped !== undefined) {
      if (escaped === '<') return '&lt;';
      if (escaped === '&') return '&amp;';
      return KRAMDOWN_ESCAPES.has(escaped) ? match : `&#${escaped.charCodeAt(0)};`;
    }
    if (match.length > 1) return match; // a character reference the printer wrote itself
    if (match === '<') return '&lt;';
    if (match === '&') return '&amp;';
    return `\\${match}`;
  });
}

const text: Handle = (node: Text, _parent, state, info) => forKramdownText(state.safe(node.value, info));

/**
 * A code span with a `|` in it: kramdown takes any line holding an unescaped
 * pipe, even inside backticks, for a table row, and a code span has no escapes.
 * Written as a `<code>` element with the text escaped, which kramdown passes through.
 */
const inlineCode: Handle = (node: InlineCode) => {
  if (!node.value.includes('|')) return codeSpan(node.value);
  const escaped = node.value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;').replace(/\n/g, ' ');
  return `<code>${escaped}</code>`;
};

/** A CommonMark code span: a fence longer than any backtick run inside, padded where the value starts or ends with a backtick. */
function codeSpan(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^`|`$/.test(value) || (/^ /.test(value) && / $/.test(value) && /[^ ]/.test(value)) ? ' ' : '';
  return `${fence}${pad}${value.replace(/\n/g, ' ')}${pad}${fence}`;
}

// Settings, not a second `use(remarkStringify, …)`: unified merges a re-used plugin's options into the
// shared STRINGIFY_OPTIONS object, which would change every other printer.
const printer = markdownProcessor().data('settings', { handlers: { text, inlineCode } });

/**
 * Our Markdown as kramdown (Jekyll) reads it the same way: in text, `<` and
 * `&` are always character references (kramdown passes raw HTML through),
 * CommonMark escapes kramdown lacks (`\~`, `\&`…) become references, and
 * what kramdown alone reads as syntax (`|` tables, `{:` attribute lists,
 * `$$` math, `[^` footnotes, `:` definitions) is escaped. With `dropTitle`,
 * a leading level-1 heading is left out.
 */
export function forKramdown(markdown: string, options: { dropTitle?: boolean } = {}): string {
  return printKramdown(printer.parse(markdown), options);
}

/** `forKramdown` of a tree (see `PostmortemTree`), which is left as it is. */
export function printKramdown(tree: Root, options: { dropTitle?: boolean } = {}): string {
  return printer.stringify(options.dropTitle ? withoutTitle(tree) : tree);
}
