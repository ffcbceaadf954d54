import type { Definition, Image, Link, Nodes, Parents, PhrasingContent, Root } from 'mdast';
import { SKIP, type VisitorResult, visit } from 'unist-util-visit';
import { replaceAt } from './many-nodes.js';

/**
 * Which addresses may reach a reader as a link, in every form Markdown has
 * (inline, reference, autolink, image): http(s), mailto, a fragment or a
 * relative path. Anything else (`javascript:`, `data:`, `vbscript:`…) is
 * an address a docs site would run or open without the reader choosing it.
 */
const SAFE_URL = /^(?:https?:|mailto:|#|\/|\.{0,2}\/)|^[^:]*$/i;

/** Whether a link destination may stay a link: http(s), mailto, a fragment or a relative path. */
export function isSafeUrl(url: string): boolean {
  return SAFE_URL.test(url.trim());
}

/**
 * Turns reference links and images into inline ones and removes every
 * definition, so a Markdown field's links are all of one form the policy
 * below sees whole, and no definition can leak out of its field to give an
 * address to a reference elsewhere on the page (fields are parsed one by
 * one, but printed into one document).
 */
export function inlineReferences(tree: Root): void {
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node: Definition) => {
    // CommonMark: the first definition of a label wins.
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
  });
  visit(tree, (node: Nodes, index, parent: Parents | undefined) => {
    if (!parent || index === undefined) return undefined;
    if (node.type === 'definition') {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    if (node.type !== 'linkReference' && node.type !== 'imageReference') return undefined;
    const definition = definitions.get(node.identifier);
    const target = { url: definition?.url ?? '', title: definition?.title ?? null };
    const inline: Link | Image =
      node.type === 'linkReference' ? { type: 'link', ...target, children: node.children } : { type: 'image', ...target, alt: node.alt ?? null };
    (parent.children as PhrasingContent[])[index] = inline;
    return undefined;
  });
}

/**
 * The policy for one link or image, as a `visit` callback: an unsafe
 * address keeps the text and loses the link; an image becomes a link to the
 * image, named by its alt text, so opening a page never fetches anything
 * from a host the incident's author chose (and an incident file ships no
 * images for a postmortem to show).
 */
export function applyUrlPolicy(node: Link | Image, index: number, parent: Parents): VisitorResult {
  const siblings = parent.children as PhrasingContent[];
  const safe = isSafeUrl(node.url);
  if (node.type === 'link') {
    if (safe) return undefined;
    replaceAt(siblings, index, node.children);
    return [SKIP, index]; // the text is visited in its new place
  }
  const name: PhrasingContent = { type: 'text', value: node.alt || (safe ? node.url : '') };
  // Inside a link, the image's name is enough: a link cannot hold another.
  siblings[index] = safe && parent.type !== 'link' ? { type: 'link', url: node.url, title: node.title ?? null, children: [name] } : name;
  return [SKIP, index + 1];
}
