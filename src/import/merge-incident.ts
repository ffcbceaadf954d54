import { isMap, isScalar, isSeq } from 'yaml';
import type { TextEdit } from '../authoring/edit-incident.js';
import { incidentZone, parseForEdit, topLevelPair } from '../authoring/edit-text.js';
import { insertEvent } from '../authoring/insert-event.js';
import { type Milestone, isMilestone } from '../schema/vocabulary.js';
import { parseTimestamp } from '../time/timestamp.js';
import type { ImportedEvent } from './imported-incident.js';
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
 * have yet (by `x-source-id`) is added in time order by `insertEvent`, the
 * byte-preserving edit `log` makes, so everything a person wrote stays as it
 * was; a milestone the file has is added as a note (see `planEvents`).
 * Nothing to add leaves the text exactly as it was.
 */
export function mergeEvents(events: readonly ImportedEvent[], defaultZone: string): TextEdit<MergedEvents> {
  return (original) => {
    const zone = incidentZone(original, defaultZone);
    const existing = existingTimeline(original, zone);
    if (!existing.ok) return existing;
    const plan = planEvents(events, existing.timeline, (instant) => importedTime(instant, zone));
    let text = original;
    for (const event of plan.add) {
      const inserted = insertEvent(text, newEvent(event, zone), zone);
      if (!inserted.ok) return inserted;
      text = inserted.text;
    }
    return { ok: true, text, result: { added: plan.add.length, skipped: plan.skipped, conflicts: plan.conflicts, zone } };
  };
}

/** The source ids and milestones of the file's timeline, read from its text. */
function existingTimeline(text: string, zone: string): { ok: true; timeline: ExistingTimeline } | Extract<ReturnType<typeof parseForEdit>, { ok: false }> {
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
  return { ok: true, timeline: { sourceIds, milestones } };
}
