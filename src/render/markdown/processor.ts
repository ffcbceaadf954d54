import type { Nodes, Parents, Root, Text } from 'mdast';
import { gfmStrikethroughFromMarkdown, gfmStrikethroughToMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown, gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import { type Processor, unified } from 'unified';

import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { FLOW_PARENTS, type Slots } from './slots.js';
import { applyUrlPolicy, inlineReferences } from './url-policy.js';

/**
 * The Markdown dialect of our input and output: CommonMark with GFM tables and
 * strikethrough. The rest of GFM (autolink literals, footnotes, task lists) is
 * left out on purpose: we do not need it, and autolink literal parsing alone
 * costs more than the rest of parsing.
 */
export function gfmSubset(this: Processor) {
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

export { isSafeUrl } from './url-policy.js';

declare module 'vfile' {
  interface DataMap {
    /** The values behind the tokens of a rendered template (see slots.ts). */
    slots: Slots;
  }
}

/**
 * Our transforms, in one pass over the tree (after reference links are made
 * inline, see url-policy.ts):
 * - raw HTML from any source is shown as text (an HTML block as a paragraph):
 *   an incident is not a place for markup, and docs engines (MDX above all)
 *   choke on stray tags;
 * - links and images get the URL policy (url-policy.ts), once tokens in
 *   their address are filled: `javascript:`, `data:`… links keep their
 *   text and lose the link, and images become links;
 * - the tokens of a rendered template are swapped for the incident's values.
 */
export function postmortemTransforms() {
  return (tree: Root, file: VFile) => {
    const slots = file.data.slots;
    inlineReferences(tree);
    visit(tree, (node: Nodes, index, parent: Parents | undefined) => {
      if (!parent || index === undefined) return undefined;
      if (node.type === 'html') {
        const text: Text = { type: 'text', value: node.value };
        parent.children[index] = (FLOW_PARENTS.has(parent.type) ? { type: 'paragraph', children: [text] } : text) as never;
        return index; // visit the replacement: it may hold tokens
      }
      if (node.type === 'link' || node.type === 'image') {
        if (slots) {
          node.url = slots.raw(node.url);
          if (node.title) node.title = slots.raw(node.title);
          if (node.type === 'image' && node.alt) node.alt = slots.raw(node.alt);
        }
        return applyUrlPolicy(node, index, parent);
      }
      return slots?.fillNode(node, index, parent);
    });
  };
}

/**
 * The printer's options are frozen: a dialect printer must derive with
 * `markdownProcessor().data('settings', { handlers })`. A second
 * `.use(remarkStringify, options)` would make unified merge those options
 * into the shared object, silently changing every other printer.
 */
export const markdownProcessor = unified()
  .use(remarkParse)
  .use(gfmSubset)
  .use(postmortemTransforms)
  .use(remarkStringify, Object.freeze({ ...STRINGIFY_OPTIONS }))
  .freeze();

/** Markdown written in an incident field, parsed with our transforms applied. */
export function parseMarkdown(text: string): Root {
  const tree = markdownProcessor.parse(text);
  return markdownProcessor.runSync(tree) as Root;
}
