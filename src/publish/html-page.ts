import { relativeHref } from './site-markdown.js';

export const HTML_INDEX = 'index.html';
export const HTML_REPORT = 'report.html';
export const STYLE_ASSET = 'assets/style.css';
export const MERMAID_ASSET = 'assets/mermaid.min.js';
export const MERMAID_INIT_ASSET = 'assets/mermaid-init.js';

/** Text for HTML content or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface HtmlPage {
  /** The page, relative to the output folder. */
  path: string;
  /** Plain text: escaped here. */
  title: string;
  /** Sanitised HTML. */
  body: string;
  /** Whether to load the Mermaid scripts. */
  hasMermaid: boolean;
}

/**
 * A whole HTML document around a sanitised body: our stylesheet, a small
 * navigation header, and the Mermaid scripts only where a diagram needs them.
 * Every address is relative and local: nothing is fetched from elsewhere.
 */
export function htmlDocument(page: HtmlPage, indexTitle: string, reportTitle: string | null): string {
  const href = (to: string) => escapeHtml(relativeHref(page.path, to));
  const scripts = page.hasMermaid ? [`<script src="${href(MERMAID_ASSET)}"></script>`, `<script src="${href(MERMAID_INIT_ASSET)}"></script>`] : [];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<link rel="stylesheet" href="${href(STYLE_ASSET)}">`,
    '</head>',
    '<body>',
    // No report link where the site has no report page (`SiteContext.hasReport`).
    `<header><nav><a href="${href(HTML_INDEX)}">${escapeHtml(indexTitle)}</a>${reportTitle === null ? '' : ` <a href="${href(HTML_REPORT)}">${escapeHtml(reportTitle)}</a>`}</nav></header>`,
    '<main>',
    page.body,
    '</main>',
    ...scripts,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
