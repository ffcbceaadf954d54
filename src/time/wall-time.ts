import { parseTimestamp } from './timestamp.js';
import { formatOffset, offsetAt, pad } from './zone.js';

/**
 * How the tool writes an instant into an incident file: the wall time in
 * `zone` without an offset (`2026-11-25 14:03`), as people write timelines.
 * Where that wall time would be ambiguous (the repeated hour of a
 * daylight-saving change), the offset is added so the file reads back as the
 * same instant.
 */
export function formatWallTime(instant: number, zone: string, options: { seconds?: boolean; exact?: boolean } = {}): string {
  const offset = offsetAt(zone, instant);
  const wall = new Date(instant + offset * 60_000);
  const date = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  // `exact`: as precise as the instant needs and no more (an imported time), so it reads back the same.
  const milliseconds = options.exact && instant % 1000 !== 0 ? `.${pad(wall.getUTCMilliseconds(), 3)}` : '';
  const seconds = options.seconds || (options.exact && instant % 60_000 !== 0) ? `:${pad(wall.getUTCSeconds())}${milliseconds}` : '';
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}${seconds}`;
  const local = `${date} ${time}`;
  const readBack = parseTimestamp(local, zone);
  if (readBack.ok) return local;
  return `${date}T${time}${formatOffset(offset)}`;
}

/** The calendar date (`YYYY-MM-DD`) of an instant in `zone`. */
export function wallDate(instant: number, zone: string): string {
  return formatWallTime(instant, zone).slice(0, 10);
}
