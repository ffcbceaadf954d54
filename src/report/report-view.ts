import type { Fact, Markdown } from '../render/view.js';
import { FLAG, type ShapeOf, TEXT, TEXT_LIST, TEXT_OR_NULL } from '../render/view-shape.js';

/**
 * What the report templates (`report.hbs` and `report-*.hbs`) receive: the
 * Report, formatted. As for postmortems (src/render/view.ts), each string is
 * a token standing for a value, swapped for it by the remark stage and
 * escaped for where it lands, so titles, services and owners stay literal
 * text. Absent parts are `null` (templates are compiled in strict mode).
 * Durations are humane (`1 hour 57 minutes`), with `~` when an approximate
 * time went into them. Built by build-report-view.ts, a file per part in view/.
 */
export interface ReportView {
  title: Markdown;
  asOf: Markdown;
  /** No incident matched: the template shows the scope and says so. */
  empty: boolean;
  /** As of, grouping, the filters used, and how many incidents started after the as-of day (left out). */
  scope: Fact[];
  totals: TotalsView;
  /** `month`, `quarter` or `year`, and the same capitalised for headers. */
  period: { unit: Markdown; label: Markdown };
  /** What the duration and time-to-resolve columns measure (`impact start to resolved`), as configured. */
  measures: { duration: Markdown; timeToResolve: Markdown };
  /** Incidents per period stacked by severity; `null` when there is no period. */
  incidentsChart: ChartView | null;
  /** Median and p90 time to resolve per period; `null` when no incident of any period is resolved. */
  timeToResolveChart: ChartView | null;
  periods: PeriodsView;
  figures: FigureView[];
  /** The figures' left-out incidents, one entry per figure that left any out; `null` when none. */
  figureNotes: FigureNoteView[] | null;
  groups: GroupsView;
  errorBudget: BudgetView[] | null;
  longest: IncidentView[] | null;
  repeatedServices: RepeatedServiceView[] | null;
  /** Incidents linked through `related`, a group each; `null` when no two incidents of the report are linked. */
  relatedGroups: RelatedGroupView[] | null;
  actions: ActionsView | null;
  /** Every incident counted, a row each, made as the template reaches it (deferred-list.ts). */
  incidents: readonly IncidentView[];
  /** Whether any `~` is shown: the template then says what it means. */
  hasApproximate: boolean;
}

export interface ChartView {
  /** Mermaid source, for a ```mermaid block. */
  source: Markdown;
  /** One sentence saying how to read the chart. */
  caption: Markdown;
}

export interface CountView {
  key: Markdown;
  count: Markdown;
}

export interface TotalsView {
  incidents: Markdown;
  /** `3 incidents, 1 ongoing, 1 with approximate times, started 2022-10-25 to 2025-06-10.` */
  summary: Markdown;
  bySeverity: CountView[];
  byStatus: CountView[];
  /** `null` when no incident names a service. */
  byService: CountView[] | null;
}

export interface PeriodsView {
  /** The severity ids, for the header of the per-period table. */
  severities: Markdown[];
  /** Periods with at least one incident, chronologically. */
  rows: PeriodView[];
  /** `Months without incidents are left out of the table.`, or `null` when there are none. */
  emptyNote: Markdown | null;
}

export interface PeriodView {
  period: Markdown;
  incidents: Markdown;
  /** One per severity, in configured order. */
  bySeverity: Markdown[];
  medianTimeToResolve: Markdown;
  p90TimeToResolve: Markdown;
}

export interface FigureView {
  name: Markdown;
  /** `2`, or `2 (1 approximate)`. */
  count: Markdown;
  mean: Markdown;
  median: Markdown;
  p90: Markdown;
  max: Markdown;
}

export interface FigureNoteView {
  name: Markdown;
  /** The left-out incidents, linked, each with its reason: `[a](…) (ongoing), [b](…) (not known)`; after 25, `, and 1,204 more`. */
  leftOut: Markdown;
}

export interface GroupsView {
  /** `month`, `service`, `severity`…: what the groups are. */
  by: Markdown;
  /** The same, capitalised, for a table header. */
  label: Markdown;
  /** The figures' names, for the header; the rows show each one's median. */
  figureNames: Markdown[];
  /** When grouping by period, only periods with incidents (the charts show the others). */
  rows: GroupView[];
  /** `Months without incidents are left out of the table.`, or `null` when none is. */
  emptyNote: Markdown | null;
}

export interface GroupView {
  key: Markdown;
  incidents: Markdown;
  ongoing: Markdown;
  /** The median of each figure, in `figureNames` order. */
  medians: Markdown[];
}

export interface BudgetView {
  slo: Markdown;
  period: Markdown;
  incidents: Markdown;
  budget: Markdown;
  consumed: Markdown;
  share: Markdown;
  /** Incidents naming the SLO that are not counted yet, linked (after 25, `, and 1,204 more`); `—` when none. */
  notCounted: Markdown;
}

export interface IncidentView {
  date: Markdown;
  /** The id, linked to the postmortem. */
  incident: Markdown;
  title: Markdown;
  severity: Markdown;
  status: Markdown;
  services: Markdown;
  /** Humane duration, `~` when approximate, or `ongoing`, or `not known`. */
  duration: Markdown;
  ongoing: boolean;
}

export interface RepeatedServiceView {
  service: Markdown;
  count: Markdown;
  /** Linked ids, oldest first; after 25, `, and 1,204 more`. */
  incidents: Markdown;
}

export interface RelatedGroupView {
  count: Markdown;
  /** Linked ids, oldest first; after 25, `, and 1,204 more`. */
  incidents: Markdown;
}

export interface ActionsView {
  total: Markdown;
  byStatus: CountView[];
  byOwner: CountView[];
  byType: CountView[];
  /** `null` when nothing is overdue; else made as the template reaches each row (deferred-list.ts). */
  overdue: readonly OverdueView[] | null;
}

export interface OverdueView {
  /** The incident's id, linked to its postmortem. */
  incident: Markdown;
  incidentTitle: Markdown;
  title: Markdown;
  owner: Markdown;
  status: Markdown;
  priority: Markdown;
  due: Markdown;
  daysOverdue: Markdown;
  ageDays: Markdown;
  /** A link when the ticket is a URL, else `—`. */
  ticket: Markdown;
}

const COUNTS: ShapeOf<CountView[]> = { kind: 'list', item: { kind: 'group', fields: { key: TEXT, count: TEXT } } };
const CHART: ShapeOf<ChartView> = { kind: 'group', fields: { source: { kind: 'text', about: 'Mermaid source, for a ```mermaid block.' }, caption: TEXT } };
const INCIDENT: ShapeOf<IncidentView> = {
  kind: 'group',
  fields: {
    date: TEXT,
    incident: { kind: 'text', about: 'The id, linked to the postmortem.' },
    title: TEXT,
    severity: TEXT,
    status: TEXT,
    services: TEXT,
    duration: { kind: 'text', about: 'Humane duration, `~` when approximate, or `ongoing`, or `not known`.' },
    ongoing: FLAG,
  },
};

/** `ReportView` as data: what check-template.ts checks report templates against, and templates/README.md lists. */
export const REPORT_VIEW_SHAPE: ShapeOf<ReportView> = {
  kind: 'group',
  fields: {
    title: TEXT,
    asOf: TEXT,
    empty: { kind: 'flag', about: 'No incident matched: the template shows the scope and says so.' },
    scope: { kind: 'list', item: { kind: 'group', fields: { label: TEXT, value: TEXT } }, about: 'As of, grouping, the filters used, and how many incidents started after the as-of day (left out).' },
    totals: {
      kind: 'group',
      fields: {
        incidents: TEXT,
        summary: { kind: 'text', about: 'One sentence: incidents, ongoing, approximate, dates.' },
        bySeverity: COUNTS,
        byStatus: COUNTS,
        byService: { ...COUNTS, nullable: true },
      },
    },
    period: { kind: 'group', fields: { unit: { kind: 'text', about: '`month`, `quarter` or `year`.' }, label: { kind: 'text', about: 'The unit, capitalised.' } } },
    measures: { kind: 'group', about: 'What the duration and time-to-resolve columns measure, as configured: `impact start to resolved`.', fields: { duration: TEXT, timeToResolve: TEXT } },
    incidentsChart: { ...CHART, nullable: true, about: 'Incidents per period stacked by severity; `null` when there is no period.' },
    timeToResolveChart: { ...CHART, nullable: true, about: 'Median and p90 time to resolve per period; `null` when nothing is resolved.' },
    periods: {
      kind: 'group',
      fields: {
        severities: { ...TEXT_LIST, about: 'The severity ids, for the header of the per-period table.' },
        rows: {
          kind: 'list',
          item: {
            kind: 'group',
            fields: { period: TEXT, incidents: TEXT, bySeverity: TEXT_LIST, medianTimeToResolve: TEXT, p90TimeToResolve: TEXT },
          },
        },
        emptyNote: TEXT_OR_NULL,
      },
    },
    figures: {
      kind: 'list',
      item: { kind: 'group', fields: { name: TEXT, count: TEXT, mean: TEXT, median: TEXT, p90: TEXT, max: TEXT } },
    },
    figureNotes: { kind: 'list', nullable: true, item: { kind: 'group', fields: { name: TEXT, leftOut: TEXT } } },
    groups: {
      kind: 'group',
      fields: {
        by: TEXT,
        label: TEXT,
        figureNames: TEXT_LIST,
        rows: { kind: 'list', item: { kind: 'group', fields: { key: TEXT, incidents: TEXT, ongoing: TEXT, medians: TEXT_LIST } } },
        emptyNote: TEXT_OR_NULL,
      },
    },
    errorBudget: {
      kind: 'list',
      nullable: true,
      item: {
        kind: 'group',
        fields: { slo: TEXT, period: TEXT, incidents: TEXT, budget: TEXT, consumed: TEXT, share: TEXT, notCounted: TEXT },
      },
    },
    longest: { kind: 'list', nullable: true, item: INCIDENT },
    repeatedServices: { kind: 'list', nullable: true, item: { kind: 'group', fields: { service: TEXT, count: TEXT, incidents: TEXT } } },
    relatedGroups: {
      kind: 'list',
      nullable: true,
      about: 'Incidents linked through `related` (either way, and on through each other), a group each, largest first; `null` when none are linked.',
      item: { kind: 'group', fields: { count: TEXT, incidents: { kind: 'text', about: 'The linked ids, oldest first.' } } },
    },
    actions: {
      kind: 'group',
      nullable: true,
      fields: {
        total: TEXT,
        byStatus: COUNTS,
        byOwner: COUNTS,
        byType: COUNTS,
        overdue: {
          kind: 'list',
          nullable: true,
          item: {
            kind: 'group',
            fields: {
              incident: TEXT,
              incidentTitle: TEXT,
              title: TEXT,
              owner: TEXT,
              status: TEXT,
              priority: TEXT,
              due: TEXT,
              daysOverdue: TEXT,
              ageDays: TEXT,
              ticket: { kind: 'text', about: 'A link when the ticket is a URL, else `—`.' },
            },
          },
        },
      },
    },
    incidents: { kind: 'list', item: INCIDENT },
    hasApproximate: { kind: 'flag', about: 'Whether any `~` is shown: the template then says what it means.' },
  },
};
