import type { Milestone } from '../schema/vocabulary.js';
import { type FigureRecord, type IncidentRecord, hadNoImpact } from './records.js';

/**
 * What "as of a day" means: the report shows the incidents as they stood at
 * the end of that day. Days are the incident's own, in its zone, as for
 * `--since` and `--until`, so an incident's age on the as-of day is never
 * negative.
 *
 * - An incident whose impact started after the as-of day is left out (the
 *   report says how many).
 * - A milestone after the as-of day had not happened yet: an incident
 *   resolved later is ongoing on the as-of day, and each figure is worked
 *   out as the model does for a timeline without that milestone (ending at
 *   `resolved`: ongoing, left out of the statistics; else not known).
 *   An error budget whose impact had not ended (no `resolved` yet) is not
 *   counted yet.
 * - What the file says now (status, severity, action items and their
 *   statuses) is taken as it is: the file keeps no history of it.
 */

/** Whether the incident's impact started after the as-of day. */
export function startedAfter(record: IncidentRecord, asOf: string): boolean {
  return record.start.date > asOf;
}

/** The incident as it stood at the end of the as-of day (the same record when nothing of it is later). */
export function asItStoodOn(record: IncidentRecord, asOf: string): IncidentRecord {
  const happened = (milestone: Milestone) => {
    const date = record.milestoneDates[milestone];
    return date !== undefined && date <= asOf;
  };
  const later = (Object.keys(record.milestoneDates) as Milestone[]).filter((milestone) => !happened(milestone));
  if (later.length === 0) return record;

  const figures = record.figures.map((figure) => (later.includes(figure.from) || later.includes(figure.to) ? unfinished(figure, happened) : figure));
  const budget = record.errorBudget;
  // The impact had not ended yet (a near miss without impact-start consumed nothing, and never is ongoing).
  const consuming = !happened('resolved') && !hadNoImpact(record);
  return {
    ...record,
    resolved: happened('resolved') ? record.resolved : null,
    milestoneDates: Object.fromEntries(Object.entries(record.milestoneDates).filter(([, date]) => date <= asOf)),
    figures,
    errorBudget: budget && consuming ? { ...budget, consumedMinutes: null, consumedShare: null, approximate: false } : budget,
  };
}

/** A figure one of whose milestones had not happened yet (build-incident.ts's rule for a missing milestone). */
function unfinished(figure: FigureRecord, happened: (milestone: Milestone) => boolean): FigureRecord {
  const ongoing = happened(figure.from) && figure.to === 'resolved';
  return { ...figure, state: ongoing ? 'ongoing' : 'unknown', seconds: null, approximate: false };
}
