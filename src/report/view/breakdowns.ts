import { figurePair, formatCount } from '../../render/format.js';
import type { GroupBy, PeriodUnit, Report } from '../report-model.js';
import type { GroupsView, PeriodsView } from '../report-view.js';
import { statText } from './figures.js';
import { NONE, type ViewValues, countOf } from './values.js';

/** The report's two tables of incidents split up: by period and severity, and by the chosen grouping. */

const PERIOD_PLURAL: Record<PeriodUnit, string> = { month: 'Months', quarter: 'Quarters', year: 'Years' };
const GROUP_LABEL: Record<GroupBy, string> = { month: 'Month', quarter: 'Quarter', year: 'Year', service: 'Service', severity: 'Severity' };

export function periodsView(report: Report, { text }: ViewValues): PeriodsView {
  const periodsWithIncidents = report.periods.filter((row) => row.incidents > 0);
  return {
    severities: report.severities.map(text),
    rows: periodsWithIncidents.map((row) => ({
      period: text(row.period),
      incidents: text(formatCount(row.incidents)),
      bySeverity: report.severities.map((severity) => text(formatCount(countOf(row.bySeverity, severity)))),
      medianTimeToResolve: text(statText(row.timeToResolve, 'median', row.timeToResolve.approximate > 0)),
      p90TimeToResolve: text(statText(row.timeToResolve, 'p90', row.timeToResolve.approximate > 0)),
    })),
    emptyNote:
      periodsWithIncidents.length < report.periods.length
        ? text(`${PERIOD_PLURAL[report.periodUnit]} without incidents are left out of the table.`)
        : null,
  };
}

export function groupsView(report: Report, { text }: ViewValues): GroupsView {
  const byPeriod = report.groupBy === report.periodUnit;
  const groupRows = byPeriod ? report.groups.filter((group) => group.incidents > 0) : report.groups;
  return {
    by: text(report.groupBy),
    label: text(GROUP_LABEL[report.groupBy]),
    figureNames: report.figures.map((figure) => text(`Median ${figure.name}${figure.from && figure.to ? ` (${figurePair(figure.from, figure.to)})` : ''}`)),
    rows: groupRows.map((group) => ({
      key: text(group.key),
      incidents: text(formatCount(group.incidents)),
      ongoing: text(formatCount(group.ongoing)),
      medians: report.figures.map((figure) => {
        const stats = group.figures.find((candidate) => candidate.name === figure.name);
        return text(stats ? statText(stats, 'median', stats.approximate > 0) : NONE);
      }),
    })),
    emptyNote: groupRows.length < report.groups.length ? text(`${PERIOD_PLURAL[report.periodUnit]} without incidents are left out of the table.`) : null,
  };
}
