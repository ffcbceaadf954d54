import type { IncidentType, Milestone, SetApartType, Status } from '../schema/vocabulary.js';

/**
 * The data of a report across incidents: what `report --format json` prints,
 * what the Markdown template renders, and what `report --format csv`
 * flattens. Durations are in seconds; every list has a fixed order (stated on
 * each field), so the same incidents always give the same report.
 */

export const GROUP_BY = ['month', 'quarter', 'year', 'service', 'severity'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
export type PeriodUnit = 'month' | 'quarter' | 'year';

/** Which incidents a report covers. Lists mean "any of"; different fields must all match. */
export interface IncidentFilters {
  /** `YYYY-MM-DD`, inclusive, compared with the impact-start date in the incident's zone. */
  since?: string;
  until?: string;
  services?: string[];
  severities?: string[];
  tags?: string[];
  statuses?: Status[];
}

export interface Report {
  /**
   * `YYYY-MM-DD`: the incidents as they stood at the end of this day, in each
   * incident's zone: later milestones are not counted (resolved later is
   * ongoing), and "overdue" and ages are counted to it.
   */
  asOf: string;
  groupBy: GroupBy;
  /** The unit of `periods` and `errorBudget`: `groupBy` when it is one, else `month`. */
  periodUnit: PeriodUnit;
  filters: IncidentFilters;
  /** Incidents the filters match that are left out because their impact started after `asOf`. */
  startedAfterAsOf: number;
  /** The near misses and drills counted as incidents (`--include`). */
  include: SetApartType[];
  /** Near misses and drills the filters match, by type, left out of every figure because they are not included. */
  setApart: Record<SetApartType, number>;
  /** Configured severity ids, most severe first: the order of every per-severity list. */
  severities: string[];
  /** Every incident the filters kept that started on or before `asOf`, newest impact start first (then by id). */
  incidents: ReportIncident[];
  totals: Totals;
  /** Chronological, every period from the first incident's to the last one's, empty ones included. */
  periods: PeriodRow[];
  /** One per derived figure, in the configured order. */
  figures: FigureStats[];
  /**
   * By `groupBy`: periods chronologically, every one from the first
   * incident's to the last one's, empty ones included (the same keys as
   * `periods`); every configured severity in configured order, empty ones
   * included; services by name, only those with incidents. When grouping by
   * service an incident counts in each of its services, and incidents without
   * services form a last group named `(none)`.
   */
  groups: GroupRow[];
  /** By SLO name, then period (of `periodUnit`); only periods with an incident naming the SLO. */
  errorBudget: BudgetRow[];
  /** Up to five incidents with a known duration (the `duration` figure), longest first (then by id). */
  longest: ReportIncident[];
  /** Services with two or more incidents, most incidents first (then by name). */
  repeatedServices: RepeatedService[];
  /**
   * Incidents of the report linked through `related` (either way, and on
   * through each other), in groups of two or more: most incidents first,
   * then by the group's oldest incident (impact start, then id).
   */
  relatedGroups: RelatedGroup[];
  actions: ActionSummary;
}

export interface Count {
  key: string;
  count: number;
}

export interface Totals {
  incidents: number;
  /** Incidents without a `resolved` milestone. */
  ongoing: number;
  /**
   * Incidents with any approximate milestone time: impact start, resolved, or
   * a milestone of a configured figure.
   */
  approximate: number;
  /** Configured order, zero counts included. */
  bySeverity: Count[];
  /** draft, review, final; zero counts included. */
  byStatus: Count[];
  /** Most incidents first, then by name; an incident counts once for each of its services. */
  byService: Count[];
}

export interface ReportIncident {
  id: string;
  title: string;
  /** Impact-start date in the incident's zone. */
  date: string;
  /** Impact start, ISO 8601 with the incident's offset. */
  start: string;
  severity: string;
  status: Status;
  /** `incident`, or a `near-miss` or `drill` that `--include` counts as one. */
  type: IncidentType;
  services: string[];
  /** The `duration` figure; `null` while ongoing or when not known. */
  durationSeconds: number | null;
  durationApproximate: boolean;
  /** `day` when impact start or end is known only to the day: the duration is then whole days. */
  durationPrecision: 'time' | 'day';
  ongoing: boolean;
  /** A near miss without `impact-start`: no user was affected, so it has no duration. */
  noImpact: boolean;
  /** Where its postmortem is, relative to the report. */
  link: string;
}

/** Summary statistics over durations in seconds; all `null` when `count` is 0. */
export interface Stats {
  count: number;
  mean: number | null;
  /** The middle value; the mean of the two middle values for an even count. */
  median: number | null;
  /** Nearest rank: the value at position ⌈0.9 × count⌉ in ascending order. */
  p90: number | null;
  max: number | null;
}

export interface FigureStats extends Stats {
  name: string;
  /** The milestones it measures between, as the incidents define it; `null` when no incident has the figure. */
  from: Milestone | null;
  to: Milestone | null;
  /** How many of the counted values involve an approximate time. */
  approximate: number;
  /** How many of those involve a day known only as a date: whole days (FORMAT.md v2). */
  dayPrecision: number;
  /** How many of the counted values are detections before impact (proactive), each counted as 0. */
  proactive: number;
  /** Incidents left out of the statistics, each named, in incident order. */
  missing: MissingFigure[];
}

/** Why an incident is left out of a figure's statistics. */
export type MissingReason = 'ongoing' | 'no impact' | 'not known';

export interface MissingFigure {
  id: string;
  /**
   * The figure's state, as on the incident's page: `ongoing` when its end is
   * `resolved` and that is missing while its start is known; `no impact` for
   * a figure from or to `impact-start` of a near miss written without it
   * (shown `none: no impact` on its page); `not known` when any other
   * milestone it needs is missing.
   */
  reason: MissingReason;
}

export interface PeriodRow {
  /** `2026-11`, `2026-Q4` or `2026`. */
  period: string;
  incidents: number;
  /** Configured order, zero counts included. */
  bySeverity: Count[];
  /** Time to resolve (the figure named so; count 0 when not configured) over the period's incidents, and how many of those are approximate. */
  timeToResolve: Stats & { approximate: number };
}

export interface GroupRow {
  key: string;
  incidents: number;
  ongoing: number;
  figures: FigureStats[];
}

export interface BudgetRow {
  slo: string;
  period: string;
  incidents: number;
  /** The budget of the SLO's window, from the incidents that name it (the largest, if they differ). */
  budgetMinutes: number;
  /** That window, in days: the budget is one window's, whatever the period summed (a quarter, a year). */
  windowDays: number;
  /** Summed over incidents whose consumption is known. */
  consumedMinutes: number;
  /** consumed / budget. */
  share: number;
  approximate: boolean;
  /** Incidents naming the SLO whose consumption is not known yet (ongoing). */
  notCounted: string[];
}

export interface RepeatedService {
  service: string;
  count: number;
  /** Ids, oldest first. */
  incidents: string[];
}

export interface RelatedGroup {
  count: number;
  /** Ids, oldest first (impact start, then id). */
  incidents: string[];
}

export interface ActionSummary {
  total: number;
  /** open, in-progress, done, wont-do; zero counts included. */
  byStatus: Count[];
  /** Most items first, then by name; only owners with items. */
  byOwner: Count[];
  /** prevent, detect, mitigate, process, other, then `none` for items without a type; zero counts included. */
  byType: Count[];
  /**
   * Open or in progress and due before `asOf` (due on `asOf` is not overdue
   * yet): most overdue first, then by incident id and position in the incident.
   */
  overdue: OverdueAction[];
}

export interface OverdueAction {
  incident: string;
  incidentTitle: string;
  title: string;
  owner: string;
  status: string;
  priority: string | null;
  due: string;
  /** Whole days from `due` to `asOf`. */
  daysOverdue: number;
  /** Whole days from the incident's impact-start date to `asOf`. */
  ageDays: number;
  ticket: string | null;
  /** The incident's postmortem, relative to the report. */
  link: string;
}
