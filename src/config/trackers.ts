import { TRACKER_KEY_PATTERN } from '../schema/vocabulary.js';

/**
 * Tickets written as tracker keys (`OPS-1234`, FORMAT.md v2): the
 * configuration's `trackers` maps each prefix to the address of its tickets,
 * with `{key}` where the key goes, so incident files stay short and survive
 * a tracker's move.
 */

const KEY = new RegExp(TRACKER_KEY_PATTERN);

/** The prefix of a tracker key (`OPS` of `OPS-1234`); `null` for anything else (a URL). */
export function trackerPrefix(ticket: string): string | null {
  return KEY.test(ticket) ? ticket.slice(0, ticket.lastIndexOf('-')) : null;
}

/** The ticket's address: a URL as written, a key through its tracker; `null` for a key whose prefix no tracker has. */
export function ticketUrl(ticket: string, trackers: Readonly<Record<string, string>>): string | null {
  const prefix = trackerPrefix(ticket);
  if (prefix === null) return ticket;
  // A key is letters, digits, `_` and `-`: nothing to escape in an address.
  return Object.hasOwn(trackers, prefix) ? trackers[prefix]!.replaceAll('{key}', ticket) : null;
}
