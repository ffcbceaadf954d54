import type { KnownIncident } from './known-ids.js';

/**
 * Naming an incident by part of its id, so nobody types a 52-character id
 * at 3 a.m.: `cdn` names `2024-07-02-cdn-edge-errors` when no other
 * incident's id or file name contains `cdn`. One tier, no ranking: a prefix
 * is a part like any other, so "unique" means one file, whatever the part.
 */

/** A part shorter than this names nothing: two letters are found in too many ids, and in too many words of an event's text. */
export const MIN_PART = 3;

export type NameMatch =
  /** The name is an incident's declared id or file name, exactly. */
  | { kind: 'exact'; incident: KnownIncident }
  /** The name is part of one incident's id or file name, and of no other's. */
  | { kind: 'part'; incident: KnownIncident }
  /** The name is part of several incidents' ids or file names. */
  | { kind: 'ambiguous'; candidates: KnownIncident[] }
  | { kind: 'none' };

/**
 * What `name` names among `incidents` (in path order): a declared id first
 * (the first file declaring it, as `validate` keeps the first of two files
 * with one id), then a file name, then a part of either.
 */
export function matchIncidentName(name: string, incidents: readonly KnownIncident[]): NameMatch {
  const exact = incidents.find((known) => known.id === name) ?? onlyOne(incidents.filter((known) => known.name === name));
  if (exact) return { kind: 'exact', incident: exact };
  if (name.length < MIN_PART) return { kind: 'none' };
  const containing = incidents.filter((known) => namesOf(known).some((one) => one.includes(name)));
  if (containing.length === 0) return { kind: 'none' };
  if (containing.length === 1) return { kind: 'part', incident: containing[0]! };
  return { kind: 'ambiguous', candidates: containing };
}

/**
 * The shortest run of whole words of `id` (split at dashes, not all digits,
 * at least MIN_PART long) that names this incident alone, the earliest of
 * equal length: `checkout` for `2026-11-25-checkout-errors`. The id itself
 * when no shorter part is unique.
 */
export function shortestName(id: string, incidents: readonly KnownIncident[]): string {
  const words = id.split('-');
  const parts: string[] = [];
  for (let from = 0; from < words.length; from += 1) {
    for (let to = from + 1; to <= words.length; to += 1) {
      const part = words.slice(from, to).join('-');
      if (part.length >= MIN_PART && !/^[0-9-]+$/.test(part) && part !== id) parts.push(part);
    }
  }
  // Stable: equal lengths keep the earlier part first.
  parts.sort((a, b) => a.length - b.length);
  const others = incidents.filter((known) => known.id !== id && known.name !== id);
  return parts.find((part) => !others.some((known) => namesOf(known).some((one) => one.includes(part)))) ?? id;
}

/** `id  title`, one line per candidate, for a message listing them. */
export function candidateLines(candidates: readonly KnownIncident[]): string[] {
  return candidates.map((known) => `  ${known.id ?? known.name}${known.title === undefined ? '' : `  ${oneLine(known.title)}`}  (${known.file.display})`);
}

function namesOf(known: KnownIncident): string[] {
  return known.id === undefined || known.id === known.name ? [known.name] : [known.name, known.id];
}

function onlyOne<T>(list: readonly T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 72 ? `${line.slice(0, 71)}…` : line;
}
