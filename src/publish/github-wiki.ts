import { posix } from 'node:path';
import { postmortemMarkdown } from '../render/postmortem-tree.js';
import { INDEX_TITLE, REPORT_TITLE, indexMarkdown, link, linkList, paragraph, printMarkdown } from './site-markdown.js';
import type { PublishTarget } from './target.js';

export const WIKI_INDEX = 'Home.md';
export const WIKI_SIDEBAR = '_Sidebar.md';

/**
 * A GitHub wiki (its own git repository): one page per incident named by its
 * id, `Home.md` as the index, `Incident-report.md`, and `_Sidebar.md`. The
 * wiki ignores front matter, so pages carry none: the postmortem's key-facts
 * table already holds title, date, severity, services and tags. Wiki links
 * name the page without `.md`, and page names are one flat namespace.
 */
export const githubWikiTarget: PublishTarget = {
  name: 'github-wiki',
  incidentPage: (id) => `${id}.md`,
  reportPage: 'Incident-report.md',
  href: (_from, to) => encodeURI(posix.basename(to, '.md')).replace(/[#?]/g, (c) => encodeURIComponent(c)),

  incidentText: (_incident, postmortem) => postmortemMarkdown(postmortem),

  reportText: (report) => report.markdown(),

  siteFiles(incidents, context) {
    const hrefTo = (page: string) => this.href(WIKI_INDEX, page);
    const home = indexMarkdown(this, WIKI_INDEX, incidents, context);
    const sidebar = printMarkdown([
      paragraph({ type: 'strong', children: [link(hrefTo(WIKI_INDEX), INDEX_TITLE)] }),
      linkList([
        ...(context.hasReport ? [{ url: hrefTo(this.reportPage), text: REPORT_TITLE }] : []),
        ...incidents.map((incident) => ({ url: hrefTo(this.incidentPage(incident.id)), text: `${incident.date} ${incident.title}` })),
      ]),
    ]);
    return [
      { path: WIKI_INDEX, content: home, siteMayOwn: true },
      { path: WIKI_SIDEBAR, content: sidebar, siteMayOwn: true },
    ];
  },
};
