import type { Root } from 'mdast';
import { MERMAID_INIT, STYLESHEET, mermaidBundle } from './html-assets.js';
import { treeToHtml } from './html-markdown.js';
import { HTML_INDEX, HTML_REPORT, MERMAID_ASSET, MERMAID_INIT_ASSET, STYLE_ASSET, htmlDocument } from './html-page.js';
import { INDEX_TITLE, REPORT_TITLE, indexPageTree, relativeHref } from './site-markdown.js';
import type { PublishTarget, SiteContext } from './target.js';

/** A page around the HTML of a Markdown tree: every page is converted from a tree, none from Markdown text. */
function page(path: string, title: string, markdown: Root, site: Pick<SiteContext, 'hasReport'>): string {
  const body = treeToHtml(markdown);
  return htmlDocument({ path, title, body: body.html, hasMermaid: body.hasMermaid }, INDEX_TITLE, site.hasReport ? 'Report' : null);
}

/**
 * A self-contained static site: `<id>.html`, `index.html`, `report.html`,
 * a stylesheet, and Mermaid's browser bundle copied from the npm package
 * with a small script of ours that draws the diagrams. Every link is
 * relative and nothing is fetched from the network, so the folder works
 * from any static host or straight from disk.
 */
export const htmlTarget: PublishTarget = {
  name: 'html',
  incidentPage: (id) => `${id}.html`,
  reportPage: HTML_REPORT,
  href: relativeHref,

  incidentText(incident, postmortem, site) {
    return page(this.incidentPage(incident.id), incident.title, postmortem.tree, site);
  },

  reportText(report) {
    return page(this.reportPage, REPORT_TITLE, report.tree(), { hasReport: true });
  },

  siteFiles(incidents, context) {
    return [
      { path: HTML_INDEX, content: page(HTML_INDEX, INDEX_TITLE, indexPageTree(this, HTML_INDEX, incidents, context), context) },
      { path: STYLE_ASSET, content: STYLESHEET },
      { path: MERMAID_ASSET, content: mermaidBundle() },
      { path: MERMAID_INIT_ASSET, content: MERMAID_INIT },
    ];
  },
};
