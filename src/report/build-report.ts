import { SET_APART_TYPES, type SetApartType } from '../schema/vocabulary.js';
import { STATUSES } from '../schema/vocabulary.js';
import { actionSummary } from './action-summary.js';
import { asItStoodOn, startedAfter } from './as-of.js';
import { budgetRows } from './budget-rows.js';
import { fixedCounts, rankedCounts, severityCounts } from './counts.js';
import { figureStats, knownStats } from './figure-stats.js';
import { matchesFilters } from './filters.js';
import { groupBy } from './group-records.js';
import { periodOf, periodsCovering } from './periods.js';
import { type IncidentRecord, hadNoImpact, isOngoing } from './records.js';
import { relatedGroups } from './related-groups.js';
import type { GroupBy, GroupRow, IncidentFilters, PeriodRow, PeriodUnit, RepeatedService, Report, ReportIncident, Totals } from './report-model.js';
import { compareText, newestFirst, oldestFirst } from './report-order.js';
import { computeStats } from './stats.js';

export interface ReportOptions {
  /** `YYYY-MM-DD`: the report shows the incidents as they stood at the end of this day (see as-of.ts). */
  asOf: string;
  groupBy: GroupBy;
  filters: IncidentFilters;
  /** Configured severity ids, most severe first. */
  severities: readonly string[];
  /** Configured derived-figure names, in order. */
  figureNames: readonly string[];
  /** The incident's postmortem page, relative to the report. */
  link: (id: string) => string;
  /** Near misses and drills to count as incidents; the others are counted apart (`Report.setApart`). None by default. */
  include?: readonly SetApartType[];
}

/** The group of incidents without services when grouping by service. */
export const NO_SERVICE = '(none)';
/** The figure whose statistics each period row shows. */
export const TIME_TO_RESOLVE = 'time to resolve';
/** The figure that gives an incident its duration (for `longest`). */
export const DURATION = 'duration';
const LONGEST = 5;

/**
 * Builds the report of the incidents the filters keep, as they stood on the
 * as-of day. Pure: the same records and options always give the same report,
 * whatever the order of the records (no clock, no locale; names compare by
 * code unit).
 */
export function buildReport(records: readonly IncidentRecord[], options: ReportOptions): Report {
  const matching = records.filter((record) => matchesFilters(record, options.filters));
  const include = SET_APART_TYPES.filter((type) => options.include?.includes(type));
  const inScope = matching.filter((record) => !startedAfter(record, options.asOf));
  const setApart = { 'near-miss': 0, drill: 0 };
  for (const record of inScope) if (record.type !== 'incident' && !include.includes(record.type)) setApart[record.type] += 1;
  const kept = inScope
    .filter((record) => record.type === 'incident' || include.includes(record.type))
    .map((record) => asItStoodOn(record, options.asOf))
    .sort(newestFirst);
  const periodUnit: PeriodUnit = options.groupBy === 'service' || options.groupBy === 'severity' ? 'month' : options.groupBy;
  const incidents = kept.map((record) => reportIncident(record, options));
  return {
    asOf: options.asOf,
    groupBy: options.groupBy,
    periodUnit,
    filters: options.filters,
    startedAfterAsOf: matching.length - inScope.length,
    include,
    setApart,
    severities: [...options.severities],
    incidents,
    totals: totals(kept, options.severities),
    periods: periodRows(kept, periodUnit, options),
    figures: options.figureNames.map((name) => figureStats(name, kept)),
    groups: groupRows(kept, options),
    errorBudget: budgetRows(kept, periodUnit),
    longest: incidents
      .filter((incident) => incident.durationSeconds !== null)
      .sort((a, b) => b.durationSeconds! - a.durationSeconds! || compareText(a.id, b.id))
      .slice(0, LONGEST),
    repeatedServices: repeatedServices(kept),
    relatedGroups: relatedGroups([...kept].sort(oldestFirst)),
    actions: actionSummary(kept, options),
  };
}

/**
 * Every incident that had started by the as-of day, whatever its type, as it
 * stood then, newest first: what a site lists. Near misses and drills have
 * their pages like any incident; only the report's figures set them apart.
 */
export function listedIncidents(records: readonly IncidentRecord[], options: ReportOptions): ReportIncident[] {
  return records
    .filter((record) => !startedAfter(record, options.asOf))
    .map((record) => asItStoodOn(record, options.asOf))
    .sort(newestFirst)
    .map((record) => reportIncident(record, options));
}

function reportIncident(record: IncidentRecord, options: ReportOptions): ReportIncident {
  const duration = record.figures.find((figure) => figure.name === DURATION);
  return {
    id: record.id,
    title: record.title,
    date: record.start.date,
    start: record.start.iso,
    severity: record.severity,
    status: record.status,
    type: record.type,
    // The record's own list (records are never changed): no copy per incident.
    services: record.services,
    durationSeconds: duration?.state === 'known' ? duration.seconds : null,
    durationApproximate: duration?.state === 'known' && duration.approximate,
    durationPrecision: duration?.state === 'known' ? duration.precision : 'time',
    ongoing: isOngoing(record),
    noImpact: hadNoImpact(record),
    link: options.link(record.id),
  };
}

/**
 * Whether any milestone time of the incident is approximate, as far as the
 * record tells: impact start, resolved, and the milestones of every figure.
 */
function hasApproximateTime(record: IncidentRecord): boolean {
  return record.start.approximate || (record.resolved?.approximate ?? false) || record.figures.some((figure) => figure.approximate);
}

function totals(records: readonly IncidentRecord[], severities: readonly string[]): Totals {
  return {
    incidents: records.length,
    ongoing: records.filter(isOngoing).length,
    approximate: records.filter(hasApproximateTime).length,
    bySeverity: severityCounts(records, severities),
    byStatus: fixedCounts(STATUSES, records.map((record) => record.status)),
    byService: rankedCounts(records.flatMap((record) => record.services)),
  };
}

function periodRows(records: readonly IncidentRecord[], unit: PeriodUnit, options: ReportOptions): PeriodRow[] {
  const byPeriod = groupBy(records, (record) => [periodOf(record.start.date, unit)]);
  const hasTimeToResolve = options.figureNames.includes(TIME_TO_RESOLVE);
  return periodsCovering(records.map((record) => record.start.date), unit).map((period) => {
    const members = byPeriod.get(period) ?? [];
    const timeToResolve = hasTimeToResolve ? knownStats(TIME_TO_RESOLVE, members) : { ...computeStats([]), approximate: 0 };
    return { period, incidents: members.length, bySeverity: severityCounts(members, options.severities), timeToResolve };
  });
}

function groupRows(records: readonly IncidentRecord[], options: ReportOptions): GroupRow[] {
  const { groupBy: by } = options;
  let keys: string[];
  let members: Map<string, IncidentRecord[]>;
  if (by === 'service') {
    members = groupBy(records, (record) => (record.services.length > 0 ? record.services : [NO_SERVICE]));
    const named = [...members.keys()].filter((key) => key !== NO_SERVICE).sort(compareText);
    keys = members.has(NO_SERVICE) ? [...named, NO_SERVICE] : named;
  } else if (by === 'severity') {
    members = groupBy(records, (record) => [record.severity]);
    keys = severityCounts(records, options.severities).map((count) => count.key);
  } else {
    members = groupBy(records, (record) => [periodOf(record.start.date, by)]);
    keys = periodsCovering(records.map((record) => record.start.date), by);
  }
  return keys.map((key) => {
    const group = members.get(key) ?? [];
    return {
      key,
      incidents: group.length,
      ongoing: group.filter(isOngoing).length,
      figures: options.figureNames.map((name) => figureStats(name, group)),
    };
  });
}

function repeatedServices(records: readonly IncidentRecord[]): RepeatedService[] {
  const byService = groupBy([...records].sort(oldestFirst), (record) => record.services);
  return [...byService]
    .filter(([, group]) => group.length >= 2)
    .map(([service, group]) => ({ service, count: group.length, incidents: group.map((record) => record.id) }))
    .sort((a, b) => b.count - a.count || compareText(a.service, b.service));
}

