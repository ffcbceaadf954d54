import { type YAMLMap, isSeq } from 'yaml';
import { stringAt, topLevelPair } from './edit-text.js';
import { instantIn, stringValue } from './insert-event.js';

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
    if (stringValue(event, 'kind') === 'resolved') resolved = true;
    const instant = instantIn(stringValue(event, 'at'), zone);
    if (instant !== undefined && (start === undefined || instant < start)) start = instant;
  }
  return start === undefined ? undefined : { start, resolved };
}
