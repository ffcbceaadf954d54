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

/** The link to each incident's postmortem (`<postmortems>/<id>.md`) from a page in `fromFolder`. */
export function postmortemLinks(fromFolder: string, postmortems: string): (id: string) => string {
  return (id) => postmortemLink(fromFolder, join(postmortems, `${id}.md`));
}
