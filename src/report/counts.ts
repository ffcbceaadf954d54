import type { IncidentRecord } from './records.js';
import type { Count } from './report-model.js';
import { compareText } from './report-order.js';

/** Configured order with zero counts, then any severity that is not configured, by name. */
export function severityCounts(records: readonly IncidentRecord[], severities: readonly string[]): Count[] {
  const extra = [...new Set(records.map((record) => record.severity).filter((id) => !severities.includes(id)))].sort(compareText);
  return fixedCounts([...severities, ...extra], records.map((record) => record.severity));
}

export function fixedCounts(keys: readonly string[], values: readonly string[]): Count[] {
  return keys.map((key) => ({ key, count: values.filter((value) => value === key).length }));
}

/** Most first, then by name; keys with no values are left out. */
export function rankedCounts(values: readonly string[]): Count[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || compareText(a.key, b.key));
}
