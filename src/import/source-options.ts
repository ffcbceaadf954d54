import { excerpt } from '../diagnostics/quote.js';
import { parseTimestamp } from '../time/timestamp.js';
import type { ImportOptions } from './import-source.js';
import { utcTime } from '../time/utc-time.js';

/** The options a source may take beside the common ones, as the command line gives them (camelCase). */
export interface SourceArgs {
  incident?: string | undefined;
  channel?: string | undefined;
  reaction?: string | undefined;
  all?: boolean | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

/** Every option of `SourceArgs`, by its command-line name; a source lists the ones it reads. */
export const SOURCE_OPTIONS = ['incident', 'channel', 'reaction', 'all', 'since', 'until'] as const;
export type SourceOption = (typeof SOURCE_OPTIONS)[number];

/** `message` names the option: it is shown as it is, as a usage error. */
export type SourceOptionsRead = { ok: true; options: ImportOptions } | { ok: false; option: SourceOption; message: string };

/**
 * The options a source gets: each one given, checked against the options
 * the source takes (`--channel` means nothing to a status page), with
 * `--since` and `--until` read as times in `zone` (the incident's), as
 * `at:` values are. A date alone is its whole day: `--since` from its
 * first moment, `--until` to its last.
 */
export function readSourceOptions(args: SourceArgs, takes: readonly SourceOption[], zone: string, source: string): SourceOptionsRead {
  const options: Record<string, string | boolean | number> = {};
  for (const name of SOURCE_OPTIONS) {
    const value = args[name];
    if (value === undefined || value === false) continue;
    if (!takes.includes(name)) {
      const own = takes.length ? `; it takes ${takes.map((option) => `--${option}`).join(', ')}` : '';
      return { ok: false, option: name, message: `${source} does not take --${name}${own}` };
    }
    if (name !== 'since' && name !== 'until') {
      options[name] = value;
      continue;
    }
    const read = windowEdge(String(value), zone, name);
    if (!read.ok) return { ok: false, option: name, message: `--${name}: ${read.message}` };
    options[name] = read.instant;
  }
  if (typeof options.since === 'number' && typeof options.until === 'number' && options.since > options.until) {
    return { ok: false, option: 'until', message: '--until: Unexpected --until before --since, expected a span of time' };
  }
  return { ok: true, options };
}

function windowEdge(text: string, zone: string, edge: 'since' | 'until'): { ok: true; instant: number } | { ok: false; message: string } {
  const parsed = parseTimestamp(text.trim(), zone);
  if (!parsed.ok) return { ok: false, message: `${parsed.problem.message}. ${parsed.problem.hint}` };
  if (edge === 'since' || !parsed.time.dayOnly) return { ok: true, instant: parsed.time.instant };
  // The last moment of the day: the one before the next day starts.
  const [year, month, day] = text.trim().replace(/^~/, '').split('-').map(Number) as [number, number, number];
  const next = new Date(utcTime(year, month - 1, day + 1)).toISOString().slice(0, 10);
  const nextDay = parseTimestamp(next, zone);
  if (!nextDay.ok) return { ok: false, message: `Unexpected day ${excerpt(text)}: ${nextDay.problem.message}` };
  return { ok: true, instant: nextDay.time.instant - 1 };
}
