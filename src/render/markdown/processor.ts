import type { Root } from 'mdast';
import { gfmStrikethroughFromMarkdown, gfmStrikethroughToMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown, gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import { type Processor, unified } from 'unified';

import { visit } from 'unist-util-visit';

/**
 * The Markdown dialect of our input and output: CommonMark with GFM tables and
 * strikethrough. The rest of GFM (autolink literals, footnotes, task lists) is
 * left out on purpose: we do not need it, and autolink literal parsing alone
 * costs more than the rest of parsing.
 */
function gfmSubset(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmStrikethrough({ singleTilde: false }));
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown());
  (data.toMarkdownExtensions ??= []).push(gfmTableToMarkdown({ tablePipeAlign: false }), gfmStrikethroughToMarkdown());
}

/** Fixed output options: the same tree always prints the same bytes. */
export const STRINGIFY_OPTIONS: StringifyOptions = {
  bullet: '-',
  bulletOther: '*',
  emphasis: '_',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
  resourceLink: true,
  setext: false,
  closeAtx: false,
  tightDefinitions: true,
};

/**
 * Raw HTML from any source is shown as text: an incident is not a place for
 * markup, and docs engines (MDX above all) choke on stray tags.
 */
export function htmlAsText() {
  return (tree: Root) => {
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined) return;
      parent.children[index] = { type: 'text', value: node.value } as never;
    });
  };
}

export const markdownProcessor = unified()
  .use(remarkParse)
  .use(gfmSubset)
  .use(htmlAsText)
  .use(remarkStringify, STRINGIFY_OPTIONS)
  .freeze();

export function parseMarkdown(text: string): Root {
  const tree = markdownProcessor.parse(text);
  return markdownProcessor.runSync(tree) as Root;
}

export function stringifyMarkdown(tree: Root): string {
  return markdownProcessor.stringify(tree);
}
