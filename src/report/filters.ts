import type { IncidentRecord } from './records.js';
import type { IncidentFilters } from './report-model.js';

/**
 * Whether a report covers an incident. `since` and `until` are inclusive and
 * compared with the impact-start date in the incident's own zone (dates
 * `YYYY-MM-DD` compare correctly as strings). A list matches when any of its
 * values matches (an incident matches a service filter when any of its
 * services is listed); every given field must match. A missing or empty list
 * does not filter. Values are compared exactly, case included.
 */
export function matchesFilters(record: IncidentRecord, filters: IncidentFilters): boolean {
  const date = record.start.date;
  if (filters.since !== undefined && date < filters.since) return false;
  if (filters.until !== undefined && date > filters.until) return false;
  if (!anyOf(filters.services, record.services)) return false;
  if (!anyOf(filters.severities, [record.severity])) return false;
  if (!anyOf(filters.tags, record.tags)) return false;
  if (!anyOf(filters.statuses, [record.status])) return false;
  return true;
}

function anyOf(wanted: readonly string[] | undefined, values: readonly string[]): boolean {
  if (wanted === undefined || wanted.length === 0) return true;
  return values.some((value) => wanted.includes(value));
}
