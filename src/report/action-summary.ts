import { ACTION_STATUSES, ACTION_TYPES } from '../schema/vocabulary.js';
import { fixedCounts, rankedCounts } from './counts.js';
import { daysBetween, isOverdue } from './overdue.js';
import type { IncidentRecord } from './records.js';
import type { ActionSummary, OverdueAction } from './report-model.js';
import { compareText } from './report-order.js';

/** The key of action items without a type, in `byType`. */
export const NO_TYPE = 'none';

/** Action items of the incidents: counts by status, owner and type, and the overdue ones, most overdue first. */
export function actionSummary(records: readonly IncidentRecord[], options: { asOf: string; link: (id: string) => string }): ActionSummary {
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
