import type { PhrasingContent } from 'mdast';
import { formatCount } from '../../render/format.js';
import { isSafeUrl } from '../../render/markdown/processor.js';
import type { Slots } from '../../render/markdown/slots.js';
import type { Markdown } from '../../render/view.js';
import type { Count, Report } from '../report-model.js';
import type { CountView } from '../report-view.js';

/** What a cell shows when there is nothing to show. */
export const NONE = '—';

/**
 * How many incidents a list in a sentence or a cell names before it says how
 * many more there are (`…, and 7,990 more`): a reader cannot use thousands
 * of links in one cell, and each such line cost tens of megabytes to print.
 * The JSON report lists them all.
 */
const LISTED_INCIDENTS = 25;

/** `, and 7,990 more` after the first LISTED_INCIDENTS of `count`; empty when they are all listed. */
function moreText(count: number): string {
  return count > LISTED_INCIDENTS ? `, and ${formatCount(count - LISTED_INCIDENTS)} more` : '';
}

/**
 * How the report view's values are made, each behind a token of the
 * rendering's `Slots`. Values are made into nodes only as the report is
 * printed: a view over 100,000 incidents keeps strings and functions, and
 * its longest lists (every incident, the overdue action items) make their
 * rows only as they are printed (deferred-list.ts).
 */
export interface ViewValues {
  text(value: string): Markdown;
  /** Inline nodes, and the plain text for where nodes cannot go (code, URLs); both made only when printed. */
  phrasing(nodes: () => PhrasingContent[], raw: () => string): Markdown;
  /** An incident's id and the link to its postmortem. */
  linkTo(id: string): readonly [string, string | undefined];
  /** Incident ids, each linked to its postmortem, comma-separated, up to LISTED_INCIDENTS of them; `—` when there are none. */
  linkedIds(ids: readonly string[]): Markdown;
  /** Items, comma-separated, up to LISTED_INCIDENTS of them, then how many more: as nodes and as plain text, each made only when printed. */
  listed<T>(items: readonly T[], nodes: (item: T) => PhrasingContent[], raw: (item: T) => string): Markdown;
  /** One incident's id, linked to `link`. */
  incidentLink(id: string, link: string): Markdown;
  /** A count list as rows of the view, each key shown through `label`. */
  counts(list: readonly Count[], label?: (key: string) => string): CountView[];
}

export function viewValues(report: Report, slots: Slots): ViewValues {
  const text = (value: string): Markdown => slots.text(value);
  // The plain text only when asked for (a value in code or a URL): a list of every incident is megabytes of it.
  const phrasing = (nodes: () => PhrasingContent[], raw: () => string): Markdown =>
    slots.token(() => ({
      phrasing: nodes(),
      get raw() {
        return raw();
      },
    }));
  const links = new Map(report.incidents.map((incident) => [incident.id, incident.link]));
  const linkTo = (id: string): readonly [string, string | undefined] => [id, links.get(id)];
  const listed = <T>(items: readonly T[], nodes: (item: T) => PhrasingContent[], raw: (item: T) => string): Markdown => {
    const shown = items.slice(0, LISTED_INCIDENTS);
    const more = moreText(items.length);
    return phrasing(
      () => [...joinNodes(shown.map(nodes)), ...(more ? [{ type: 'text', value: more } as const] : [])],
      () => `${shown.map(raw).join(', ')}${more}`,
    );
  };
  // The ids alone until printed: the links are looked up then.
  const linkedIds = (ids: readonly string[]): Markdown => (ids.length ? listed(ids, (id) => [linkNode(id, links.get(id))], (id) => id) : text(NONE));
  const counts = (list: readonly Count[], label: (key: string) => string = (key) => key): CountView[] =>
    list.map(({ key, count }) => ({ key: text(label(key)), count: text(formatCount(count)) }));
  const incidentLink = (id: string, link: string): Markdown => phrasing(() => [linkNode(id, link)], () => link);
  return { text, phrasing, linkTo, linkedIds, listed, incidentLink, counts };
}

/** `[text](url)` when the URL is one a link may have (http(s), relative…), else the text alone. */
export function linkNode(label: string, url: string | undefined): PhrasingContent {
  const value: PhrasingContent = { type: 'text', value: label.replace(/\s*[\r\n]+\s*/g, ' ') };
  return url !== undefined && url !== '' && isSafeUrl(url) ? { type: 'link', url, children: [value] } : value;
}

export function joinNodes(items: readonly PhrasingContent[][]): PhrasingContent[] {
  return items.flatMap((nodes, i) => (i === 0 ? nodes : [{ type: 'text', value: ', ' } as PhrasingContent, ...nodes]));
}

/** The count of `key` in a count list, which leaves out what it has none of. */
export function countOf(list: readonly Count[], key: string): number {
  return list.find((entry) => entry.key === key)?.count ?? 0;
}
