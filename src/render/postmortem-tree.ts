import type { Nodes, Root } from 'mdast';
import type { Incident } from '../model/incident.js';
import { buildView } from './build-view.js';
import { markdownProcessor } from './markdown/processor.js';
import { printTree } from './markdown/print-tree.js';
import { Slots } from './markdown/slots.js';
import { treeFromTemplateOutput } from './markdown/template-lines.js';
import { normaliseMarkdown } from './render-postmortem.js';
import type { TemplateSet } from './template-family.js';

/**
 * A postmortem as a Markdown tree, for the printers of other dialects and
 * for HTML (publish): what its GitHub Markdown parses to, as far as any
 * printer can tell, so each dialect prints it as it would print the parsed
 * Markdown, with no Markdown text parsed back in.
 */
export interface PostmortemTree {
  tree: Root;
  /**
   * The GitHub Markdown when it was printed on the way (the tree was parsed
   * from it, or changed since); `null` when the tree was built without it,
   * and `printTree` gives `renderPostmortem`'s bytes (see `postmortemMarkdown`).
   */
  markdown: string | null;
}

/**
 * One incident to its postmortem's tree: on the fast path the tree
 * template-lines.ts builds, in the form the parser gives (see `parsedForm`); on the general path (a user's template outside that
 * grammar), or for a tree whose printed form would read back otherwise, the
 * printed Markdown parsed once.
 */
export function postmortemTree(incident: Incident, templates: TemplateSet): PostmortemTree {
  const slots = new Slots();
  const markdown = templates.render(buildView(incident, slots));
  const built = treeFromTemplateOutput(markdown, slots);
  const tree = built && parsedForm(built);
  if (tree) return { tree, markdown: null };
  const printed = built ? printTree(built) : normaliseMarkdown(markdown, slots);
  return { tree: markdownProcessor.parse(printed), markdown: printed };
}

/** The postmortem's GitHub Markdown: for a tree as `postmortemTree` made it, `renderPostmortem`'s bytes (test/publish-tree.test.ts checks). */
export function postmortemMarkdown(postmortem: PostmortemTree): string {
  return postmortem.markdown ?? printTree(postmortem.tree);
}

/**
 * A built tree in the form the parser gives for its printed Markdown, or
 * `null` where that form is not certain. The parser joins adjacent text and
 * makes no empty text: where the built tree has them, the nodes on the way
 * are copied; the rest is the built tree's own (a value placed twice is one
 * node in both places: no printer changes a node it is given). Left to the
 * parser (`null`), all rare: a loose list or a list item of several blocks
 * (whether it reads back loose depends on the blank lines the printer puts
 * between blocks), a blank line in text or a line break outside a paragraph
 * (the printed text would end the block), white space at either end of a
 * paragraph or a table cell (trimmed by the parser), an empty paragraph or
 * code span (read back as nothing, or as backticks).
 */
export function parsedForm(tree: Root): Root | null {
  const children = childrenForm(tree.children, false);
  if (children === null) return null;
  return children === tree.children ? tree : { ...tree, children };
}

/**
 * Children in the parser's form: the same array when that is their form.
 * `inParagraph`: they are a paragraph's inline content, or inside it, where
 * text may hold a line break.
 */
function childrenForm<T extends Nodes>(nodes: T[], inParagraph: boolean): T[] | null {
  const out: T[] = [];
  let changed = false;
  for (const node of nodes) {
    const form = nodeForm(node, inParagraph);
    if (form === null) return null;
    const last = out.at(-1);
    if (form.type === 'text' && (form.value === '' || last?.type === 'text')) {
      if (last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + form.value } as T;
      changed = true;
      continue;
    }
    if (form !== node) changed = true;
    out.push(form as T);
  }
  const misread = (node: T) => node.type === 'text' && node.value.includes('\n') && (!inParagraph || BLANK_LINE.test(node.value));
  if (out.some(misread)) return null;
  return changed ? out : nodes;
}

/** One node in the parser's form (itself when it is); `null` where the parser may read it otherwise. */
function nodeForm(node: Nodes, inParagraph: boolean): Nodes | null {
  if ((node.type === 'list' || node.type === 'listItem') && node.spread) return null;
  if (node.type === 'listItem' && node.children.length > 1) return null;
  if (node.type === 'inlineCode' && node.value === '') return null;
  if (!('children' in node)) return node;
  const children = childrenForm(node.children as Nodes[], node.type === 'paragraph' || (inParagraph && PHRASING_PARENTS.has(node.type)));
  if (children === null) return null;
  if (node.type === 'paragraph' && children.length === 0) return null;
  if ((node.type === 'paragraph' || node.type === 'tableCell') && !trimmed(children)) return null;
  return children === node.children ? node : ({ ...node, children } as Nodes);
}

const PHRASING_PARENTS = new Set(['strong', 'emphasis', 'delete', 'link']);
/** A line holding only spaces or tabs: printed, it ends the paragraph. */
const BLANK_LINE = /\n[ \t]*\n/;

/** Whether inline content has no white space at either end. */
function trimmed(children: readonly Nodes[]): boolean {
  const first = children[0];
  const last = children.at(-1);
  return !(first?.type === 'text' && /^[ \t\n]/.test(first.value)) && !(last?.type === 'text' && /[ \t\n]$/.test(last.value));
}
