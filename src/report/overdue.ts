import { parseDate } from '../time/timestamp.js';
import type { ActionRecord } from './records.js';

/** Whole days from one `YYYY-MM-DD` to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  if ('problem' in a || 'problem' in b) throw new Error(`not dates: ${from}, ${to}`);
  return b.day - a.day;
}

/** Whole days past the due date on `asOf` when overdue (see isOverdue), else `null`. */
export function daysOverdue(action: Pick<ActionRecord, 'status' | 'due'>, asOf: string): number | null {
  return isOverdue(action, asOf) ? daysBetween(action.due!, asOf) : null;
}

/** Still to do (open or in progress) and due before `asOf`: due on `asOf` itself is not overdue yet. */
export function isOverdue(action: Pick<ActionRecord, 'status' | 'due'>, asOf: string): boolean {
  return (action.status === 'open' || action.status === 'in-progress') && action.due !== null && daysBetween(action.due, asOf) > 0;
}
