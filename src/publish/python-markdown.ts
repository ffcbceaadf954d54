import type { Root, Text } from 'mdast';
import type { Handle } from 'mdast-util-to-markdown';
import { markdownProcessor } from '../render/markdown/processor.js';
import { mapTree } from './map-tree.js';

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

/**
 * Lines that extensions read as blocks: `!!!` admonitions, `???`
 * pymdownx.details, `///` pymdownx.blocks (whose `html` block makes any
 * element). Python-Markdown finds them on any line of a block, so every
 * such run in text loses its first character to an escape.
 */
const BLOCK_MARKERS = /([!?/])(?=\1\1)/g;

/**
 * pymdownx.snippets reads a line like `--8<-- "file"` before anything else,
 * code blocks included, and puts the file's text there: in text, the `<`
 * becomes a character reference.
 */
const SNIPPET_MARK = /8</g;

const text: Handle = (node: Text, _parent, state, info) =>
  state
    .safe(node.value, info)
    .replace(EXTENSION_SYNTAX, (character) => `\\${character}`)
    .replace(BLOCK_MARKERS, (character) => `\\${character}`)
    .replace(BACKSLASH_ESCAPE, (match, backslashes: string, character: string) =>
      PYTHON_MARKDOWN_ESCAPES.has(character) ? match : `${backslashes}&#${character.charCodeAt(0)};`,
    )
    .replace(SNIPPET_MARK, '8&#60;');

/** U+2060 WORD JOINER: invisible, and in code (which has no escapes) enough to break a snippet line. */
const WORD_JOINER = '\u2060';

// Settings, not a second `use(remarkStringify, …)`: unified merges a re-used plugin's options into the
// shared STRINGIFY_OPTIONS object, which would change every other printer.
const printer = markdownProcessor().data('settings', { handlers: { text } });

/**
 * Our Markdown as Python-Markdown (MkDocs) reads it the same way: in text,
 * a CommonMark backslash escape Python-Markdown lacks (`\<`, `\&`, `\~`…)
 * becomes a character reference, which both dialects show as the character;
 * extension syntax that would make blocks or include files (admonitions,
 * details, blocks, snippets) is escaped in text and broken in code.
 */
export function forPythonMarkdown(markdown: string): string {
  return printPythonMarkdown(printer.parse(markdown));
}

/** `forPythonMarkdown` of a tree (see `PostmortemTree`), which is left as it is. */
export function printPythonMarkdown(tree: Root): string {
  const safe = mapTree(tree, (node) =>
    node.type === 'code' || node.type === 'inlineCode' ? { ...node, value: node.value.replace(SNIPPET_MARK, `8${WORD_JOINER}<`) } : node,
  );
  return printer.stringify(safe);
}
