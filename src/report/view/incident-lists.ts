import { NOT_KNOWN, NO_IMPACT, ONGOING, formatCount, formatElapsed } from '../../render/format.js';
import type { Report, ReportIncident } from '../report-model.js';
import type { IncidentView, RelatedGroupView, RepeatedServiceView } from '../report-view.js';
import { NONE, type ViewValues } from './values.js';

/** An incident's duration as the report and published indexes show it: humane, `~` when approximate, or `ongoing` / `not known`. */
export function incidentDuration(incident: ReportIncident): string {
  if (incident.ongoing) return ONGOING;
  if (incident.noImpact) return NO_IMPACT;
  if (incident.durationSeconds === null) return NOT_KNOWN;
  return formatElapsed({ seconds: incident.durationSeconds, approximate: incident.durationApproximate, precision: incident.durationPrecision });
}

/** One row of the lists of incidents (all of them, the longest). */
export function incidentView(incident: ReportIncident, { text, incidentLink }: ViewValues): IncidentView {
  return {
    date: text(incident.date),
    incident: incidentLink(incident.id, incident.link),
    title: text(incident.title),
    severity: text(incident.severity),
    status: text(incident.status),
    services: text(incident.services.length ? incident.services.join(', ') : NONE),
    duration: text(incidentDuration(incident)),
    ongoing: incident.ongoing,
  };
}

/** Services with two or more incidents, each with its incidents linked; `null` when there are none. */
export function repeatedServicesView(report: Report, { text, linkedIds }: ViewValues): RepeatedServiceView[] | null {
  return report.repeatedServices.length
    ? report.repeatedServices.map((row) => ({
        service: text(row.service),
        count: text(formatCount(row.count)),
        incidents: linkedIds(row.incidents),
      }))
    : null;
}

/** Incidents linked through `related`, a group each, with their incidents linked; `null` when there are none. */
export function relatedGroupsView(report: Report, { text, linkedIds }: ViewValues): RelatedGroupView[] | null {
  return report.relatedGroups.length
    ? report.relatedGroups.map((group) => ({ count: text(formatCount(group.count)), incidents: linkedIds(group.incidents) }))
    : null;
}
