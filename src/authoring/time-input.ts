import { excerpt } from '../diagnostics/quote.js';
import { parseTimestamp } from '../time/timestamp.js';
import { formatWallTime, wallDate } from '../time/wall-time.js';

export type TimeInput = { ok: true; text: string; instant: number } | { ok: false; message: string; hint: string };

const CLOCK_TIME = /^(~?)([0-9]{2}:[0-9]{2}(?::[0-9]{2})?)$/;

/**
 * Reads a time given on the command line (`--at`, `--started`) for an
 * incident in `zone`. Anything an `at:` value may hold is accepted and kept
 * as written; a bare clock time (`14:05`, `~14:05`) means that time today in
 * the zone, which is what people type while an incident is running. Without
 * a time, `now` is used, to the minute.
 */
export function readTimeInput(text: string | undefined, zone: string, now: Date): TimeInput {
  if (text === undefined) {
    const minute = Math.floor(now.getTime() / 60_000) * 60_000;
    const written = formatWallTime(minute, zone);
    return { ok: true, text: written, instant: minute };
  }
  const trimmed = text.trim();
  const clock = CLOCK_TIME.exec(trimmed);
  const full = clock ? `${clock[1]}${wallDate(now.getTime(), zone)} ${clock[2]}` : trimmed;
  const parsed = parseTimestamp(full, zone);
  if (!parsed.ok) return { ok: false, message: parsed.problem.message, hint: clock ? parsed.problem.hint : `${parsed.problem.hint} A clock time such as 14:05 means today in ${excerpt(zone)}.` };
  return { ok: true, text: full, instant: parsed.time.instant };
}
