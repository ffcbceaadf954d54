import { parseTimestamp } from '../time/timestamp.js';

/**
 * RFC 3339 as incident platforms write it: seconds required, a fraction of
 * 0 to 9 digits (incident.io writes microseconds, and drops trailing zeros),
 * and always an offset (`Z`, or the account's `-07:00`).
 */
const RFC_3339 = /^([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]([0-9]{2}:[0-9]{2}:[0-9]{2})(?:\.([0-9]{1,9}))?([Zz]|[+-][0-9]{2}:[0-9]{2})$/;

/**
 * The instant a source's time names, in milliseconds since the epoch, or
 * `undefined` when it is not such a time. Digits below the millisecond are
 * dropped (an incident file keeps three); the calendar and offset checks
 * are the incident file's own (`parseTimestamp`).
 */
export function parseSourceInstant(text: string): number | undefined {
  const match = RFC_3339.exec(text);
  if (!match) return undefined;
  const [, date, time, fraction, offset] = match;
  const millis = fraction ? `.${fraction.slice(0, 3)}` : '';
  const parsed = parseTimestamp(`${date}T${time}${millis}${offset!.toUpperCase()}`, 'UTC');
  return parsed.ok ? parsed.time.instant : undefined;
}
