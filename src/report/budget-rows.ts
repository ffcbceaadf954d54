import { groupBy } from './group-records.js';
import { periodOf } from './periods.js';
import type { IncidentRecord } from './records.js';
import type { BudgetRow, PeriodUnit } from './report-model.js';
import { compareText } from './report-order.js';

/** Error budget consumed per SLO and period: the most budget any incident of the group had, and the minutes all of them consumed. */
export function budgetRows(records: readonly IncidentRecord[], unit: PeriodUnit): BudgetRow[] {
  const withSlo = records.filter((record) => record.errorBudget !== null);
  const bySlo = groupBy(withSlo, (record) => [record.errorBudget!.slo]);
  const rows: BudgetRow[] = [];
  for (const slo of [...bySlo.keys()].sort(compareText)) {
    const byPeriod = groupBy(bySlo.get(slo)!, (record) => [periodOf(record.start.date, unit)]);
    for (const period of [...byPeriod.keys()].sort(compareText)) {
      const group = byPeriod.get(period)!;
      let budgetMinutes = 0;
      let windowDays = 0;
      let consumedMinutes = 0;
      let approximate = false;
      const notCounted: string[] = [];
      for (const record of group) {
        const budget = record.errorBudget!;
        // The largest budget, and its window (the longer one, for two windows with one budget).
        if (budget.budgetMinutes > budgetMinutes || (budget.budgetMinutes === budgetMinutes && budget.windowDays > windowDays)) {
          budgetMinutes = budget.budgetMinutes;
          windowDays = budget.windowDays;
        }
        if (budget.consumedMinutes === null) {
          notCounted.push(record.id);
        } else {
          consumedMinutes += budget.consumedMinutes;
          approximate ||= budget.approximate;
        }
      }
      rows.push({
        slo,
        period,
        incidents: group.length,
        budgetMinutes,
        windowDays,
        consumedMinutes,
        share: budgetMinutes > 0 ? consumedMinutes / budgetMinutes : 0,
        approximate,
        notCounted,
      });
    }
  }
  return rows;
}
