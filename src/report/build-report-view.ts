import { deferredList } from '../render/deferred-list.js';
import { capitalize, formatCount } from '../render/format.js';
import type { Slots } from '../render/markdown/slots.js';
import { TIME_TO_RESOLVE } from './build-report.js';
import type { Report } from './report-model.js';
import type { ReportView } from './report-view.js';
import { actionsView } from './view/actions.js';
import { groupsView, periodsView } from './view/breakdowns.js';
import { incidentsChart, timeToResolveChart } from './view/charts.js';
import { errorBudgetView } from './view/error-budget.js';
import { figureNotesView, figureView, measuredBy } from './view/figures.js';
import { incidentView, relatedGroupsView, repeatedServicesView } from './view/incident-lists.js';
import { scopeFacts, totalsSentence } from './view/scope.js';
import { viewValues } from './view/values.js';

/** Prepares everything a report template shows: formatted, and each value behind a token of `slots`. */
export function buildReportView(report: Report, slots: Slots): ReportView {
  const values = viewValues(report, slots);
  const { text, counts } = values;
  const unit = report.periodUnit;
  const incidentCount = report.totals.incidents;
  const hasApproximate =
    report.incidents.some((incident) => incident.durationApproximate) ||
    report.figures.some((figure) => figure.approximate > 0) ||
    report.errorBudget.some((row) => row.approximate);
  const figureNotes = figureNotesView(report, values);

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
    period: { unit: text(unit), label: text(capitalize(unit)) },
    measures: { duration: text(measuredBy(report, 'duration')), timeToResolve: text(measuredBy(report, TIME_TO_RESOLVE)) },
    incidentsChart: incidentsChart(report, slots),
    timeToResolveChart: timeToResolveChart(report, slots),
    periods: periodsView(report, values),
    figures: report.figures.map((figure) => figureView(figure, values)),
    figureNotes: figureNotes.length ? figureNotes : null,
    groups: groupsView(report, values),
    errorBudget: errorBudgetView(report, values),
    longest: report.longest.length ? report.longest.map((incident) => incidentView(incident, values)) : null,
    repeatedServices: repeatedServicesView(report, values),
    relatedGroups: relatedGroupsView(report, values),
    actions: actionsView(report, values),
    incidents: deferredList(report.incidents.length, (index) => incidentView(report.incidents[index]!, values)),
    hasApproximate,
  };
}

