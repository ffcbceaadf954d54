import type { Nodes, Parents, PhrasingContent, Root, Text } from 'mdast';
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

const SAFE_LINK = /^(?:https?:|mailto:|#|\/|\.{0,2}\/)|^[^:]*$/i;

/** Whether a link destination may stay a link: http(s), mailto, a fragment or a relative path. */
export function isSafeUrl(url: string): boolean {
  return SAFE_LINK.test(url.trim());
}

declare module 'vfile' {
  interface DataMap {
    /** The values behind the tokens of a rendered template (see slots.ts). */
    slots: Slots;
  }
}

/**
 * Our transforms, in one pass over the tree:
 * - raw HTML from any source is shown as text (an HTML block as a paragraph):
 *   an incident is not a place for markup, and docs engines (MDX above all)
 *   choke on stray tags;
 * - links and images whose destination is not http(s), mailto or relative
 *   (`javascript:`, `data:`…) keep their text and lose the link;
 * - the tokens of a rendered template are swapped for the incident's values.
 */
export function postmortemTransforms() {
  return (tree: Root, file: VFile) => {
    const slots = file.data.slots;
    visit(tree, (node: Nodes, index, parent: Parents | undefined) => {
      if (!parent || index === undefined) return undefined;
      if (node.type === 'html') {
        const text: Text = { type: 'text', value: node.value };
        parent.children[index] = (FLOW_PARENTS.has(parent.type) ? { type: 'paragraph', children: [text] } : text) as never;
        return index; // visit the replacement: it may hold tokens
      }
      if ((node.type === 'link' || node.type === 'image') && !isSafeUrl(node.url)) {
        const replacement: PhrasingContent[] = node.type === 'link' ? node.children : [{ type: 'text', value: node.alt ?? '' }];
        (parent.children as PhrasingContent[]).splice(index, 1, ...replacement);
        return index;
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
