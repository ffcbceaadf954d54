import { formatCount } from '../../render/format.js';
import { SET_APART_TYPES, type SetApartType } from '../../schema/vocabulary.js';
import type { IncidentFilters, Report } from '../report-model.js';

/** The rows of the scope table: what the report covers. */
export function scopeFacts(report: Report): [string, string][] {
  const facts: [string, string][] = [
    ['As of', `${report.asOf} (incidents as they stood at the end of this day; overdue action items and ages are counted to it)`],
    ['Grouped by', report.groupBy],
  ];
  const filters: IncidentFilters = report.filters;
  const started = startedText(filters.since, filters.until);
  if (started) facts.push(['Started', started]);
  const lists: [string, readonly string[] | undefined][] = [
    ['Services', filters.services],
    ['Severities', filters.severities],
    ['Tags', filters.tags],
    ['Statuses', filters.statuses],
  ];
  for (const [label, values] of lists) if (values?.length) facts.push([label, values.join(', ')]);
  if (facts.length === 2) facts.push(['Filters', 'none: every valid incident']);
  const after = report.startedAfterAsOf;
  if (after > 0) facts.push(['Left out', `${after} ${after === 1 ? 'incident' : 'incidents'} that started after ${report.asOf}`]);
  if (report.include.length) facts.push(['Included', `${report.include.map((type) => SET_APART_NAMES[type][1]).join(' and ')}, counted as incidents`]);
  const apart = SET_APART_TYPES.filter((type) => report.setApart[type] > 0);
  if (apart.length) {
    const counts = apart.map((type) => plural(report.setApart[type], ...SET_APART_NAMES[type])).join(' and ');
    facts.push(['Counted apart', `${counts}, left out of every figure (--include ${apart.join(',')} counts them)`]);
  }
  return facts;
}

/** A near miss, a drill: each type reports count apart, as one and as many. */
const SET_APART_NAMES: Record<SetApartType, [string, string]> = {
  'near-miss': ['near miss', 'near misses'],
  drill: ['drill', 'drills'],
};

function startedText(since: string | undefined, until: string | undefined): string | null {
  if (since && until) return `${since} to ${until}`;
  if (since) return `on or after ${since}`;
  if (until) return `on or before ${until}`;
  return null;
}

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** `3 incidents, 1 ongoing, 1 with approximate times, started 2022-10-25 to 2025-06-10.` */
export function totalsSentence(report: Report): string {
  const { incidents, ongoing, approximate } = report.totals;
  if (incidents === 0) return 'No incident matches.';
  const parts = [plural(incidents, 'incident', 'incidents'), `${formatCount(ongoing)} ongoing`];
  if (approximate) parts.push(`${formatCount(approximate)} with approximate times`);
  const dates = report.incidents.map((incident) => incident.date).sort();
  const first = dates[0];
  const last = dates.at(-1);
  if (first && last) parts.push(first === last ? `started ${first}` : `started ${first} to ${last}`);
  return `${parts.join(', ')}.`;
}
