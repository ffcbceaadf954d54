import type { Definition, Image, Link, Nodes } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { isSafeUrl } from '../render/markdown/url-policy.js';

/**
 * The CommonMark parser unsafe-links.ts falls back on, in a module of its own:
 * it is loaded only when a field holds text the simple reader does not take,
 * so a `validate` of ordinary files never loads micromark.
 */

export type LinkNode = Link | Image | Definition;

/** CommonMark without our transforms or GFM: links as a reader of the source would see them. One parser for every field. */
const commonMark = unified().use(remarkParse).freeze();

/** Every link, image and definition of `text` whose address (character references decoded) the rendering drops. */
export function findUnsafeLinks(text: string): LinkNode[] {
  const found: LinkNode[] = [];
  visit(commonMark.parse(text), (node: Nodes) => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && !isSafeUrl(node.url)) found.push(node);
  });
  return found;
}
