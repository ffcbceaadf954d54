import { checkDate } from './timestamp.js';
import { utcTime } from './utc-time.js';

/** RFC 3339: a date, `T`, a time with 0 to 9 fraction digits, and `Z` or `±hh:mm`. */
const RFC3339 = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?([Zz]|([+-])([0-9]{2}):([0-9]{2}))$/;

/**
 * The instant an API timestamp names, in milliseconds since the epoch, or
 * `undefined` when the text is not an RFC 3339 date and time. Sources write
 * their own offsets (a status page writes its zone's, which changes with
 * daylight saving), so the offset is always read, never assumed. Digits past
 * the millisecond (incident.io gives microseconds) are dropped: incident
 * files keep times to the millisecond.
 */
export function parseRfc3339(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, , sign, oh, om] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (checkDate(year, month, day) !== undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (sign !== undefined) {
    const [hours, minutes] = [Number(oh), Number(om)];
    if (hours > 23 || minutes > 59) return undefined;
    offset = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const millisecond = Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
  return utcTime(year, month - 1, day, hour, minute, second, millisecond) - offset * 60_000;
}
