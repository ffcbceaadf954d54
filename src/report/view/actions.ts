import { formatCount, ticketLabel } from '../../render/format.js';
import { isSafeUrl } from '../../render/markdown/processor.js';
import { deferredList } from '../../render/deferred-list.js';
import type { Markdown } from '../../render/view.js';
import { NO_TYPE } from '../action-summary.js';
import type { OverdueAction, Report } from '../report-model.js';
import type { ActionsView, OverdueView } from '../report-view.js';
import { NONE, type ViewValues, linkNode } from './values.js';

/** The action items of the incidents counted, and those overdue; `null` when the incidents have none. */
export function actionsView(report: Report, values: ViewValues): ActionsView | null {
  const { text, counts } = values;
  const { overdue } = report.actions;
  return report.actions.total
    ? {
        total: text(`${formatCount(report.actions.total)} action ${report.actions.total === 1 ? 'item' : 'items'}.`),
        byStatus: counts(report.actions.byStatus),
        byOwner: counts(report.actions.byOwner),
        byType: counts(report.actions.byType, (key) => (key === NO_TYPE ? 'no type' : key)),
        overdue: overdue.length ? deferredList(overdue.length, (index) => overdueView(overdue[index]!, values)) : null,
      }
    : null;
}

/** One overdue action item, as a row of the report's table. */
function overdueView(item: OverdueAction, values: ViewValues): OverdueView {
  const { text, incidentLink } = values;
  return {
    incident: incidentLink(item.incident, item.link),
    incidentTitle: text(item.incidentTitle),
    title: text(item.title),
    owner: text(item.owner),
    status: text(item.status),
    priority: text(item.priority ?? NONE),
    due: text(item.due),
    daysOverdue: text(formatCount(item.daysOverdue)),
    ageDays: text(formatCount(item.ageDays)),
    ticket: ticketView(item.ticket, values),
  };
}

/** A ticket URL as a link labelled with its last path segment; one that may not be a link, as its literal text. */
function ticketView(ticket: string | null, { text, phrasing }: ViewValues): Markdown {
  if (!ticket) return text(NONE);
  if (!isSafeUrl(ticket)) return text(ticket);
  return phrasing(() => [linkNode(ticketLabel(ticket), ticket)], () => ticket);
}
