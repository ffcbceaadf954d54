import { type NewEvent, eventLines } from '../authoring/insert-event.js';
import { formatWallTime } from '../time/wall-time.js';
import type { ImportedEvent } from './imported-incident.js';

/**
 * An imported time as an incident file writes it: the wall time in the
 * incident's zone, to the second or millisecond when the instant has them,
 * with the offset only where that wall time happens twice (a daylight-saving
 * change), so it reads back as the same instant.
 */
export function importedTime(instant: number, zone: string): string {
  return formatWallTime(instant, zone, { exact: true });
}

/** An imported event as `insertEvent` takes it, with its source id. */
export function newEvent(event: ImportedEvent, zone: string): NewEvent {
  return {
    at: importedTime(event.instant, zone),
    instant: event.instant,
    text: event.text,
    ...(event.kind ? { kind: event.kind } : {}),
    ...(event.by ? { by: event.by } : {}),
    ...(event.links?.length ? { links: event.links } : {}),
    sourceId: event.sourceId,
  };
}

/** The timeline items of a new file, at `new`'s columns (dash at 2, keys at 4). */
export function timelineLines(events: readonly NewEvent[]): string[] {
  return events.flatMap((event) => eventLines(event, 2, 4));
}
