import type { Element, Root as HastRoot } from 'hast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { gfmSubset, postmortemTransforms } from '../render/markdown/processor.js';

/**
 * Markdown to HTML for the `html` target: our Markdown dialect and transforms
 * (raw HTML shown as text, unsafe links dropped), remark-rehype without
 * `allowDangerousHtml`, then rehype-sanitize with GitHub's schema as the last
 * step before printing. That schema already keeps `class="language-*"` on
 * `code`, which is all the Mermaid script needs; nothing is added to it.
 */
const htmlProcessor = unified()
  .use(remarkParse)
  .use(gfmSubset)
  .use(postmortemTransforms)
  .use(remarkRehype)
  .use(rehypeSanitize, defaultSchema)
  .use(rehypeStringify)
  .freeze();

export interface HtmlBody {
  html: string;
  /** Whether the body has a ```mermaid block for the browser to draw. */
  hasMermaid: boolean;
}

/** Markdown as a sanitised HTML fragment. */
export function markdownToHtml(markdown: string): HtmlBody {
  const tree = htmlProcessor.runSync(htmlProcessor.parse(markdown)) as HastRoot;
  let hasMermaid = false;
  visit(tree, 'element', (node: Element) => {
    const classes = node.properties.className;
    if (node.tagName === 'code' && Array.isArray(classes) && classes.includes('language-mermaid')) hasMermaid = true;
  });
  return { html: htmlProcessor.stringify(tree), hasMermaid };
}
