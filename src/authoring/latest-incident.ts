import type { KnownIncident } from './known-ids.js';

/** `@latest`: what an INCIDENT argument may say instead of a name. */
export const LATEST = '@latest';

/**
 * The newest unresolved incident: of the incidents whose timeline has no
 * `resolved` event, the one whose earliest readable event time is latest;
 * of two that started at the same instant, the one whose id (else file name)
 * comes last in code-point order, then the later path. A file that cannot be
 * read, or whose timeline has no readable time, is passed over here (and
 * `findIncident` refuses `@latest` while there is one). The answer depends
 * only on the files, never on the clock or the order they are found.
 */
export function latestUnresolved(incidents: readonly KnownIncident[]): KnownIncident | undefined {
  let best: { incident: KnownIncident; start: number; key: string } | undefined;
  for (const incident of incidents) {
    const course = incident.course;
    if (!course || course.resolved) continue;
    const key = `${incident.id ?? incident.name}\u0000${incident.file.absolute}`;
    if (!best || course.start > best.start || (course.start === best.start && key > best.key)) best = { incident, start: course.start, key };
  }
  return best?.incident;
}
