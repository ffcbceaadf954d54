import type { PeriodUnit } from './report-model.js';

/**
 * Report periods: month `2026-11`, quarter `2026-Q4`, year `2026`, taken from
 * a `YYYY-MM-DD` date (for an incident, its impact-start date in its own zone,
 * so an incident at 23:30 on 31 March in Los Angeles belongs to March even
 * though it is 1 April in UTC). Keys of one unit sort chronologically as
 * plain strings.
 */

export function periodOf(date: string, unit: PeriodUnit): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  switch (unit) {
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return year;
  }
}

/** Every period from `first` to `last` inclusive (both keys of `unit`), empty ones included. */
export function periodRange(first: string, last: string, unit: PeriodUnit): string[] {
  const periods: string[] = [];
  let [year, step] = split(first, unit);
  const [lastYear, lastStep] = split(last, unit);
  const steps = unit === 'month' ? 12 : unit === 'quarter' ? 4 : 1;
  while (year < lastYear || (year === lastYear && step <= lastStep)) {
    periods.push(join(year, step, unit));
    step += 1;
    if (step > steps) {
      step = 1;
      year += 1;
    }
  }
  return periods;
}

/** Every period covering the dates, from the earliest to the latest; none for no dates. */
export function periodsCovering(dates: readonly string[], unit: PeriodUnit): string[] {
  if (dates.length === 0) return [];
  let first = dates[0]!;
  let last = dates[0]!;
  for (const date of dates) {
    if (date < first) first = date;
    if (date > last) last = date;
  }
  return periodRange(periodOf(first, unit), periodOf(last, unit), unit);
}

function split(period: string, unit: PeriodUnit): [number, number] {
  const year = Number(period.slice(0, 4));
  if (unit === 'month') return [year, Number(period.slice(5, 7))];
  if (unit === 'quarter') return [year, Number(period.slice(6))];
  return [year, 1];
}

function join(year: number, step: number, unit: PeriodUnit): string {
  const yyyy = String(year).padStart(4, '0');
  if (unit === 'month') return `${yyyy}-${String(step).padStart(2, '0')}`;
  if (unit === 'quarter') return `${yyyy}-Q${step}`;
  return yyyy;
}
