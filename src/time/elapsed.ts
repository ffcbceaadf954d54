import { differenceInSeconds } from 'date-fns/differenceInSeconds';
import type { Timestamp } from './timestamp.js';
import { offsetAt } from './zone.js';

/** The time between two timeline times, as figures and the milestone chart show it. */
export interface Elapsed {
  seconds: number;
  approximate: boolean;
  /**
   * `day` when either end is known only to the day (FORMAT.md v2): `seconds`
   * is then a whole number of days, counted between calendar dates in the
   * incident's zone, so a daylight-saving change in between changes nothing.
   */
  precision: 'time' | 'day';
}

const DAY_MS = 86_400_000;
const DAY_SECONDS = 86_400;

/** The calendar day of a time in `zone`, as days since the epoch. */
export function localDay(time: Timestamp, zone: string): number {
  return Math.floor((time.instant + offsetAt(zone, time.instant) * 60_000) / DAY_MS);
}

export function elapsedBetween(from: Timestamp, to: Timestamp, zone: string): Elapsed {
  if (from.dayOnly || to.dayOnly) {
    return { seconds: (localDay(to, zone) - localDay(from, zone)) * DAY_SECONDS, approximate: true, precision: 'day' };
  }
  // Rounded, not cut: imported times carry milliseconds, and 3,599.7 seconds is an hour, not 59 minutes 59 seconds.
  const seconds = differenceInSeconds(to.instant, from.instant, { roundingMethod: 'round' });
  return { seconds: seconds === 0 ? 0 : seconds, approximate: from.approximate || to.approximate, precision: 'time' };
}

/**
 * Which of two times comes first: negative when `a` does, positive when `b`
 * does, 0 when they are the same. `undefined` when it cannot be known: a day
 * known only as a date and a time on that same day.
 */
export function compareTimes(a: Timestamp, b: Timestamp, zone: string): number | undefined {
  if (!a.dayOnly && !b.dayOnly) return a.instant - b.instant;
  const days = localDay(a, zone) - localDay(b, zone);
  if (days !== 0) return days;
  return a.dayOnly && b.dayOnly ? 0 : undefined;
}

/**
 * Timeline order: by instant, a day known only as a date before the timed
 * events of that day (its instant is the day's first, so only a time at
 * midnight ties with it), then file order.
 */
export function byTime(a: { at: Timestamp; index: number }, b: { at: Timestamp; index: number }): number {
  return a.at.instant - b.at.instant || Number(b.at.dayOnly) - Number(a.at.dayOnly) || a.index - b.index;
}
