import { type YAMLMap, isSeq } from 'yaml';
import { stringAt, topLevelPair } from './edit-text.js';
import { instantIn, stringValue } from './insert-event.js';

/** Whether an incident has ended, as far as its timeline says, and when an unresolved one started. */
export type Course =
  | { resolved: true }
  | {
      resolved: false;
      /** The earliest instant of its timeline (times without an offset read in the incident's zone). */
      start: number;
    };

/**
 * The course of a parsed incident file; `undefined` when it is unresolved and
 * its timeline has no readable time. `defaultZone` reads times in a file
 * without a `timezone`. A resolved incident's times are not read: `@latest`
 * passes it over whenever it started, and most files of a folder are resolved.
 */
export function courseOf(map: YAMLMap<unknown, unknown>, defaultZone: string): Course | undefined {
  const timeline = topLevelPair(map, 'timeline')?.value;
  if (!isSeq(timeline)) return undefined;
  if (timeline.items.some((event) => stringValue(event, 'kind') === 'resolved')) return { resolved: true };
  const zone = stringAt(map, 'timezone') ?? defaultZone;
  let start: number | undefined;
  for (const event of timeline.items) {
    const instant = instantIn(stringValue(event, 'at'), zone);
    if (instant !== undefined && (start === undefined || instant < start)) start = instant;
  }
  return start === undefined ? undefined : { resolved: false, start };
}
