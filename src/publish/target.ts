import type { PostmortemTree } from '../render/postmortem-tree.js';
import type { ReportContent } from './report-tree.js';

/** Every documentation dialect `publish` writes. */
export const PUBLISH_TARGETS = ['mkdocs', 'docusaurus', 'hugo', 'jekyll', 'vitepress', 'github-wiki', 'html'] as const;
export type PublishTargetName = (typeof PUBLISH_TARGETS)[number];

/** What an incident's page shows beside its postmortem: plain values, formatted. */
export interface IncidentFacts {
  id: string;
  title: string;
  /** Impact-start day in the incident's zone, `YYYY-MM-DD`. */
  date: string;
  /** The impact start, milliseconds since the Unix epoch: orders pages where a site sorts by number. */
  startedAt: number;
  severity: string;
  status: string;
  /** Severity, services and tags, in that order, each once: the page's tags. */
  tags: string[];
  /** The summary's first paragraph as one line of plain text, truncated. */
  description: string;
}

/** A published incident as the index and the navigation list it. */
export interface PublishedIncident extends IncidentFacts {
  /** Humane duration as of the report's day, `~` when approximate, `ongoing` or `not known`. */
  duration: string;
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
  /**
   * What the file holds: text, written as UTF-8, or UTF-8 bytes as they are
   * (the Mermaid bundle: its 3.5 MB are read, hashed and compared with the
   * site's copy without being decoded, and decoded only to be written).
   */
  content: string | Uint8Array;
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
  /**
   * Whether the site has a report page to link to: this run's, or one an
   * earlier run wrote when this run's report templates fail. On a first
   * publish with broken report templates there is none, and no page links it.
   */
  hasReport: boolean;
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
  /** The text of an incident's page, its postmortem's links to other incidents already pointing at their pages. */
  incidentText(incident: IncidentFacts, postmortem: PostmortemTree, site: Pick<SiteContext, 'hasReport'>): string;
  /** The text of the report page, around the report. */
  reportText(report: ReportContent): string;
  /** The index page and the navigation files, given the incidents newest first. */
  siteFiles(incidents: readonly PublishedIncident[], context: SiteContext): SiteFile[];
}
