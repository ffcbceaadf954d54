import { isMap, isSeq } from 'yaml';
import { readRegularFile } from '../source/read-regular-file.js';
import { MAX_FILE_BYTES } from '../source/source-file.js';
import { parseTimestamp } from '../time/timestamp.js';
import { parseForEdit, stringAt, topLevelPair } from './edit-text.js';
import type { KnownIncident } from './known-ids.js';

/** `@latest`: what an INCIDENT argument may say instead of a name. */
export const LATEST = '@latest';

/** When an incident started and whether it has ended, as far as its timeline says. */
interface Course {
  /** The earliest instant of its timeline (times without an offset read in the incident's zone). */
  start: number;
  resolved: boolean;
}

/**
 * The newest unresolved incident: of the incidents whose timeline has no
 * `resolved` event, the one whose earliest readable event time is latest;
 * of two that started at the same instant, the one whose id (else file name)
 * comes last in code-point order, then the later path. A file that cannot be
 * read, or whose timeline has no readable time, is passed over. The answer
 * depends only on the files, never on the clock or the order they are found.
 */
export async function latestUnresolved(incidents: readonly KnownIncident[], defaultZone: string): Promise<KnownIncident | undefined> {
  let best: { incident: KnownIncident; start: number; key: string } | undefined;
  for (const incident of incidents) {
    const read = await readRegularFile(incident.file.absolute, MAX_FILE_BYTES);
    if (!read.ok) continue;
    const course = courseOf(read.bytes.toString('utf8').replace(/^\uFEFF/, ''), defaultZone);
    if (!course || course.resolved) continue;
    const key = `${incident.id ?? incident.name}\u0000${incident.file.absolute}`;
    if (!best || course.start > best.start || (course.start === best.start && key > best.key)) best = { incident, start: course.start, key };
  }
  return best?.incident;
}

function courseOf(text: string, defaultZone: string): Course | undefined {
  const parsed = parseForEdit(text);
  if (!parsed.ok) return undefined;
  const zone = stringAt(parsed.map, 'timezone') ?? defaultZone;
  const timeline = topLevelPair(parsed.map, 'timeline')?.value;
  if (!isSeq(timeline)) return undefined;
  let start: number | undefined;
  let resolved = false;
  for (const event of timeline.items) {
    if (!isMap(event)) continue;
    const kind = event.get('kind');
    if (kind === 'resolved') resolved = true;
    const at = event.get('at');
    if (typeof at !== 'string') continue;
    const time = parseTimestamp(at, zone);
    if (time.ok && (start === undefined || time.time.instant < start)) start = time.time.instant;
  }
  return start === undefined ? undefined : { start, resolved };
}
