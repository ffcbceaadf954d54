import { startedAfter } from './as-of.js';
import { compareText } from './report-order.js';
import type { OutputText } from '../output/output-text.js';
import { jsonText } from '../output/json-text.js';
import { type CsvOptions, csvPieces } from './csv.js';
import { daysBetween, daysOverdue, isOverdue } from './overdue.js';
import type { ActionRecord, ActionStatus, IncidentRecord } from './records.js';

/**
 * The action items across incidents, as `postmortem actions` lists them.
 * Each item carries what a reader needs without opening the incident: the
 * incident's id and title, and whether (and by how many days) it is overdue
 * on `asOf`, by the one definition of overdue (`overdue.ts`).
 */

/** Which items are listed. Lists mean "any of"; every given field must match. */
export interface ActionFilters {
  /**
   * Owners, compared exactly, case included, as `--service` and `--tag`
   * compare: `Routing team` is not `routing team`.
   */
  owners?: readonly string[];
  statuses?: readonly ActionStatus[];
  /** Only items overdue on `asOf`. */
  overdueOnly?: boolean;
}

/** An action item with what the list says of its incident and of its age. */
export interface ListedAction extends ActionRecord {
  incidentTitle: string;
  /** The incident's impact-start date, in its own zone. */
  incidentDate: string;
  /** Open or in progress, and due before `asOf`. */
  overdue: boolean;
  /** Whole days from `due` to `asOf` (1 or more) when overdue, else `null`. */
  daysOverdue: number | null;
  /** Whole days from the incident's impact-start date to `asOf`; never negative, as later incidents are left out. */
  ageDays: number;
}

/**
 * The items of `records` that pass `filters`, in a fixed order: overdue items
 * first, most days overdue first; then (and for the rest) by the incident's
 * impact start, oldest first, then incident id, then the item's position in
 * the incident. As of a day, the items of incidents that started after it
 * did not exist yet: they are left out (see itemsOfLaterIncidents).
 */
export function listActions(records: readonly IncidentRecord[], filters: ActionFilters, asOf: string): ListedAction[] {
  const keyed: { item: ListedAction; start: number }[] = [];
  for (const record of records) {
    if (startedAfter(record, asOf)) continue;
    for (const action of record.actions) {
      if (!matchesActionFilters(action, filters, asOf)) continue;
      keyed.push({ item: listed(record, action, asOf), start: record.start.instant });
    }
  }
  keyed.sort(
    (a, b) =>
      (b.item.daysOverdue ?? 0) - (a.item.daysOverdue ?? 0) ||
      a.start - b.start ||
      compareText(a.item.incident, b.item.incident) ||
      a.item.index - b.item.index,
  );
  return keyed.map(({ item }) => item);
}

/**
 * How many items the owner and status filters match among the incidents that
 * started after `asOf`, which `listActions` leaves out. None with
 * `overdueOnly`: an item of an incident that had not started is not overdue.
 */
export function itemsOfLaterIncidents(records: readonly IncidentRecord[], filters: ActionFilters, asOf: string): number {
  if (filters.overdueOnly) return 0;
  return records
    .filter((record) => startedAfter(record, asOf))
    .reduce((count, record) => count + record.actions.filter((action) => matchesActionFilters(action, filters, asOf)).length, 0);
}

export function matchesActionFilters(action: ActionRecord, filters: ActionFilters, asOf: string): boolean {
  if (filters.owners?.length && !filters.owners.includes(action.owner)) return false;
  if (filters.statuses?.length && !filters.statuses.includes(action.status)) return false;
  if (filters.overdueOnly && !isOverdue(action, asOf)) return false;
  return true;
}

function listed(record: IncidentRecord, action: ActionRecord, asOf: string): ListedAction {
  const overdue = isOverdue(action, asOf);
  return {
    incident: record.id,
    incidentTitle: record.title,
    incidentDate: record.start.date,
    index: action.index,
    title: action.title,
    owner: action.owner,
    type: action.type,
    priority: action.priority,
    status: action.status,
    due: action.due,
    ticket: action.ticket,
    overdue,
    daysOverdue: daysOverdue(action, asOf),
    ageDays: daysBetween(record.start.date, asOf),
  };
}

/** `actions --format json`: `leftOut` counts the items of incidents that started after `asOf`. */
export function actionListToJson(actions: readonly ListedAction[], asOf: string, leftOut: number): OutputText {
  return jsonText({ asOf, actions, leftOut });
}

/** The columns of `actions --format csv`, in order. */
export const ACTION_LIST_COLUMNS = [
  'incident',
  'incident_title',
  'incident_date',
  'index',
  'title',
  'owner',
  'type',
  'priority',
  'status',
  'due',
  'overdue',
  'days_overdue',
  'age_days',
  'ticket',
] as const;

/** `actions --format csv`: one row per item, in list order; `null` is an empty field. */
export function actionListToCsv(actions: readonly ListedAction[], options: CsvOptions = {}): OutputText {
  return csvPieces(
    ACTION_LIST_COLUMNS,
    actions.map((a) => [
      a.incident,
      a.incidentTitle,
      a.incidentDate,
      a.index,
      a.title,
      a.owner,
      a.type,
      a.priority,
      a.status,
      a.due,
      a.overdue,
      a.daysOverdue,
      a.ageDays,
      a.ticket,
    ]),
    options,
  );
}

/** `12 action items: 3 overdue`. */
export function actionSummary(actions: readonly ListedAction[]): string {
  const overdue = actions.filter((action) => action.overdue).length;
  return `${actions.length} action ${actions.length === 1 ? 'item' : 'items'}: ${overdue} overdue`;
}

/** `2 items of incidents that started after 2026-03-01 are left out.`, or nothing. */
export function leftOutSentence(leftOut: number, asOf: string): string | null {
  if (leftOut === 0) return null;
  return `${leftOut} ${leftOut === 1 ? 'item' : 'items'} of incidents that started after ${asOf} ${leftOut === 1 ? 'is' : 'are'} left out.`;
}
