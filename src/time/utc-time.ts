/** 400 Gregorian years, in milliseconds: exactly 146,097 days, after which the calendar repeats. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/**
 * `Date.UTC` for the year as written: `Date.UTC` reads a year from 0 to 99
 * as 1900 to 1999, which would move `0024-03-10` to 1924 without a word.
 * Such a year is counted 400 years on, where the calendar is the same, and
 * brought back.
 */
export function utcTime(year: number, monthIndex: number, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  if (year >= 0 && year < 100) return Date.UTC(year + 400, monthIndex, day, hour, minute, second, millisecond) - FOUR_CENTURIES_MS;
  return Date.UTC(year, monthIndex, day, hour, minute, second, millisecond);
}
