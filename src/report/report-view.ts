import type { PhrasingContent } from 'mdast';
import { NOT_KNOWN, ONGOING, capitalize, formatCount, formatDecimal, formatMinutes, ticketLabel } from '../render/format.js';
import { isSafeUrl } from '../render/markdown/processor.js';
import { type Slots, rawSlot, textSlot } from '../render/markdown/slots.js';
import type { Fact, Markdown } from '../render/view.js';
import { FLAG, type ShapeOf, TEXT, TEXT_LIST, TEXT_OR_NULL } from '../render/view-shape.js';
import { humanDuration } from '../time/duration.js';
import { NO_TYPE, TIME_TO_RESOLVE } from './build-report.js';
import { barChart, stackedBars } from './mermaid.js';
import type { Count, FigureStats, GroupBy, IncidentFilters, PeriodUnit, Report, ReportIncident, Stats } from './report-model.js';

/**
 * What the report templates (`report.hbs` and `report-*.hbs`) receive: the
 * Report, formatted. As for postmortems (src/render/view.ts), each string is
 * a token standing for a value, swapped for it by the remark stage and
 * escaped for where it lands, so titles, services and owners stay literal
 * text. Absent parts are `null` (templates are compiled in strict mode).
 * Durations are humane (`1 hour 57 minutes`), with `~` when an approximate
 * time went into them.
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
  actions: ActionsView | null;
  incidents: IncidentView[];
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
  /** The left-out incidents, linked, each with its reason: `[a](…) (ongoing), [b](…) (not known)`. */
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
  /** Incidents naming the SLO that are not counted yet, linked; `—` when none. */
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
  /** Linked ids, oldest first. */
  incidents: Markdown;
}

export interface ActionsView {
  total: Markdown;
  byStatus: CountView[];
  byOwner: CountView[];
  byType: CountView[];
  /** `null` when nothing is overdue. */
  overdue: OverdueView[] | null;
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

const NONE = '—';
const PERIOD_PLURAL: Record<PeriodUnit, string> = { month: 'Months', quarter: 'Quarters', year: 'Years' };
const GROUP_LABEL: Record<GroupBy, string> = { month: 'Month', quarter: 'Quarter', year: 'Year', service: 'Service', severity: 'Severity' };

/** Prepares everything a report template shows: formatted, and each value behind a token of `slots`. */
export function buildReportView(report: Report, slots: Slots): ReportView {
  // Values are made into nodes only as the report is printed: a view over 100,000 incidents keeps strings and functions.
  const text = (value: string): Markdown => slots.text(value);
  const phrasing = (nodes: () => PhrasingContent[], raw: () => string): Markdown => slots.token(() => ({ phrasing: nodes(), raw: raw() }));
  // The values capture strings, never the report's objects: once the templates have run, only the values are kept.
  const links = new Map(report.incidents.map((incident) => [incident.id, incident.link]));
  const linkTo = (id: string): readonly [string, string | undefined] => [id, links.get(id)];
  const linkedIds = (ids: readonly string[]): Markdown => {
    if (!ids.length) return text(NONE);
    const targets = ids.map(linkTo);
    return phrasing(() => joinNodes(targets.map(([id, link]) => [linkNode(id, link)])), () => ids.join(', '));
  };
  const counts = (list: readonly Count[], label: (key: string) => string = (key) => key): CountView[] =>
    list.map(({ key, count }) => ({ key: text(label(key)), count: text(formatCount(count)) }));

  const unit = report.periodUnit;
  const periodLabel = capitalize(unit);
  const incidentCount = report.totals.incidents;
  const hasApproximate =
    report.incidents.some((incident) => incident.durationApproximate) ||
    report.figures.some((figure) => figure.approximate > 0) ||
    report.errorBudget.some((row) => row.approximate);

  const figureNotes = report.figures
    .filter((figure) => figure.missing.length > 0)
    .map((figure) => ({
      name: text(capitalize(figure.name)),
      leftOut: ((missing) =>
        phrasing(
          () => joinNodes(missing.map(({ target: [id, link], reason }) => [linkNode(id, link), { type: 'text', value: ` (${reason})` }])),
          () => missing.map(({ target: [id], reason }) => `${id} (${reason})`).join(', '),
        ))(figure.missing.map(({ id, reason }) => ({ target: linkTo(id), reason }))),
    }));

  const periodsWithIncidents = report.periods.filter((row) => row.incidents > 0);
  const byPeriod = report.groupBy === report.periodUnit;
  const groupRows = byPeriod ? report.groups.filter((group) => group.incidents > 0) : report.groups;
  const incidentLink = (id: string, link: string): Markdown => phrasing(() => [linkNode(id, link)], () => link);
  const incidentView = (incident: ReportIncident): IncidentView => ({
    date: text(incident.date),
    incident: incidentLink(incident.id, incident.link),
    title: text(incident.title),
    severity: text(incident.severity),
    status: text(incident.status),
    services: text(incident.services.length ? incident.services.join(', ') : NONE),
    duration: text(incidentDuration(incident)),
    ongoing: incident.ongoing,
  });

  return {
    title: text('Incident report'),
    asOf: text(report.asOf),
    empty: incidentCount === 0,
    scope: scopeFacts(report).map(([label, value]) => ({ label: text(label), value: text(value) })),
    totals: {
      incidents: text(formatCount(incidentCount)),
      summary: text(totalsSentence(report)),
      bySeverity: counts(report.totals.bySeverity),
      byStatus: counts(report.totals.byStatus),
      byService: report.totals.byService.length ? counts(report.totals.byService) : null,
    },
    period: { unit: text(unit), label: text(periodLabel) },
    incidentsChart: incidentsChart(report, slots),
    timeToResolveChart: timeToResolveChart(report, slots),
    periods: {
      severities: report.severities.map(text),
      rows: periodsWithIncidents.map((row) => ({
        period: text(row.period),
        incidents: text(formatCount(row.incidents)),
        bySeverity: report.severities.map((severity) => text(formatCount(countOf(row.bySeverity, severity)))),
        medianTimeToResolve: text(statText(row.timeToResolve, 'median', false)),
        p90TimeToResolve: text(statText(row.timeToResolve, 'p90', false)),
      })),
      emptyNote:
        periodsWithIncidents.length < report.periods.length
          ? text(`${PERIOD_PLURAL[unit]} without incidents are left out of the table.`)
          : null,
    },
    figures: report.figures.map((figure) => figureView(figure, text)),
    figureNotes: figureNotes.length ? figureNotes : null,
    groups: {
      by: text(report.groupBy),
      label: text(GROUP_LABEL[report.groupBy]),
      figureNames: report.figures.map((figure) => text(`Median ${figure.name}`)),
      rows: groupRows.map((group) => ({
        key: text(group.key),
        incidents: text(formatCount(group.incidents)),
        ongoing: text(formatCount(group.ongoing)),
        medians: report.figures.map((figure) => {
          const stats = group.figures.find((candidate) => candidate.name === figure.name);
          return text(stats ? statText(stats, 'median', stats.approximate > 0) : NONE);
        }),
      })),
      emptyNote: groupRows.length < report.groups.length ? text(`${PERIOD_PLURAL[unit]} without incidents are left out of the table.`) : null,
    },
    errorBudget: report.errorBudget.length
      ? report.errorBudget.map((row) => {
          const mark = row.approximate ? '~' : '';
          return {
            slo: text(row.slo),
            period: text(row.period),
            incidents: text(formatCount(row.incidents)),
            budget: text(formatMinutes(row.budgetMinutes)),
            consumed: text(`${mark}${formatMinutes(row.consumedMinutes)}`),
            share: text(Number.isFinite(row.share) ? `${mark}${formatDecimal(row.share * 100)}%` : NOT_KNOWN),
            notCounted: linkedIds(row.notCounted),
          };
        })
      : null,
    longest: report.longest.length ? report.longest.map(incidentView) : null,
    repeatedServices: report.repeatedServices.length
      ? report.repeatedServices.map((row) => ({
          service: text(row.service),
          count: text(formatCount(row.count)),
          incidents: linkedIds(row.incidents),
        }))
      : null,
    actions: report.actions.total
      ? {
          total: text(`${formatCount(report.actions.total)} action ${report.actions.total === 1 ? 'item' : 'items'}.`),
          byStatus: counts(report.actions.byStatus),
          byOwner: counts(report.actions.byOwner),
          byType: counts(report.actions.byType, (key) => (key === NO_TYPE ? 'no type' : key)),
          overdue: report.actions.overdue.length
            ? report.actions.overdue.map((item) => ({
                incident: incidentLink(item.incident, item.link),
                incidentTitle: text(item.incidentTitle),
                title: text(item.title),
                owner: text(item.owner),
                status: text(item.status),
                priority: text(item.priority ?? NONE),
                due: text(item.due),
                daysOverdue: text(formatCount(item.daysOverdue)),
                ageDays: text(formatCount(item.ageDays)),
                ticket: ticketView(item.ticket, text, phrasing),
              }))
            : null,
        }
      : null,
    incidents: report.incidents.map(incidentView),
    hasApproximate,
  };
}

/** `[text](url)` when the URL is one a link may have (http(s), relative…), else the text alone. */
function linkNode(label: string, url: string | undefined): PhrasingContent {
  const value: PhrasingContent = { type: 'text', value: label.replace(/\s*[\r\n]+\s*/g, ' ') };
  return url !== undefined && url !== '' && isSafeUrl(url) ? { type: 'link', url, children: [value] } : value;
}

function joinNodes(items: readonly PhrasingContent[][]): PhrasingContent[] {
  return items.flatMap((nodes, i) => (i === 0 ? nodes : [{ type: 'text', value: ', ' } as PhrasingContent, ...nodes]));
}

function countOf(list: readonly Count[], key: string): number {
  return list.find((entry) => entry.key === key)?.count ?? 0;
}

/** The rows of the scope table: what the report covers. */
function scopeFacts(report: Report): [string, string][] {
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
  return facts;
}

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
function totalsSentence(report: Report): string {
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

/** An incident's duration as the report and published indexes show it: humane, `~` when approximate, or `ongoing` / `not known`. */
export function incidentDuration(incident: ReportIncident): string {
  if (incident.ongoing) return ONGOING;
  if (incident.durationSeconds === null) return NOT_KNOWN;
  return `${incident.durationApproximate ? '~' : ''}${humanDuration(incident.durationSeconds)}`;
}

function statText(stats: Stats, which: 'mean' | 'median' | 'p90' | 'max', approximate: boolean): string {
  const value = stats[which];
  if (stats.count === 0 || value === null) return NONE;
  return `${approximate ? '~' : ''}${humanDuration(value)}`;
}

function figureView(figure: FigureStats, text: (value: string) => Markdown): FigureView {
  const approximate = figure.approximate > 0;
  return {
    name: text(capitalize(figure.name)),
    count: text(approximate ? `${formatCount(figure.count)} (${formatCount(figure.approximate)} approximate)` : formatCount(figure.count)),
    mean: text(statText(figure, 'mean', approximate)),
    median: text(statText(figure, 'median', approximate)),
    p90: text(statText(figure, 'p90', approximate)),
    max: text(statText(figure, 'max', approximate)),
  };
}

/** A ticket URL as a link labelled with its last path segment; one that may not be a link, as its literal text. */
function ticketView(
  ticket: string | null,
  text: (value: string) => Markdown,
  phrasing: (nodes: () => PhrasingContent[], raw: () => string) => Markdown,
): Markdown {
  if (!ticket) return text(NONE);
  if (!isSafeUrl(ticket)) return text(ticket);
  return phrasing(() => [linkNode(ticketLabel(ticket), ticket)], () => ticket);
}

function incidentsChart(report: Report, slots: Slots): ChartView | null {
  if (report.periods.length === 0) return null;
  const layers = report.severities.map((severity) => ({
    name: severity,
    values: report.periods.map((row) => countOf(row.bySeverity, severity)),
  }));
  const source = barChart({
    xTitle: capitalize(report.periodUnit),
    categories: report.periods.map((row) => row.period),
    yTitle: 'Incidents',
    bars: stackedBars(layers),
  });
  const order = report.severities.join(', ');
  return {
    source: slots.token(rawSlot(source)),
    caption: slots.token(textSlot(`Incidents per ${report.periodUnit}, stacked by severity: from the left of each bar, ${order}.`)),
  };
}

/** Minutes up to two hours, hours up to three days, else days: whichever keeps the chart's numbers readable. */
function chartUnit(maxSeconds: number): { name: string; seconds: number } {
  if (maxSeconds <= 2 * 3600) return { name: 'minutes', seconds: 60 };
  if (maxSeconds <= 3 * 86_400) return { name: 'hours', seconds: 3600 };
  return { name: 'days', seconds: 86_400 };
}

function timeToResolveChart(report: Report, slots: Slots): ChartView | null {
  const stats = report.periods.map((row) => row.timeToResolve);
  if (!stats.some((row) => row.count > 0)) return null;
  const p90s = stats.map((row) => row.p90 ?? 0);
  const medians = stats.map((row) => row.median ?? 0);
  const unit = chartUnit(Math.max(...p90s, ...medians));
  const inUnit = (seconds: number) => Math.round((seconds / unit.seconds) * 10) / 10;
  const source = barChart({
    xTitle: capitalize(report.periodUnit),
    categories: report.periods.map((row) => row.period),
    yTitle: `${capitalize(TIME_TO_RESOLVE)} (${unit.name})`,
    // The 90th percentile is never below the median: drawn first, it stays visible above it.
    bars: [
      { name: 'p90', values: p90s.map(inUnit) },
      { name: 'median', values: medians.map(inUnit) },
    ],
  });
  return {
    source: slots.token(rawSlot(source)),
    caption: slots.token(
      textSlot(
        `Time to resolve of each ${report.periodUnit}'s resolved incidents, in ${unit.name}: ` +
          `the median in front, the 90th percentile behind it; a ${report.periodUnit} without a resolved incident has no bar.`,
      ),
    ),
  };
}
