import type { Text } from 'mdast';
import type { Handle } from 'mdast-util-to-markdown';
import { markdownProcessor } from '../render/markdown/processor.js';

/**
 * A backslash escape that is itself not escaped (an even run of backslashes
 * before it). CommonMark reads any `\` + punctuation as the literal
 * character; Python-Markdown (MkDocs) knows only some of these escapes and
 * shows the backslash for the rest. Worse, it has no `\<`: it keeps the
 * backslash and lets `<script>` through as HTML.
 */
const BACKSLASH_ESCAPE = /(?<!\\)((?:\\\\)*)\\([!-/:-@[-`{-~])/g;
/** Python-Markdown's own escapes, and `|` which its tables extension reads. */
const PYTHON_MARKDOWN_ESCAPES = new Set(['\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '>', '#', '+', '-', '.', '!', '|']);

/**
 * Syntax of extensions MkDocs sites commonly turn on, read in plain text:
 * `{…}` is attr_list's attributes (`{onclick=…}` included), `:name:` is
 * pymdownx.emoji's. Escaped here, then made Python-Markdown's below.
 */
const EXTENSION_SYNTAX = /\{|:(?=[\w+-]+:)/g;

const text: Handle = (node: Text, _parent, state, info) =>
  state
    .safe(node.value, info)
    .replace(EXTENSION_SYNTAX, (character) => `\\${character}`)
    .replace(BACKSLASH_ESCAPE, (match, backslashes: string, character: string) =>
      PYTHON_MARKDOWN_ESCAPES.has(character) ? match : `${backslashes}&#${character.charCodeAt(0)};`,
    );

// Settings, not a second `use(remarkStringify, …)`: unified merges a re-used plugin's options into the
// shared STRINGIFY_OPTIONS object, which would change every other printer.
const printer = markdownProcessor().data('settings', { handlers: { text } });

/**
 * Our Markdown as Python-Markdown (MkDocs) reads it the same way: in text,
 * a CommonMark backslash escape Python-Markdown lacks (`\<`, `\&`, `\~`…)
 * becomes a character reference, which both dialects show as the character.
 */
export function forPythonMarkdown(markdown: string): string {
  return printer.stringify(printer.parse(markdown));
}

/** Text placed in HTML as it is (page titles and nav entries in mkdocs-material's templates). */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
