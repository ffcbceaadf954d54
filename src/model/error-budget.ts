import type { IncidentData } from '../schema/incident-schema.js';
import { elapsedBetween } from '../time/elapsed.js';
import type { BudgetPhase, ErrorBudget, IncidentEvent } from './incident.js';

/**
 * The error budget of FORMAT.md: budget minutes = window × 1440 ×
 * (100 − objective) / 100; consumed = the impact's minutes × the error rate
 * / 100. With events that set `error_rate` (v2), the impact is cut into
 * phases at those events, each consuming its own minutes × its own rate: a
 * CDN 95% recovered after 49 minutes is not charged its first rate for three
 * hours.
 */
export function computeErrorBudget(data: IncidentData, events: readonly IncidentEvent[], zone: string): ErrorBudget | null {
  const slo = data.impact.slo;
  if (!slo) return null;
  const budgetMinutes = exact((slo.window_days * 1440 * (100 - slo.objective)) / 100);
  // The impact's own span, whatever the configuration calls `duration`: its phases run to `resolved`
  // as FORMAT.md says, and so does the whole impact when no event sets a rate.
  const start = events.find((event) => event.kind === 'impact-start');
  const end = events.find((event) => event.kind === 'resolved');
  const phases = start && end ? budgetPhases(events, start, end, slo.error_rate, zone) : null;
  let consumedMinutes: number | null = null;
  let approximate = false;
  if (data.type === 'near-miss' && !start) {
    // No user was affected, so no budget was consumed: nothing is left to count later, as for an ongoing incident.
    consumedMinutes = 0;
  } else if (start && end) {
    const counted = phases ?? [phase(start, end, slo.error_rate, zone)];
    consumedMinutes = exact(counted.reduce((sum, each) => sum + each.consumedMinutes, 0));
    approximate = counted.some((each) => each.approximate);
  }
  return {
    slo: slo.name,
    objective: slo.objective,
    windowDays: slo.window_days,
    errorRate: slo.error_rate,
    budgetMinutes,
    consumedMinutes,
    consumedShare: consumedMinutes === null || budgetMinutes === 0 ? null : consumedMinutes / budgetMinutes,
    approximate,
    phases: phases ?? [],
  };
}

/**
 * The phases of the impact, from `impact-start` to `resolved`, cut at each
 * event inside it that sets `error_rate` (one at or before the start sets the
 * first phase's rate); `null` when no event sets a rate.
 */
function budgetPhases(events: readonly IncidentEvent[], start: IncidentEvent, end: IncidentEvent, firstRate: number, zone: string): BudgetPhase[] | null {
  if (!events.some((event) => event.errorRate !== null)) return null;
  const phases: BudgetPhase[] = [];
  let from = start;
  let rate = firstRate;
  for (const event of events) {
    if (event.errorRate === null) continue;
    if (event.at.instant <= start.at.instant) {
      rate = event.errorRate;
      continue;
    }
    if (event.at.instant >= end.at.instant) break;
    // Two rates set at one instant: the later one holds, with no empty phase between them.
    if (event.at.instant > from.at.instant) phases.push(phase(from, event, rate, zone));
    from = event;
    rate = event.errorRate;
  }
  phases.push(phase(from, end, rate, zone));
  return phases;
}

function phase(from: IncidentEvent, to: IncidentEvent, rate: number, zone: string): BudgetPhase {
  // A boundary known only to the day counts whole days, as the figures do; otherwise to the millisecond.
  const { seconds, approximate, precision } = elapsedBetween(from.at, to.at, zone);
  const minutes = precision === 'day' ? seconds / 60 : (to.at.instant - from.at.instant) / 60_000;
  return {
    from: from.at,
    to: to.at,
    minutes,
    errorRate: rate,
    consumedMinutes: exact((minutes * rate) / 100),
    approximate,
    precision,
  };
}

/**
 * Drops binary floating-point noise (100 − 99.95 is 0.04999999999999716):
 * minutes to nine decimals are far finer than any budget, and the JSON
 * export then shows 21.6, not 21.599999999998772.
 */
function exact(minutes: number): number {
  const scaled = minutes * 1e9;
  // Past about 1e299 minutes the scaling would overflow to infinity: such a figure has no fraction to round.
  return Number.isFinite(scaled) ? Math.round(scaled) / 1e9 : minutes;
}
