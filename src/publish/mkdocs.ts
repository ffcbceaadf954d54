import { stringify } from 'yaml';
import { MERMAID_INIT, mermaidBundle } from './html-assets.js';
import { MERMAID_ASSET, MERMAID_INIT_ASSET } from './html-page.js';
import { dayValue, frontMatter } from './front-matter.js';
import { INDEX_TITLE, REPORT_TITLE, indexPageTree, relativeHref } from './site-markdown.js';
import { escapeHtml } from './html-page.js';
import { printPythonMarkdown } from './python-markdown.js';
import type { PublishTarget, PublishedIncident, SiteContext } from './target.js';


/**
 * MkDocs (and mkdocs-material): `<id>.md` with front matter (`title`,
 * `date`, `tags`, `description`), `index.md`, `report.md`, and `nav.yml`, a
 * snippet to paste under `nav:` in mkdocs.yml. Mermaid stays in ```mermaid
 * fences; the html target's two assets (Mermaid's bundle from the npm
 * package and our script that draws the diagrams) come along, for
 * `extra_javascript`, so diagrams are drawn with no network at view time.
 * The superfences fence gets the class `postmortem-mermaid`, which
 * mkdocs-material leaves alone (it draws `pre.mermaid` only with mermaid 8/9,
 * loaded from unpkg.com).
 */
export const mkdocsTarget: PublishTarget = {
  name: 'mkdocs',
  incidentPage: (id) => `${id}.md`,
  reportPage: 'report.md',
  href: relativeHref,

  incidentText(incident, postmortem) {
    // mkdocs-material prints title, description and tags as HTML, unescaped: the writer escapes them.
    const fields = { title: incident.title, date: dayValue(incident.date), tags: incident.tags, description: incident.description };
    return `${frontMatter(fields, 'html')}\n${printPythonMarkdown(postmortem.tree)}`;
  },

  reportText(report) {
    return `${frontMatter({ title: REPORT_TITLE }, 'html')}\n${printPythonMarkdown(report.tree())}`;
  },

  siteFiles(incidents, context) {
    const index = 'index.md';
    return [
      { path: index, content: `${frontMatter({ title: INDEX_TITLE }, 'html')}\n${printPythonMarkdown(indexPageTree(this, index, incidents, context))}` },
      { path: 'nav.yml', content: navSnippet(incidents, context, this) },
      { path: MERMAID_ASSET, content: mermaidBundle() },
      { path: MERMAID_INIT_ASSET, content: MERMAID_INIT },
    ];
  },
};

/** The `nav:` entries, newest first, with paths from the docs root assuming the folder sits directly in it. */
function navSnippet(incidents: readonly PublishedIncident[], context: SiteContext, target: PublishTarget): string {
  const at = (page: string) => `${context.sitePath}/${page}`;
  const nav = [
    {
      [INDEX_TITLE]: [
        at('index.md'),
        ...(context.hasReport ? [{ [REPORT_TITLE]: at(target.reportPage) }] : []),
        ...incidents.map((incident) => ({ [escapeHtml(incident.title)]: at(target.incidentPage(incident.id)) })),
      ],
    },
  ];
  const header = [
    '# Written by `postmortem publish --target mkdocs`: paste these entries under `nav:` in mkdocs.yml.',
    `# Paths assume this folder is \`${context.sitePath}/\` under docs_dir (publish --site-path sets it).`,
    `# Diagrams: add \`extra_javascript: [${at(MERMAID_ASSET)}, ${at(MERMAID_INIT_ASSET)}]\` and a \`postmortem-mermaid\` fence (see "mkdocs" in postmortem's docs/publishing.md).`,
  ].join('\n');
  return `${header}\n${stringify(nav, { version: '1.1', lineWidth: 0 })}`;
}

