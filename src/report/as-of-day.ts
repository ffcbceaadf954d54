import { parseDate } from '../time/timestamp.js';
import { wallDate } from '../time/wall-time.js';

/**
 * The day a report is as of (see as-of.ts): the one given, checked, or by
 * default today in the configured zone, the only place a report reads the clock.
 */
export function asOfDay(given: string | undefined, zone: string, now: Date): { ok: true; day: string } | { ok: false; problem: string } {
  if (given === undefined) return { ok: true, day: wallDate(now.getTime(), zone) };
  const parsed = parseDate(given);
  return 'problem' in parsed ? { ok: false, problem: parsed.problem } : { ok: true, day: given };
}
