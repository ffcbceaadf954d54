import { isProactive } from '../render/format.js';
import { type Milestone, SET_APART_TYPES, type SetApartType } from '../schema/vocabulary.js';
import { ACTION_STATUSES, ACTION_TYPES, STATUSES } from '../schema/vocabulary.js';
import { asItStoodOn, startedAfter } from './as-of.js';
import { matchesFilters } from './filters.js';
import { daysBetween, isOverdue } from './overdue.js';
import { periodOf, periodsCovering } from './periods.js';
import { type FigureRecord, type IncidentRecord, hadNoImpact, isOngoing } from './records.js';
import { relatedGroups } from './related-groups.js';
import type {
  ActionSummary,
  BudgetRow,
  Count,
  FigureStats,
  GroupBy,
  GroupRow,
  IncidentFilters,
  MissingFigure,
  OverdueAction,
  PeriodRow,
  PeriodUnit,
  RepeatedService,
  Report,
  ReportIncident,
  Stats,
  Totals,
} from './report-model.js';
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
/** The `byType` key of action items without a type. */
export const NO_TYPE = 'none';
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

/** Newest impact start first, then by id: the order of `Report.incidents`. */
function newestFirst(a: IncidentRecord, b: IncidentRecord): number {
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

function reportIncident(record: IncidentRecord, options: ReportOptions): ReportIncident {
  const duration = record.figures.find((figure) => figure.name === DURATION);
  return {
    id: record.id,
    title: record.title,
    date: record.start.date,
    start: record.start.iso,
    severity: record.severity,
    status: record.status,
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

/** Configured order with zero counts, then any severity that is not configured, by name. */
function severityCounts(records: readonly IncidentRecord[], severities: readonly string[]): Count[] {
  const extra = [...new Set(records.map((record) => record.severity).filter((id) => !severities.includes(id)))].sort(compareText);
  return fixedCounts([...severities, ...extra], records.map((record) => record.severity));
}

function fixedCounts(keys: readonly string[], values: readonly string[]): Count[] {
  return keys.map((key) => ({ key, count: values.filter((value) => value === key).length }));
}

/** Most first, then by name; keys with no values are left out. */
function rankedCounts(values: readonly string[]): Count[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || compareText(a.key, b.key));
}

/** Statistics of one figure over some incidents (already in incident order). */
function figureStats(name: string, records: readonly IncidentRecord[]): FigureStats {
  const values: number[] = [];
  const missing: MissingFigure[] = [];
  let approximate = 0;
  let dayPrecision = 0;
  let proactive = 0;
  let pair: { from: Milestone; to: Milestone } | undefined;
  for (const record of records) {
    const figure = record.figures.find((candidate) => candidate.name === name);
    pair ??= figure && { from: figure.from, to: figure.to };
    if (figure?.state === 'known' && figure.seconds !== null) {
      values.push(countedSeconds(figure, figure.seconds));
      if (figure.approximate) approximate += 1;
      if (figure.precision === 'day') dayPrecision += 1;
      if (isProactive(figure)) proactive += 1;
    } else {
      missing.push({ id: record.id, reason: figure?.state === 'ongoing' ? 'ongoing' : 'not known' });
    }
  }
  return { name, from: pair?.from ?? null, to: pair?.to ?? null, ...computeStats(values), approximate, dayPrecision, proactive, missing };
}

/** Statistics of the known values of a figure, with how many involve an approximate time. */
function knownStats(name: string, records: readonly IncidentRecord[]): Stats & { approximate: number } {
  const known = records.flatMap((record) => {
    const figure = record.figures.find((candidate) => candidate.name === name);
    return figure?.state === 'known' && figure.seconds !== null ? [{ ...figure, seconds: figure.seconds }] : [];
  });
  const values = known.map((figure) => countedSeconds(figure, figure.seconds));
  return { ...computeStats(values), approximate: known.filter((figure) => figure.approximate).length };
}

/** A figure's seconds as statistics count them: detection before impact (proactive) as 0, so it never lowers a median below "at once". */
function countedSeconds(figure: FigureRecord, seconds: number): number {
  return isProactive(figure) ? 0 : seconds;
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

/** The records under each key, in their given order; a record may go under several keys (each once). */
function groupBy(records: readonly IncidentRecord[], keysOf: (record: IncidentRecord) => readonly string[]): Map<string, IncidentRecord[]> {
  const groups = new Map<string, IncidentRecord[]>();
  for (const record of records) {
    for (const key of new Set(keysOf(record))) {
      const group = groups.get(key);
      if (group) group.push(record);
      else groups.set(key, [record]);
    }
  }
  return groups;
}

function budgetRows(records: readonly IncidentRecord[], unit: PeriodUnit): BudgetRow[] {
  const withSlo = records.filter((record) => record.errorBudget !== null);
  const bySlo = groupBy(withSlo, (record) => [record.errorBudget!.slo]);
  const rows: BudgetRow[] = [];
  for (const slo of [...bySlo.keys()].sort(compareText)) {
    const byPeriod = groupBy(bySlo.get(slo)!, (record) => [periodOf(record.start.date, unit)]);
    for (const period of [...byPeriod.keys()].sort(compareText)) {
      const group = byPeriod.get(period)!;
      let budgetMinutes = 0;
      let consumedMinutes = 0;
      let approximate = false;
      const notCounted: string[] = [];
      for (const record of group) {
        const budget = record.errorBudget!;
        budgetMinutes = Math.max(budgetMinutes, budget.budgetMinutes);
        if (budget.consumedMinutes === null) {
          notCounted.push(record.id);
        } else {
          consumedMinutes += budget.consumedMinutes;
          approximate ||= budget.approximate;
        }
      }
      rows.push({
        slo,
        period,
        incidents: group.length,
        budgetMinutes,
        consumedMinutes,
        share: budgetMinutes > 0 ? consumedMinutes / budgetMinutes : 0,
        approximate,
        notCounted,
      });
    }
  }
  return rows;
}

function repeatedServices(records: readonly IncidentRecord[]): RepeatedService[] {
  const byService = groupBy([...records].sort(oldestFirst), (record) => record.services);
  return [...byService]
    .filter(([, group]) => group.length >= 2)
    .map(([service, group]) => ({ service, count: group.length, incidents: group.map((record) => record.id) }))
    .sort((a, b) => b.count - a.count || compareText(a.service, b.service));
}

function actionSummary(records: readonly IncidentRecord[], options: ReportOptions): ActionSummary {
  const items = records.flatMap((record) => record.actions.map((action) => ({ record, action })));
  const overdue: OverdueAction[] = items
    .filter(({ action }) => isOverdue(action, options.asOf))
    // Due earliest = most overdue first.
    .sort((a, b) => daysBetween(b.action.due!, a.action.due!) || compareText(a.record.id, b.record.id) || a.action.index - b.action.index)
    .map(({ record, action }) => ({
      incident: record.id,
      incidentTitle: record.title,
      title: action.title,
      owner: action.owner,
      status: action.status,
      priority: action.priority,
      due: action.due!,
      daysOverdue: daysBetween(action.due!, options.asOf),
      ageDays: daysBetween(record.start.date, options.asOf),
      ticket: action.ticket,
      link: options.link(record.id),
    }));
  return {
    total: items.length,
    byStatus: fixedCounts(ACTION_STATUSES, items.map(({ action }) => action.status)),
    byOwner: rankedCounts(items.map(({ action }) => action.owner)),
    byType: fixedCounts([...ACTION_TYPES, NO_TYPE], items.map(({ action }) => action.type ?? NO_TYPE)),
    overdue,
  };
}
