import { isMap, isScalar, isSeq } from 'yaml';
import type { TextEdit } from '../authoring/edit-incident.js';
import { incidentZone, parseForEdit, topLevelPair } from '../authoring/edit-text.js';
import { insertEvents } from '../authoring/insert-events.js';
import { type Milestone, isMilestone } from '../schema/vocabulary.js';
import { parseTimestamp } from '../time/timestamp.js';
import { importedFrom } from '../authoring/known-ids.js';
import type { ImportedEvent, ImportedSource } from './imported-incident.js';
import { type ExistingTimeline, planEvents } from './plan-events.js';
import { importedTime, newEvent } from './event-lines.js';

export interface MergedEvents {
  added: number;
  skipped: number;
  conflicts: string[];
  /** The zone the times were written in. */
  zone: string;
}

/**
 * The change `import --into` makes: each imported event the file does not
 * have yet (by `x-source-id`) is added in time order by `insertEvents`
 * (the byte-preserving edit `log` makes, for many events in one reading), so
 * everything a person wrote stays as it was; a milestone the file has is
 * added as a note (see `planEvents`). Nothing to add leaves the text exactly
 * as it was.
 */
export function mergeEvents(events: readonly ImportedEvent[], defaultZone: string, source?: ImportedSource): TextEdit<MergedEvents> {
  return (original) => {
    const zone = incidentZone(original, defaultZone);
    const existing = existingTimeline(original, zone);
    if (!existing.ok) return existing;
    const plan = planEvents(events, existing.timeline, (instant) => importedTime(instant, zone));
    // Another incident of the same source is most likely the wrong file (a day with two incidents of one title).
    const from = existing.from;
    if (source?.id !== undefined && from?.source === source.name && from.id !== source.id) {
      plan.conflicts.unshift(`The file was imported from ${from.source} incident ${from.id}; these events are from incident ${source.id}: check that they belong together`);
    }
    const inserted = insertEvents(
      original,
      plan.add.map((event) => newEvent(event, zone)),
      zone,
    );
    if (!inserted.ok) return inserted;
    return { ok: true, text: inserted.text, result: { added: plan.add.length, skipped: plan.skipped, conflicts: plan.conflicts, zone } };
  };
}

/** The source ids and milestones of the file's timeline, read from its text. */
function existingTimeline(
  text: string,
  zone: string,
): { ok: true; timeline: ExistingTimeline; from: ReturnType<typeof importedFrom> } | Extract<ReturnType<typeof parseForEdit>, { ok: false }> {
  const parsed = parseForEdit(text);
  if (!parsed.ok) return parsed;
  const sourceIds = new Set<string>();
  const milestones = new Map<Milestone, { instant: number; at: string }>();
  const timeline = topLevelPair(parsed.map, 'timeline')?.value;
  for (const item of isSeq(timeline) ? timeline.items : []) {
    if (!isMap(item)) continue;
    const value = (key: string) => {
      const found = item.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.value;
      return isScalar(found) ? String(found.value) : undefined;
    };
    const sourceId = value('x-source-id');
    if (sourceId !== undefined) sourceIds.add(sourceId);
    const kind = value('kind');
    const at = value('at');
    const read = at === undefined ? undefined : parseTimestamp(at, zone);
    // A milestone whose time cannot be read is still there: it bounds nothing, but is never doubled.
    if (isMilestone(kind) && !milestones.has(kind)) milestones.set(kind, { instant: read?.ok ? read.time.instant : Number.NaN, at: at ?? '(no time)' });
  }
  return { ok: true, timeline: { sourceIds, milestones }, from: importedFrom(parsed.map) };
}
