/** Every documentation dialect `publish` writes. */
export const PUBLISH_TARGETS = ['mkdocs', 'docusaurus', 'hugo', 'jekyll', 'vitepress', 'github-wiki', 'html'] as const;
export type PublishTargetName = (typeof PUBLISH_TARGETS)[number];

/** What the site shows of one valid incident: plain values, formatted, plus its postmortem. */
export interface PublishedIncident {
  id: string;
  title: string;
  /** Impact-start day in the incident's zone, `YYYY-MM-DD`. */
  date: string;
  /** The impact start, milliseconds since the Unix epoch: orders pages where a site sorts by number. */
  startedAt: number;
  severity: string;
  status: string;
  /** Humane duration, `~` when approximate, `ongoing` or `not known`. */
  duration: string;
  /** Severity, services and tags, in that order, each once: the page's tags. */
  tags: string[];
  /** The summary's first paragraph as one line of plain text, truncated. */
  description: string;
  /** The postmortem Markdown, its links to other incidents already pointing at their pages. */
  markdown: string;
}

/** Where a page came from: lets a later run tell a deleted incident from one that is merely invalid. */
export interface PageSource {
  /** The incident file, relative to the output folder, with `/` separators. */
  file: string;
  id: string;
}

/** One file of the site, relative to the output folder with `/` separators. */
export interface SiteFile {
  path: string;
  text: string;
  /** Set on incident pages only. */
  source?: PageSource;
  /**
   * A navigation page the site may already have its own of (a GitHub wiki's
   * `Home.md` and `_Sidebar.md`, which GitHub creates): when one is there
   * that publish did not write, it is left alone with a warning, not an error.
   */
  siteMayOwn?: boolean;
}

/** What a target may know of where the site goes. */
export interface SiteContext {
  /** The folder's path under the site's docs root, `/`-separated with no leading or trailing slash (`postmortems`, `ops/postmortems`). */
  sitePath: string;
}

/**
 * One documentation dialect. The pipeline decides what is published and in
 * which order (newest first); a target decides only file names, links, front
 * matter and navigation files.
 */
export interface PublishTarget {
  name: PublishTargetName;
  /** The page of an incident, relative to the output folder. */
  incidentPage(id: string): string;
  /** The page of the report, relative to the output folder. */
  reportPage: string;
  /** The address to write in a link on page `from` to page `to` (both relative to the output folder). */
  href(from: string, to: string): string;
  /** The text of an incident's page. */
  incidentText(incident: PublishedIncident): string;
  /** The text of the report page, around the report's Markdown. */
  reportText(reportMarkdown: string): string;
  /** The index page and the navigation files, given the incidents newest first. */
  siteFiles(incidents: readonly PublishedIncident[], context: SiteContext): SiteFile[];
}
