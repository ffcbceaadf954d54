import { quote } from '../diagnostics/quote.js';
import { formatOffset, isKnownZone, offsetAt, pad } from './zone.js';
import { utcTime } from './utc-time.js';

/** A timeline time read from an incident file, fixed to an instant. */
export interface Timestamp {
  /** Milliseconds since the epoch. */
  instant: number;
  approximate: boolean;
  /** Whether the source gave seconds, so they are shown back. */
  hasSeconds: boolean;
  /**
   * (v2) Written as a date alone: "some time that day". The instant is the
   * first of that day in the incident's zone, the time is approximate, and
   * figures that involve it count whole days (see `elapsed.ts`).
   */
  dayOnly: boolean;
}

export interface TimeProblem {
  rule: 'invalid-timestamp' | 'dst-gap' | 'dst-overlap' | 'invalid-format' | 'unknown-timezone';
  message: string;
  hint: string;
}

export type TimeResult = { ok: true; time: Timestamp } | { ok: false; problem: TimeProblem };

/** The capturing form of `TIMESTAMP_PATTERN` (vocabulary.ts). */
const PARTS =
  /^(~?)([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,3}))?)?(Z|[+-][0-9]{2}:[0-9]{2})?$/;
/** (v2) A date alone: some time that day. */
const DAY_ONLY = /^(~?)([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const DAY_MS = 86_400_000;

/**
 * Reads `at` values: with an offset they are exact; without one they are wall
 * times in `zone`, and a wall time that a daylight-saving change skips or
 * repeats is refused, naming both readings.
 */
export function parseTimestamp(text: string, zone: string): TimeResult {
  const day = DAY_ONLY.exec(text);
  if (day) return parseDay(text, Number(day[2]), Number(day[3]), Number(day[4]), zone);
  const match = PARTS.exec(text);
  if (!match) {
    return problem('invalid-format', `Unexpected time ${quote(text)}`, 'Write it like 2022-10-25 08:05, 2022-10-25T08:05:30+01:00, or a date alone (2022-10-25) when only the day is known.');
  }
  const [, tilde, y, mo, d, h, mi, s, frac, offsetText] = match;
  const fields = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s ?? 0),
    millisecond: Number((frac ?? '0').padEnd(3, '0')),
  };
  const calendarProblem = checkCalendar(fields);
  if (calendarProblem) {
    return problem('invalid-timestamp', `Unexpected time \`${text}\`: ${calendarProblem}`, 'Use a real date and a 24-hour time.');
  }
  const wall = utcTime(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond);
  const base = { approximate: tilde === '~', hasSeconds: s !== undefined, dayOnly: false };

  if (offsetText) {
    const offset = offsetText === 'Z' ? 0 : parseOffset(offsetText);
    if (offset === undefined) {
      return problem('invalid-timestamp', `Unexpected offset \`${offsetText}\` in \`${text}\``, 'Offsets run from -12:00 to +14:00 with minutes below 60.');
    }
    return { ok: true, time: { ...base, instant: wall - offset * 60_000 } };
  }

  if (!isKnownZone(zone)) {
    return problem('unknown-timezone', `Cannot read ${quote(text)} without an offset: time zone ${quote(zone)} is unknown`, 'Fix `timezone`, or write the time with an offset.');
  }
  const candidates = [offsetAt(zone, wall - DAY_MS), offsetAt(zone, wall + DAY_MS)] as const;
  // The common case: the same offset a day either side, and it gives back this wall time.
  if (candidates[0] === candidates[1] && offsetAt(zone, wall - candidates[0] * 60_000) === candidates[0]) {
    return { ok: true, time: { ...base, instant: wall - candidates[0] * 60_000 } };
  }
  const readings = [...new Set(candidates)]
    .map((offset) => ({ offset, instant: wall - offset * 60_000 }))
    .sort((a, b) => a.instant - b.instant);
  const valid = readings.filter((reading) => offsetAt(zone, reading.instant) === reading.offset);
  const local = `${text.replace(/^~/, '')}`;
  const withOffset = (offset: number) => `${local.replace(' ', 'T')}${formatOffset(offset)}`;

  if (valid.length === 1) return { ok: true, time: { ...base, instant: valid[0]!.instant } };
  if (valid.length > 1) {
    const [first, second] = valid as [Reading, Reading];
    return problem(
      'dst-overlap',
      `Ambiguous time \`${text}\`: ${local} happens twice in ${zone}, first at ${formatOffset(first.offset)} (${isoUtc(first.instant)}) and again at ${formatOffset(second.offset)} (${isoUtc(second.instant)})`,
      `Add the offset you mean: \`${withOffset(first.offset)}\` or \`${withOffset(second.offset)}\`.`,
    );
  }
  // A gap: neither offset gives back this wall time. Both readings land either side of the jump.
  const [before, after] = [...new Set(candidates)].sort((a, b) => a - b);
  const early = before ?? 0;
  const late = after ?? early;
  return problem(
    'dst-gap',
    `Nonexistent time \`${text}\`: clocks in ${zone} jumped from ${formatOffset(early)} to ${formatOffset(late)} and skipped ${local}; read at ${formatOffset(early)} it is ${isoUtc(wall - early * 60_000)}, read at ${formatOffset(late)} it is ${isoUtc(wall - late * 60_000)}`,
    `Add the offset you mean: \`${withOffset(early)}\` or \`${withOffset(late)}\`.`,
  );
}

type Reading = { offset: number; instant: number };

/**
 * A date alone, fixed to the first instant of that day in `zone`: midnight,
 * or the end of the gap where a daylight-saving change skips midnight. It
 * then sorts before every timed event of the day, and its local date is
 * the day written.
 */
function parseDay(text: string, year: number, month: number, day: number, zone: string): TimeResult {
  const why = checkDate(year, month, day);
  if (why) return problem('invalid-timestamp', `Unexpected date \`${text}\`: ${why}`, 'Use a real date.');
  if (!isKnownZone(zone)) {
    return problem('unknown-timezone', `Cannot read the day ${quote(text)}: time zone ${quote(zone)} is unknown`, 'Fix `timezone`: a day starts and ends in a zone.');
  }
  const midnight = utcTime(year, month - 1, day);
  const offsets = [...new Set([offsetAt(zone, midnight - DAY_MS), offsetAt(zone, midnight + DAY_MS)])];
  const readings = offsets.map((offset) => midnight - offset * 60_000);
  const valid = readings.filter((instant) => offsetAt(zone, instant) === (midnight - instant) / 60_000);
  // Skipped midnight: the day begins where the jump lands, the later of the two readings.
  const instant = valid.length ? Math.min(...valid) : Math.max(...readings);
  // A whole day a zone skipped (Pacific/Apia left out 2011-12-30 when it crossed the date line) has no instant to be.
  if (instant + offsetAt(zone, instant) * 60_000 >= midnight + DAY_MS) {
    return problem('dst-gap', `Nonexistent day \`${text}\` in ${zone}: the zone skipped it, from the day before to the day after`, 'Use the date the event happened on in this zone: the day before or the day after.');
  }
  return { ok: true, time: { instant, approximate: true, hasSeconds: false, dayOnly: true } };
}

function problem(rule: TimeProblem['rule'], message: string, hint: string): TimeResult {
  return { ok: false, problem: { rule, message, hint } };
}

function parseOffset(text: string): number | undefined {
  const sign = text.startsWith('-') ? -1 : 1;
  const hours = Number(text.slice(1, 3));
  const minutes = Number(text.slice(4, 6));
  const offset = sign * (hours * 60 + minutes);
  // -12:00 to +14:00, the offsets in use (+14:59 passed when only the hours were compared).
  if (minutes > 59 || offset > 14 * 60 || offset < -12 * 60) return undefined;
  return offset;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function checkCalendar(f: Fields): string | undefined {
  const dateProblem = checkDate(f.year, f.month, f.day);
  if (dateProblem) return dateProblem;
  if (f.hour > 23) return `hour ${f.hour} is not 00 to 23`;
  if (f.minute > 59) return `minute ${f.minute} is not 00 to 59`;
  if (f.second > 59) return `second ${f.second} is not 00 to 59`;
  return undefined;
}

/** Why `year-month-day` is not a calendar date, or undefined when it is one. */
export function checkDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `month ${month} is not 01 to 12`;
  const days = new Date(utcTime(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${year}-${pad(month)} has no day ${day}`;
  return undefined;
}

/** Parses `YYYY-MM-DD` into days since the epoch; `undefined` when not a calendar date. */
export function parseDate(text: string): { day: number } | { problem: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return { problem: 'not in YYYY-MM-DD form' };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const why = checkDate(year, month, day);
  if (why) return { problem: why };
  return { day: utcTime(year, month - 1, day) / DAY_MS };
}

function isoUtc(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 16).replace('T', ' ')}Z`;
}
