import { join, relative, sep } from 'node:path';

/**
 * Where an incident's postmortem is, as a link from a page in `fromFolder`:
 * relative, with `/` separators, and percent-encoded where a character would
 * end or change a URL path (`#`, `?`, spaces…), so it works as a Markdown link.
 */
export function postmortemLink(fromFolder: string, page: string): string {
  const path = relative(fromFolder, page).split(sep).join('/');
  return encodeURI(path).replace(/[#?]/g, (c) => encodeURIComponent(c));
}

/**
 * The name of an incident's postmortem, as build writes it in its output
 * folder: also the link from one postmortem to another beside it (`related`),
 * which publish points at its own pages (rewriteIncidentLinks).
 */
export function postmortemFile(id: string): string {
  return `${id}.md`;
}

/** The link to each incident's postmortem (`<postmortems>/<id>.md`) from a page in `fromFolder`. */
export function postmortemLinks(fromFolder: string, postmortems: string): (id: string) => string {
  return (id) => postmortemLink(fromFolder, join(postmortems, postmortemFile(id)));
}
