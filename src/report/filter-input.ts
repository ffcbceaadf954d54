import { closestMatch } from '../diagnostics/suggest.js';
import { parseDate } from '../time/timestamp.js';
import type { IncidentFilters } from './report-model.js';

/**
 * Incident filters as a person gives them, checked before any file is read.
 * Values are matched exactly, so a list is given value by value (a service
 * name may itself hold a comma); an empty list does not filter.
 */

/** What is wrong with the filters, as data: the caller words it in its own terms (a CLI names its options). */
export type FilterProblem =
  | { kind: 'not-a-day'; field: 'since' | 'until'; value: string; problem: string }
  | { kind: 'empty-range'; since: string; until: string }
  | { kind: 'unknown-severity'; value: string; near: string | undefined; levels: readonly string[] };

/** The filters, or the first problem with their days: `since` and `until` must be days, in that order. */
export function readIncidentFilters(given: IncidentFilters): { ok: true; filters: IncidentFilters } | { ok: false; problem: FilterProblem } {
  for (const field of ['since', 'until'] as const) {
    const value = given[field];
    if (value === undefined) continue;
    const parsed = parseDate(value);
    if ('problem' in parsed) return { ok: false, problem: { kind: 'not-a-day', field, value, problem: parsed.problem } };
  }
  if (given.since !== undefined && given.until !== undefined && given.since > given.until) {
    return { ok: false, problem: { kind: 'empty-range', since: given.since, until: given.until } };
  }
  const filters: IncidentFilters = {};
  if (given.since !== undefined) filters.since = given.since;
  if (given.until !== undefined) filters.until = given.until;
  if (given.services?.length) filters.services = [...given.services];
  if (given.severities?.length) filters.severities = [...given.severities];
  if (given.tags?.length) filters.tags = [...given.tags];
  if (given.statuses?.length) filters.statuses = [...given.statuses];
  return { ok: true, filters };
}

/**
 * Every incident's severity is one of the configured levels, so a severity
 * filter that is none of them can only be a typo: the first such, with the
 * closest level.
 */
export function unknownSeverity(filters: IncidentFilters, levels: readonly string[]): FilterProblem | undefined {
  const wanted = filters.severities?.find((severity) => !levels.includes(severity));
  return wanted === undefined ? undefined : { kind: 'unknown-severity', value: wanted, near: closestMatch(wanted, levels), levels };
}
