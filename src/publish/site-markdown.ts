import { posix } from 'node:path';
import type { Nodes, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import { visit } from 'unist-util-visit';
import { markdownProcessor, parseMarkdown } from '../render/markdown/processor.js';
import { markdownSlot } from '../render/markdown/markdown-field.js';
import { type PostmortemTree, parsedForm } from '../render/postmortem-tree.js';
import { mapTree } from './map-tree.js';
import type { PublishTarget, PublishedIncident, SiteContext } from './target.js';

/**
 * Markdown for the pages `publish` adds around the postmortems (index,
 * sidebars), built as trees and printed by the same printer as postmortems,
 * so incident text is escaped for exactly where it lands (a `|` in a title
 * stays inside its table cell).
 */
/** What every site calls its index page and its report page. */
export const INDEX_TITLE = 'Postmortems';
export const REPORT_TITLE = 'Incident report';

/**
 * The body of a site's index page, as Markdown: how many incidents, a link
 * to the report, and the incident table newest first, linked with the
 * target's own addresses from `indexPage`. A target whose theme prints the
 * page title itself leaves the heading out with `dropTitle`, as on every page.
 */
export function indexMarkdown(target: PublishTarget, indexPage: string, incidents: readonly PublishedIncident[], site: Pick<SiteContext, 'hasReport'>): string {
  return printMarkdown(indexTree(target, indexPage, incidents, site).children);
}

/**
 * The index page as the tree its Markdown parses to, for the targets to print
 * in their dialect: the built tree where its form is certain (`parsedForm`),
 * else its Markdown parsed.
 */
export function indexPageTree(target: PublishTarget, indexPage: string, incidents: readonly PublishedIncident[], site: Pick<SiteContext, 'hasReport'>): Root {
  const built = indexTree(target, indexPage, incidents, site);
  return parsedForm(built) ?? markdownProcessor.parse(printMarkdown(built.children));
}

/** `indexMarkdown` as the tree it is printed from. */
export function indexTree(target: PublishTarget, indexPage: string, incidents: readonly PublishedIncident[], site: Pick<SiteContext, 'hasReport'>): Root {
  const count = `${incidents.length} ${incidents.length === 1 ? 'incident' : 'incidents'}, newest first.`;
  return {
    type: 'root',
    children: [
      heading(1, INDEX_TITLE),
      site.hasReport ? paragraph(text(`${count} Figures across them: `), link(target.href(indexPage, target.reportPage), REPORT_TITLE), text('.')) : paragraph(text(count)),
      incidentTable(incidents, (id) => target.href(indexPage, target.incidentPage(id))),
    ],
  };
}

/**
 * Leaves out a leading level-1 heading, for themes whose layout prints the
 * front matter's title as the page's heading (Jekyll's minima, Hugo's
 * themes): the Markdown's own would repeat it.
 */
export function withoutTitle(tree: Root): Root {
  const first = tree.children[0];
  return first?.type === 'heading' && first.depth === 1 ? { ...tree, children: tree.children.slice(1) } : tree;
}

export function printMarkdown(children: RootContent[]): string {
  const root: Root = { type: 'root', children };
  return String(markdownProcessor.stringify(root));
}

export function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

export function link(url: string, value: string): PhrasingContent {
  return { type: 'link', url, children: [text(value)] };
}

export function heading(depth: 1 | 2, value: string): RootContent {
  return { type: 'heading', depth, children: [text(value)] };
}

export function paragraph(...children: PhrasingContent[]): RootContent {
  return { type: 'paragraph', children };
}

/** A bullet list with one link per item. */
export function linkList(items: readonly { url: string; text: string }[]): RootContent {
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: items.map((item) => ({ type: 'listItem', spread: false, children: [paragraph(link(item.url, item.text))] })),
  } as RootContent;
}

/** The index table: every incident (already newest first) with date, linked title, severity, duration and status. */
export function incidentTable(incidents: readonly PublishedIncident[], hrefOf: (id: string) => string): Table {
  const row = (cells: PhrasingContent[][]): TableRow => ({
    type: 'tableRow',
    children: cells.map((children) => ({ type: 'tableCell', children })),
  });
  return {
    type: 'table',
    align: [null, null, null, null, null],
    children: [
      row([[text('Date')], [text('Incident')], [text('Severity')], [text('Duration')], [text('Status')]]),
      ...incidents.map((incident) =>
        row([
          [text(incident.date)],
          [link(hrefOf(incident.id), incident.title)],
          [text(incident.severity)],
          [text(incident.duration)],
          [text(incident.status)],
        ]),
      ),
    ],
  };
}

/** How long a description may be before it is cut at a word, with `…`. */
export const DESCRIPTION_CHARS = 160;

/** The first paragraph of a Markdown text as one line of plain text, cut at a word past `max` characters. */
export function plainDescription(markdown: string, max = DESCRIPTION_CHARS): string {
  // A field's blocks as the postmortem shows them, which skips the parser for plain text. They are of the
  // trimmed text: spaces and line breaks at the end change no paragraph; anything at the start could (four
  // spaces make code), and so could other white space at the end (a no-break space is text to the parser).
  const trimmable = markdown.trim() === markdown.replace(/[ \t\r\n]+$/, '');
  const blocks = trimmable ? markdownSlot(markdown).blocks! : parseMarkdown(markdown).children;
  const first = blocks.find((node) => node.type === 'paragraph');
  if (!first) return '';
  let value = '';
  visit(first, (node: Nodes) => {
    if (node.type === 'text' || node.type === 'inlineCode') value += node.value;
    else if (node.type === 'break') value += ' ';
  });
  const line = value.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

const INCIDENT_LINK = /^(?:\.\/)?([a-z0-9][a-z0-9-]*)\.md(#.*)?$/;

/**
 * Points links such as `[earlier](2022-10-25-messaging-outage.md#timeline)`
 * at the target's page of that incident. The postmortem given is left as it
 * is; one without such links is returned as it is, so its GitHub Markdown
 * keeps its exact bytes, and one with them is printed again.
 */
export function rewriteIncidentLinks(postmortem: PostmortemTree, hrefOf: (id: string) => string | null): PostmortemTree {
  const addressOf = (node: Nodes): string | null => {
    if (node.type !== 'link' && node.type !== 'definition') return null;
    const match = INCIDENT_LINK.exec(node.url);
    const href = match ? hrefOf(match[1]!) : null;
    return match && href !== null ? `${href}${match[2] ?? ''}` : null;
  };
  let changed = false;
  visit(postmortem.tree, (node: Nodes) => {
    const url = addressOf(node);
    if (url !== null && 'url' in node && url !== node.url) changed = true;
  });
  if (!changed) return postmortem;
  const tree = mapTree(postmortem.tree, (node) => {
    const url = addressOf(node);
    return url === null ? node : { ...node, url };
  });
  return { tree, markdown: String(markdownProcessor.stringify(tree)) };
}

/** Whether a postmortem links to a page of the incidents folder (`<id>.md`), which `rewriteIncidentLinks` may point elsewhere. */
export function linksToIncidents(postmortem: PostmortemTree): boolean {
  const links = (node: Nodes): boolean =>
    ((node.type === 'link' || node.type === 'definition') && INCIDENT_LINK.test(node.url)) || ('children' in node && node.children.some(links));
  return links(postmortem.tree);
}

/** A relative path whose segments are all plain names: none empty, none starting with `.` (so no `.` or `..`). */
const PLAIN_PATH = /^[^/.][^/]*(?:\/[^/.][^/]*)*$/;

/** A relative link from one page to another (both relative to the output folder), percent-encoded where a URL needs it. */
export function relativeHref(from: string, to: string): string {
  // From a page at the top of the folder to a plain path (no `.` or `..` segment, no empty one), the path is itself: no path.relative per link.
  const path = !from.includes('/') && PLAIN_PATH.test(to) ? to : posix.relative(posix.dirname(from), to) || posix.basename(to);
  return encodeURI(path).replace(/[#?]/g, (c) => encodeURIComponent(c));
}
