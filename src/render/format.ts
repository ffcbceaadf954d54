import type { ErrorBudget, Figure } from '../model/incident.js';
import type { EventKind, Milestone } from '../schema/vocabulary.js';
import { humanDuration } from '../time/duration.js';
import type { Elapsed } from '../time/elapsed.js';
import type { Timestamp } from '../time/timestamp.js';
import { formatUtcOffset, offsetAt } from '../time/zone.js';

/**
 * How values are shown in postmortems. Every time carries its date and its
 * offset, and nothing here depends on the machine's locale or time zone.
 */

export const NOT_KNOWN = 'not known';
export const ONGOING = 'ongoing';
/** A figure measured from the start of impact, in a near miss that had none. */
export const NO_IMPACT = 'none: no impact';

/**
 * `2022-10-25 08:05 UTC+01:00`, with `~` in front when approximate, and the
 * same instant in each of `beside` after it (`(07:05 UTC)`; with its date
 * when that differs: `(2022-10-25 16:05 Asia/Tokyo)`). A day known only as
 * a date is shown as that date alone, `~2024-04-14`: in another zone it
 * would straddle two dates, so nothing is shown beside it.
 */
export function formatTime(time: Timestamp, zone: string, beside: readonly string[] = []): string {
  const { date, clock, offset } = wallTime(time, zone);
  if (time.dayOnly) return `~${date}`;
  const text = `${date} ${clock} ${formatUtcOffset(offset)}`;
  const others = beside.map((other) => {
    const there = wallTime(time, other);
    return `${there.date === date ? '' : `${there.date} `}${there.clock} ${other}`;
  });
  const shown = others.length ? `${text} (${others.join(', ')})` : text;
  return time.approximate ? `~${shown}` : shown;
}

/** The date and clock time of an instant in a zone, and the zone's offset then (minutes east of UTC). */
function wallTime(time: Timestamp, zone: string): { date: string; clock: string; offset: number } {
  const offset = offsetAt(zone, time.instant);
  // The instant shifted by the zone's offset, read as UTC: nothing of the machine's own zone involved.
  const wall = new Date(time.instant + offset * 60_000).toISOString();
  return { date: wall.slice(0, 10), clock: wall.slice(11, time.hasSeconds ? 19 : 16), offset };
}

export function formatFigure(figure: Figure): string {
  if (figure.state === 'ongoing') return ONGOING;
  if (figure.state === 'unknown' || figure.seconds === null) return NOT_KNOWN;
  if (isProactive(figure)) return `${formatElapsed({ ...figure, seconds: -figure.seconds })} before impact (proactive detection)`;
  return formatElapsed({ ...figure, seconds: figure.seconds });
}

/**
 * `1 hour 57 minutes`, `~2 hours`; a span with an end known only to the day
 * in whole days, `~3 days` or `~less than a day`, never in invented hours.
 */
export function formatElapsed(elapsed: Pick<Elapsed, 'seconds' | 'approximate' | 'precision'>): string {
  if (elapsed.precision === 'day') return `~${humanDays(elapsed.seconds / 86_400)}`;
  return `${elapsed.approximate ? '~' : ''}${humanDuration(elapsed.seconds)}`;
}

function humanDays(days: number): string {
  const whole = Math.round(Math.abs(days));
  if (whole === 0) return 'less than a day';
  return `${days < 0 ? '-' : ''}${whole === 1 ? '1 day' : `${formatCount(whole)} days`}`;
}

/**
 * A figure from `impact-start` to `detected` that is negative: the problem was
 * detected before users were affected. Any other figure ending at `detected`
 * (from `mitigated`, say) is just shown negative.
 */
export function isProactive(figure: Pick<Figure, 'from' | 'to' | 'seconds'>): boolean {
  return figure.from === 'impact-start' && figure.to === 'detected' && figure.seconds !== null && figure.seconds < 0;
}

/**
 * Numbers are written one way everywhere: thousands grouped with commas, a
 * point for decimals, no trailing zeros, fixed to en-US so every machine
 * prints the same. Computed values (shares, budget minutes) get one
 * decimal; values the incident file gives (an objective of 99.95%, an
 * error rate) keep the digits they were written with, up to six.
 */

/** Made on first use, one per precision: creating one costs milliseconds that a run rendering nothing does without. */
const grouped = new Map<number, Intl.NumberFormat>();

/** At most `decimals` decimals, grouped: `21.6`, `4,176`, `0.5`. */
export function formatDecimal(value: number, decimals = 1): string {
  let format = grouped.get(decimals);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals });
    grouped.set(decimals, format);
  }
  // Rounded first: Intl rounds half away from zero on the decimal text, which can differ from the value's binary rounding.
  // A value past 2^53 has no fraction, and scaling it would change its digits (1e21 showed as 1,000,000,000,000,000,100,000).
  const factor = 10 ** decimals;
  const rounded = Math.abs(value) >= 2 ** 53 ? value : Math.round(value * factor) / factor;
  // `-0` (written, or a tiny negative rounded) is shown as 0.
  return format.format(rounded === 0 ? 0 : rounded);
}

/** `500,000,000`: a count, or any value with at most two decimals. */
export function formatCount(value: number): string {
  return formatDecimal(value, 2);
}

/** A value the incident file gave (an objective, an error rate): as written, up to six decimals (99.99995 is not 100). */
export function formatWritten(value: number): string {
  return formatDecimal(value, 6);
}

export function formatMinutes(minutes: number): string {
  return minutes >= 60 ? humanDuration(minutes * 60) : counted(budgetFigure(minutes), 'minute');
}

/**
 * Budget minutes to one decimal, or to two significant digits under one
 * (`0.014`): a budget of 0.0144 minutes shown as `0` beside a share of
 * 138.9% would contradict it.
 */
function budgetFigure(minutes: number): string {
  return minutes > 0 && minutes < 1 ? formatSignificant(minutes) : formatDecimal(minutes);
}

let significant: Intl.NumberFormat | undefined;

/** Two significant digits, in plain decimals (`0.014`, `0.00069`): for a value under one that rounding to decimals would show as 0. */
export function formatSignificant(value: number): string {
  significant ??= new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });
  return significant.format(value);
}

/** `1 minute`, `1.5 minutes`, `0 days`: the plural as the number is shown, not as it is held (1.008 shows as 1). */
function counted(shown: string, unit: string): string {
  return `${shown} ${shown === '1' ? unit : `${unit}s`}`;
}

export interface ErrorBudgetText {
  slo: string;
  objective: string;
  budget: string;
  consumed: string;
  share: string;
  /** The impact's phases at one error rate each; empty when no event set a rate. */
  phases: BudgetPhaseText[];
}

export interface BudgetPhaseText {
  from: string;
  to: string;
  duration: string;
  errorRate: string;
  consumed: string;
}

/**
 * The error budget as a reader can check it. What an incident consumed is
 * budget minutes (minutes × error rate): worded as that, and as the full
 * outage it equals, never as a duration at a rate, which it is not when the
 * rate changed during the incident.
 */
export function formatErrorBudget(budget: ErrorBudget, zone = 'UTC', beside: readonly string[] = []): ErrorBudgetText {
  const mark = budget.approximate ? '~' : '';
  return {
    slo: budget.slo,
    objective: `${formatWritten(budget.objective)}% over ${formatWindow(budget.windowDays)}`,
    budget: formatMinutes(budget.budgetMinutes),
    consumed: budget.consumedMinutes === null ? `${ONGOING} (no end of impact yet)` : `${mark}${budgetMinutes(budget.consumedMinutes)}`,
    share: budget.consumedShare === null ? NOT_KNOWN : `${mark}${formatDecimal(budget.consumedShare * 100)}%`,
    phases: budget.phases.map((phase) => {
      const phaseMark = phase.approximate ? '~' : '';
      return {
        from: formatTime(phase.from, zone, beside),
        to: formatTime(phase.to, zone, beside),
        duration: formatElapsed({ ...phase, seconds: phase.minutes * 60 }),
        errorRate: `${formatWritten(phase.errorRate)}%`,
        consumed: `${phaseMark}${budgetMinutes(phase.consumedMinutes)}`,
      };
    }),
  };
}

/** `127.5 budget minutes, equal to 2 hours 7 minutes 30 seconds of full outage`. */
function budgetMinutes(minutes: number): string {
  const count = formatBudgetMinutes(minutes);
  return minutes === 0 ? count : `${count}, equal to ${humanDuration(Math.round(minutes * 60))} of full outage`;
}

/** An SLO's window: `30 days`, `1 day`. */
export function formatWindow(days: number): string {
  return counted(formatWritten(days), 'day');
}

/** `127.5 budget minutes`: what an incident consumed, never worded as a duration (FORMAT.md). */
export function formatBudgetMinutes(minutes: number): string {
  return counted(budgetFigure(minutes), 'budget minute');
}

const KIND_LABELS: Record<EventKind, string> = {
  'impact-start': 'Impact start',
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  identified: 'Identified',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
  trigger: 'Trigger',
  escalation: 'Escalation',
  communication: 'Communication',
  action: 'Action',
  decision: 'Decision',
  note: '',
};

/**
 * A figure's name with the milestones it measures between, so no reader has
 * to guess its baseline: `Time to acknowledge (detected to acknowledged)`.
 */
export function figureLabel(name: string, from: Milestone, to: Milestone): string {
  return `${capitalize(name)} (${figurePair(from, to)})`;
}

/** What a figure measures: `impact start to resolved`. */
export function figurePair(from: Milestone, to: Milestone): string {
  return `${milestoneName(from)} to ${milestoneName(to)}`;
}

/** A milestone as a figure's label names it: `impact start`, `detected`. */
function milestoneName(milestone: Milestone): string {
  return KIND_LABELS[milestone].toLowerCase();
}

export function kindLabel(kind: EventKind): string {
  return KIND_LABELS[kind];
}

/** `incident_commander` → `Incident commander`. */
export function humanizeKey(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `OPS-1234` for `https://tracker.example.com/browse/OPS-1234`: the last path segment reads best. */
export function ticketLabel(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const last = parsed.pathname.split('/').filter(Boolean).at(-1);
  if (!last) return parsed.hostname;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
