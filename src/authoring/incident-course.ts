import { type YAMLMap, isMap, isSeq } from 'yaml';
import { parseTimestamp } from '../time/timestamp.js';
import { stringAt, topLevelPair } from './edit-text.js';

/** When an incident started and whether it has ended, as far as its timeline says. */
export interface Course {
  /** The earliest instant of its timeline (times without an offset read in the incident's zone). */
  start: number;
  resolved: boolean;
}

/** The course of a parsed incident file; `undefined` when its timeline has no readable time. `defaultZone` reads times in a file without a `timezone`. */
export function courseOf(map: YAMLMap<unknown, unknown>, defaultZone: string): Course | undefined {
  const zone = stringAt(map, 'timezone') ?? defaultZone;
  const timeline = topLevelPair(map, 'timeline')?.value;
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
