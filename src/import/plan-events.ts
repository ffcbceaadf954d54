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
 * both times. `at` shows a time the way the incident file writes it.
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
  // The milestones that bound the others: the file's, else the first imported.
  const bound = (kind: Milestone) => {
    const first = fresh.find((event) => event.kind === kind);
    return held.get(kind) ?? (first && { instant: first.instant, at: at(first.instant) });
  };
  const start = bound('impact-start');
  const end = bound('resolved');
  const conflicts: string[] = [];
  const add = fresh.map((event): ImportedEvent => {
    const kind = event.kind;
    if (!isMilestone(kind)) return event;
    const had = held.get(kind);
    let why: string | undefined;
    if (had) why = `the incident already has \`${kind}\` at ${had.at}`;
    else if (start && kind !== 'detected' && kind !== 'impact-start' && event.instant < start.instant) why = `it is before \`impact-start\` at ${start.at}`;
    else if (end && kind !== 'resolved' && event.instant > end.instant) why = `it is after \`resolved\` at ${end.at}`;
    if (why === undefined) {
      held.set(kind, { instant: event.instant, at: at(event.instant) });
      return event;
    }
    conflicts.push(`The imported \`${kind}\` at ${at(event.instant)} is added as a note: ${why}`);
    return { sourceId: event.sourceId, instant: event.instant, text: event.text, ...(event.by ? { by: event.by } : {}), ...(event.links ? { links: event.links } : {}) };
  });
  return { add, skipped: imported.length - fresh.length, conflicts };
}
