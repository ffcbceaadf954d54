import type { IncidentRecord } from './records.js';

/** Newest impact start first, then by id: the order of `Report.incidents`. */
export function newestFirst(a: IncidentRecord, b: IncidentRecord): number {
  return b.start.instant - a.start.instant || compareText(a.id, b.id);
}

/** Oldest impact start first, then by id: the order of every export. */
export function oldestFirst(a: IncidentRecord, b: IncidentRecord): number {
  return a.start.instant - b.start.instant || compareText(a.id, b.id);
}

/** Plain code-unit order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
