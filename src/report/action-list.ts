import { compareText } from './build-report.js';
import { toCsv } from './csv.js';
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
  /** Whole days from the incident's impact-start date to `asOf` (negative if `asOf` is earlier). */
  ageDays: number;
}

/**
 * The items of `records` that pass `filters`, in a fixed order: overdue items
 * first, most days overdue first; then (and for the rest) by the incident's
 * impact start, oldest first, then incident id, then the item's position in
 * the incident.
 */
export function listActions(records: readonly IncidentRecord[], filters: ActionFilters, asOf: string): ListedAction[] {
  const keyed: { item: ListedAction; start: number }[] = [];
  for (const record of records) {
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

/** `actions --format json`. */
export function actionListToJson(actions: readonly ListedAction[], asOf: string): string {
  return `${JSON.stringify({ asOf, actions }, null, 2)}\n`;
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
export function actionListToCsv(actions: readonly ListedAction[]): string {
  return toCsv(
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
  );
}

/** `12 action items: 3 overdue`. */
export function actionSummary(actions: readonly ListedAction[]): string {
  const overdue = actions.filter((action) => action.overdue).length;
  return `${actions.length} action ${actions.length === 1 ? 'item' : 'items'}: ${overdue} overdue`;
}
