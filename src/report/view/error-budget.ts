import { NOT_KNOWN, formatBudgetMinutes, formatCount, formatDecimal, formatMinutes, formatWindow } from '../../render/format.js';
import type { Report } from '../report-model.js';
import type { BudgetView } from '../report-view.js';
import type { ViewValues } from './values.js';

/** The error budget each SLO's incidents consumed, per period; `~` where an approximate time went in; `null` when no incident names an SLO. */
export function errorBudgetView(report: Report, { text, linkedIds }: ViewValues): BudgetView[] | null {
  return report.errorBudget.length
    ? report.errorBudget.map((row) => {
        const mark = row.approximate ? '~' : '';
        return {
          slo: text(row.slo),
          period: text(row.period),
          incidents: text(formatCount(row.incidents)),
          // One window's budget, said as such: the consumed column sums the whole period, which may be longer.
          budget: text(`${formatMinutes(row.budgetMinutes)} per ${formatWindow(row.windowDays)}`),
          consumed: text(`${mark}${formatBudgetMinutes(row.consumedMinutes)}`),
          share: text(Number.isFinite(row.share) ? `${mark}${formatDecimal(row.share * 100)}%` : NOT_KNOWN),
          notCounted: linkedIds(row.notCounted),
        };
      })
    : null;
}
