import type { Nodes as HastNodes, Root as HastRoot } from 'hast';
import type { Nodes, Root } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype, { type Options as RemarkRehypeOptions } from 'remark-rehype';
import { unified } from 'unified';
import { gfmSubset, isSafeUrl, postmortemTransforms } from '../render/markdown/processor.js';

/**
 * Markdown to HTML for the `html` target: our Markdown dialect and transforms
 * (raw HTML shown as text, unsafe links dropped), remark-rehype without
 * `allowDangerousHtml`, then rehype-sanitize with GitHub's schema as the last
 * step before printing. That schema already keeps `class="language-*"` on
 * `code`, which is all the Mermaid script needs; nothing is added to it.
 */
const htmlProcessor = unified().use(remarkParse).use(gfmSubset).use(postmortemTransforms).use(remarkRehype).freeze();

/**
 * A tree handed to mdast-util-to-hast inside a node of this type, which has
 * no children, so the walk it starts with (gathering definitions and
 * footnotes, a third of its time) finds nothing and stops at once. Only for
 * trees that hold neither (see `transformsChange`): the walk would find
 * nothing in them anyway.
 */
const WRAPPED_TREE = 'postmortemWrappedTree';

interface WrappedTree {
  type: typeof WRAPPED_TREE;
  tree: Root;
}

type Handler = NonNullable<NonNullable<RemarkRehypeOptions['handlers']>['root']>;
const unwrap: Handler = (state, node: WrappedTree) => state.one(node.tree, undefined);

/** The same steps for a tree our transforms would leave as it is (see `treeToHtml`). */
const transformedTreeProcessor = unified()
  .use(remarkRehype, { handlers: { [WRAPPED_TREE]: unwrap } as RemarkRehypeOptions['handlers'] })
  .freeze();

/** The last two steps, for every page: sanitising stays the library's job. */
const sanitiseProcessor = unified().use(rehypeSanitize, defaultSchema).use(rehypeStringify).freeze();

export interface HtmlBody {
  html: string;
  /** Whether the body has a ```mermaid block for the browser to draw. */
  hasMermaid: boolean;
}

/** Markdown as a sanitised HTML fragment. */
export function markdownToHtml(markdown: string): HtmlBody {
  return treeToHtml(htmlProcessor.parse(markdown));
}

/**
 * A Markdown tree (see `PostmortemTree`) as a sanitised HTML fragment: the
 * steps after the parser, so a tree is held to the same rules as Markdown
 * text. Our transforms run only where they have something to do: a tree
 * from our own renderer has been through them (its fields were), and the
 * full walks they take cost more than the rest. When they run they may
 * change the tree in place; it is made into this one page and let go.
 */
export function treeToHtml(markdownTree: Root): HtmlBody {
  const unsanitised = (
    transformsChange(markdownTree) ? htmlProcessor.runSync(markdownTree) : transformedTreeProcessor.runSync({ type: WRAPPED_TREE, tree: markdownTree } as unknown as Root)
  ) as HastRoot;
  const tree = sanitiseProcessor.runSync(unsanitised) as HastRoot;
  return { html: sanitiseProcessor.stringify(tree), hasMermaid: hasMermaidCode(tree) };
}

/**
 * Whether `postmortemTransforms` would change the tree: raw HTML, a
 * reference, a definition, an image or a link the URL policy refuses
 * (there are no template tokens outside a template's own rendering); or
 * whether it holds a footnote, which our dialect never parses, but which
 * the wrapped tree's shortcut must not meet (the transforms leave it be).
 */
function transformsChange(node: Nodes): boolean {
  switch (node.type) {
    case 'html':
    case 'image':
    case 'imageReference':
    case 'linkReference':
    case 'definition':
    case 'footnoteReference':
    case 'footnoteDefinition':
      return true;
    case 'link':
      if (!isSafeUrl(node.url)) return true;
      break;
    default:
      break;
  }
  return 'children' in node && node.children.some(transformsChange);
}

function hasMermaidCode(node: HastNodes): boolean {
  if (node.type === 'element' && node.tagName === 'code') {
    const classes = node.properties.className;
    if (Array.isArray(classes) && classes.includes('language-mermaid')) return true;
  }
  return 'children' in node && node.children.some(hasMermaidCode);
}
