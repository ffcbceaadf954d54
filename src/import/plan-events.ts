import { type Milestone, isMilestone } from '../schema/vocabulary.js';
import type { ImportedEvent } from './imported-incident.js';

/** What the incident already holds, as far as an import is concerned. */
export interface ExistingTimeline {
  /** The `x-source-id` of every event. */
  sourceIds: ReadonlySet<string>;
  /** Each milestone's instant and its time as written. */
  milestones: ReadonlyMap<Milestone, { instant: number; at: string }>;
}

export interface PlannedEvents {
  /** The events to add, oldest first; a demoted milestone has lost its `kind`. */
  add: ImportedEvent[];
  /** Events whose source id the incident already has. */
  skipped: number;
  /** Why a milestone became a plain note, naming both times. */
  conflicts: string[];
}

export const NO_TIMELINE: ExistingTimeline = { sourceIds: new Set(), milestones: new Map() };

/**
 * Which imported events go into the incident, in time order. An event the
 * incident already has (by source id) is skipped, so importing again adds
 * nothing. A milestone is never overwritten or doubled, nor put where the
 * milestone rules forbid it (before `impact-start`, except `detected`; after
 * `resolved`): it is added as a plain note instead, and the conflict says
 * both times; the same milestone at the same instant is the same fact,
 * skipped. `at` shows a time the way the incident file writes it.
 */
export function planEvents(imported: readonly ImportedEvent[], existing: ExistingTimeline, at: (instant: number) => string): PlannedEvents {
  const seen = new Set(existing.sourceIds);
  const fresh: ImportedEvent[] = [];
  for (const event of [...imported].sort((a, b) => a.instant - b.instant)) {
    if (seen.has(event.sourceId)) continue;
    seen.add(event.sourceId);
    fresh.push(event);
  }
  const held = new Map(existing.milestones);
  // `impact-start` and `resolved` bound the others, so they are decided first (the start before the end): a
  // milestone demoted to a note bounds nothing. Deciding in time order, a `resolved` posted before the start
  // and the start after it each demoted the other, and the incident lost both.
  const why = new Map<ImportedEvent, string>();
  // The same milestone at the same instant, from another record of the source (a PagerDuty incident's
  // resolution and the log entry that resolved it): one fact, already there, not a note beside it.
  const same = new Set<ImportedEvent>();
  const order = (event: ImportedEvent) => (event.kind === 'impact-start' ? 0 : event.kind === 'resolved' ? 1 : 2);
  for (const event of [...fresh].sort((a, b) => order(a) - order(b))) {
    const kind = event.kind;
    if (!isMilestone(kind)) continue;
    if (held.get(kind)?.instant === event.instant) {
      same.add(event);
      continue;
    }
    const reason = milestoneConflict(kind, event.instant, held);
    if (reason === undefined) held.set(kind, { instant: event.instant, at: at(event.instant) });
    else why.set(event, reason);
  }
  const conflicts: string[] = [];
  const add = fresh.filter((event) => !same.has(event)).map((event): ImportedEvent => {
    const reason = why.get(event);
    if (reason === undefined) return event;
    conflicts.push(`The imported \`${event.kind}\` at ${at(event.instant)} is added as a note: ${reason}`);
    return { sourceId: event.sourceId, instant: event.instant, text: event.text, ...(event.by ? { by: event.by } : {}), ...(event.links ? { links: event.links } : {}) };
  });
  return { add, skipped: imported.length - fresh.length + same.size, conflicts };
}

/** Why a milestone at `instant` cannot stand beside those `held`, or `undefined` when it can. */
function milestoneConflict(kind: Milestone, instant: number, held: ReadonlyMap<Milestone, { instant: number; at: string }>): string | undefined {
  const had = held.get(kind);
  if (had) return `the incident already has \`${kind}\` at ${had.at}`;
  const start = held.get('impact-start');
  const end = held.get('resolved');
  if (start && kind !== 'detected' && kind !== 'impact-start' && instant < start.instant) return `it is before \`impact-start\` at ${start.at}`;
  if (end && kind !== 'resolved' && instant > end.instant) return `it is after \`resolved\` at ${end.at}`;
  return undefined;
}
