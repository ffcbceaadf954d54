import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { humanDuration } from '../src/time/duration.js';
import { parseDate, parseTimestamp } from '../src/time/timestamp.js';
import { RENAMED_ZONES, ZONE_ABBREVIATIONS, zoneNameProblem } from '../src/time/canonical-zone.js';
import { isKnownZone } from '../src/time/zone.js';
import { formatCount, formatDecimal, formatElapsed, formatErrorBudget, formatFigure, formatTime } from '../src/render/format.js';
import type { Figure } from '../src/model/incident.js';
import type { Milestone } from '../src/schema/vocabulary.js';
import { compareTimes, elapsedBetween } from '../src/time/elapsed.js';
import type { Timestamp } from '../src/time/timestamp.js';

const iso = (text: string, zone = 'UTC') => {
  const result = parseTimestamp(text, zone);
  assert.ok(result.ok, `${text} in ${zone}: ${result.ok ? '' : result.problem.message}`);
  return new Date(result.time.instant).toISOString();
};

describe('timestamps', () => {
  it('reads offsets exactly and wall times in the zone', () => {
    assert.equal(iso('2022-10-25T07:12:00Z'), '2022-10-25T07:12:00.000Z');
    assert.equal(iso('2022-10-25 08:05', 'Europe/London'), '2022-10-25T07:05:00.000Z');
    assert.equal(iso('2022-10-25T09:05+02:00', 'Europe/London'), '2022-10-25T07:05:00.000Z');
    assert.equal(iso('2024-01-10 12:00', 'Pacific/Chatham'), '2024-01-09T22:15:00.000Z');
    assert.equal(iso('2024-01-10 12:00:30.250', 'America/St_Johns'), '2024-01-10T15:30:30.250Z');
  });

  it('marks approximate times and remembers seconds', () => {
    const result = parseTimestamp('~2022-10-25 08:20:15', 'UTC');
    assert.ok(result.ok);
    assert.deepEqual([result.time.approximate, result.time.hasSeconds], [true, true]);
  });

  it('refuses a wall time skipped by a daylight-saving change, naming both readings', () => {
    const result = parseTimestamp('2023-03-26 01:30', 'Europe/London');
    assert.ok(!result.ok);
    assert.equal(result.problem.rule, 'dst-gap');
    assert.match(result.problem.hint, /2023-03-26T01:30\+00:00.*2023-03-26T01:30\+01:00/);
  });

  it('refuses a wall time repeated by a daylight-saving change, naming both readings', () => {
    const result = parseTimestamp('2022-10-30 01:30', 'Europe/London');
    assert.ok(!result.ok);
    assert.equal(result.problem.rule, 'dst-overlap');
    assert.match(result.problem.message, /00:30Z.*01:30Z/);
  });

  it('handles a half-hour daylight-saving change (Lord Howe)', () => {
    const gap = parseTimestamp('2023-10-01 02:15', 'Australia/Lord_Howe');
    assert.ok(!gap.ok && gap.problem.rule === 'dst-gap');
    assert.equal(iso('2023-10-01 02:30', 'Australia/Lord_Howe'), '2023-09-30T15:30:00.000Z');
  });

  it('reads a year as written, 0000 to 0099 included (Date.UTC alone would make 0024 into 1924)', () => {
    assert.equal(iso('0024-03-10 10:00'), '0024-03-10T10:00:00.000Z');
    assert.equal(iso('0001-01-01T00:00Z'), '0001-01-01T00:00:00.000Z');
    assert.equal(iso('0099-12-31T23:59:59Z'), '0099-12-31T23:59:59.000Z');
    // Year 0 is a leap year (divisible by 400); 1900, where Date.UTC would put it, is not.
    assert.equal(iso('0000-02-29T12:00Z'), '0000-02-29T12:00:00.000Z');
    assert.deepEqual(parseDate('0024-04-01'), { day: Date.parse('0024-04-01T00:00:00Z') / 86_400_000 });
    assert.deepEqual(parseDate('2024-04-01'), { day: Date.parse('2024-04-01T00:00:00Z') / 86_400_000 });
  });

  it('reads offsets from -12:00 to +14:00, and no further', () => {
    assert.equal(iso('2024-05-02T14:00+14:00'), '2024-05-02T00:00:00.000Z');
    assert.equal(iso('2024-05-02T14:00-12:00'), '2024-05-03T02:00:00.000Z');
    for (const beyond of ['+14:01', '+14:59', '-12:01', '-12:59', '+15:00']) {
      const read = parseTimestamp(`2024-05-02T14:00${beyond}`, 'UTC');
      assert.ok(!read.ok && read.problem.rule === 'invalid-timestamp', beyond);
    }
  });

  it('refuses a day the zone skipped altogether', () => {
    const skipped = parseTimestamp('2011-12-30', 'Pacific/Apia');
    assert.ok(!skipped.ok && skipped.problem.rule === 'dst-gap', 'Apia went from 2011-12-29 to 2011-12-31');
    assert.equal(iso('2011-12-31', 'Pacific/Apia'), '2011-12-30T10:00:00.000Z');
    assert.equal(iso('2011-12-29', 'Pacific/Apia'), '2011-12-29T10:00:00.000Z');
  });

  it('refuses dates and times that do not exist', () => {
    for (const text of ['2023-02-29 10:00', '2022-13-01 10:00', '2022-10-25 24:00', '2022-10-25 10:60', '2022-10-25T10:00+15:00']) {
      const result = parseTimestamp(text, 'UTC');
      assert.ok(!result.ok && result.problem.rule === 'invalid-timestamp', text);
    }
    assert.deepEqual(parseDate('2024-02-29'), { day: 19782 });
    assert.ok('problem' in parseDate('2023-02-29'));
  });
});

describe('times known only to the day (FORMAT.md v2)', () => {
  const read = (text: string, zone: string): Timestamp => {
    const result = parseTimestamp(text, zone);
    assert.ok(result.ok, text);
    return result.time;
  };

  it('reads a date alone as the first instant of that day in the zone, always approximate', () => {
    const day = read('2024-04-14', 'Europe/London');
    assert.deepEqual([new Date(day.instant).toISOString(), day.dayOnly, day.approximate], ['2024-04-13T23:00:00.000Z', true, true]);
    assert.equal(read('~2024-04-14', 'UTC').dayOnly, true);
    // Santiago skips midnight when daylight saving starts: the day begins at 01:00 -03:00.
    assert.equal(iso('2024-09-08', 'America/Santiago'), '2024-09-08T04:00:00.000Z');
    const bad = parseTimestamp('2024-02-30', 'UTC');
    assert.ok(!bad.ok && bad.problem.rule === 'invalid-timestamp');
  });

  it('rounds a time with milliseconds to the nearest second, as imported times have them', () => {
    const seconds = (from: string, to: string) => elapsedBetween(read(from, 'UTC'), read(to, 'UTC'), 'UTC').seconds;
    assert.equal(seconds('2024-03-08 10:00:00.000', '2024-03-08 10:59:59.700'), 3600);
    assert.equal(formatElapsed(elapsedBetween(read('2024-03-08 10:00:00.000', 'UTC'), read('2024-03-08 10:59:59.700', 'UTC'), 'UTC')), '1 hour');
    assert.equal(seconds('2024-03-08 10:00:00.000', '2024-03-08 10:00:00.900'), 1);
    assert.equal(seconds('2024-03-08 10:00:00.900', '2024-03-08 10:00:00.300'), -1);
    assert.ok(Object.is(seconds('2024-03-08 10:00:00.500', '2024-03-08 10:00:00.300'), 0), 'no -0');
  });

  it('counts whole calendar days, so a 23-hour day changes nothing', () => {
    const zone = 'America/New_York';
    const start = read('2024-03-08 22:15', zone);
    const end = read('2024-03-12', zone);
    assert.deepEqual(elapsedBetween(start, end, zone), { seconds: 4 * 86_400, approximate: true, precision: 'day' });
    assert.equal(formatElapsed(elapsedBetween(start, end, zone)), '~4 days');
    assert.equal(formatElapsed(elapsedBetween(start, read('2024-03-09', zone), zone)), '~1 day');
    assert.equal(formatElapsed(elapsedBetween(start, read('2024-03-08', zone), zone)), '~less than a day');
    // Between timed events the same span is exact, daylight saving included: 3 days 23 hours 45 minutes on the clock is 3 days 22 hours 45 minutes.
    assert.equal(formatElapsed(elapsedBetween(start, read('2024-03-12 22:00', zone), zone)), '3 days 22 hours 45 minutes');
  });

  it('cannot order a date and a time on that same day, and orders the rest by day', () => {
    const zone = 'Europe/Berlin';
    assert.equal(compareTimes(read('2024-03-08', zone), read('2024-03-08 22:15', zone), zone), undefined);
    assert.ok(compareTimes(read('2024-03-07', zone), read('2024-03-08 00:30', zone), zone)! < 0);
    assert.equal(compareTimes(read('2024-03-08', zone), read('~2024-03-08', zone), zone), 0);
  });

  it('is shown as the date alone, with nothing beside it', () => {
    assert.equal(formatTime(read('2024-03-10', 'America/New_York'), 'America/New_York', ['UTC']), '~2024-03-10');
  });
});

describe('durations and figures', () => {
  it('groups thousands everywhere, days and huge values included, and never shows -0', () => {
    assert.equal(humanDuration(1501 * 86_400), '1,501 days');
    assert.equal(humanDuration(73_049 * 86_400 + 3600), '73,049 days 1 hour');
    assert.equal(formatCount(1e21), '1,000,000,000,000,000,000,000');
    assert.equal(formatCount(-0), '0');
    assert.equal(formatDecimal(-0.04), '0');
    assert.equal(formatCount(4176.5), '4,176.5');
  });

  it('calls detection before impact proactive only in a figure from impact-start to detected', () => {
    const figure = (from: Milestone, to: Milestone, seconds: number): Figure => ({ name: 'x', from, to, state: 'known', seconds, approximate: false, precision: 'time' });
    assert.equal(formatFigure(figure('impact-start', 'detected', -600)), '10 minutes before impact (proactive detection)');
    // A configured figure from mitigation to detection, detected 10 minutes before mitigation, 20 after impact.
    assert.equal(formatFigure(figure('mitigated', 'detected', -600)), '-10 minutes');
    assert.equal(formatFigure(figure('resolved', 'detected', -3600)), '-1 hour');
  });

  it('reads like a person would write them', () => {
    assert.equal(humanDuration(0), '0 minutes');
    assert.equal(humanDuration(45), '45 seconds');
    assert.equal(humanDuration(7 * 60 + 30), '7 minutes 30 seconds');
    assert.equal(humanDuration(117 * 60), '1 hour 57 minutes');
    assert.equal(humanDuration(117 * 60 + 40), '1 hour 58 minutes', 'rounded to the minute from an hour up');
    assert.equal(humanDuration(86_400 + 3_600 + 60), '1 day 1 hour 1 minute');
    assert.equal(humanDuration(-300), '-5 minutes');
  });

  it('shows every time with its date and offset, whatever the machine zone', () => {
    const time = { instant: Date.UTC(2024, 2, 31, 1, 30), approximate: true, hasSeconds: false, dayOnly: false };
    assert.equal(formatTime(time, 'Europe/Berlin'), '~2024-03-31 03:30 UTC+02:00');
    assert.equal(formatTime({ ...time, approximate: false }, 'UTC'), '2024-03-31 01:30 UTC');
    assert.equal(formatTime({ ...time, hasSeconds: true }, 'America/St_Johns'), '~2024-03-30 23:00:00 UTC-02:30');
  });

  it('computes the error budget as FORMAT.md says', () => {
    // 30 days at 99.95%: 30 × 1440 × 0.05 / 100 = 21.6 minutes; 117 minutes at a 100% error rate is 541.7% of it.
    const text = formatErrorBudget({
      slo: 'Delivery',
      objective: 99.95,
      windowDays: 30,
      errorRate: 100,
      budgetMinutes: 21.6,
      consumedMinutes: 117,
      consumedShare: 117 / 21.6,
      approximate: true,
      phases: [],
    });
    assert.deepEqual(text, {
      slo: 'Delivery',
      objective: '99.95% over 30 days',
      budget: '21.6 minutes',
      consumed: '~117 budget minutes, equal to 1 hour 57 minutes of full outage',
      share: '~541.7%',
      phases: [],
    });
  });

  it('words tiny and near-one budgets as they are shown: two significant digits under a minute, the plural by the number shown', () => {
    const budget = (objective: number, windowDays: number, budgetMinutes: number, consumedMinutes: number) =>
      formatErrorBudget({ slo: 'S', objective, windowDays, errorRate: 51, budgetMinutes, consumedMinutes, consumedShare: consumedMinutes / budgetMinutes, approximate: false, phases: [] });
    // 7 days at 99.99%: 1.008 minutes; 2 minutes at 51%: 1.02 budget minutes.
    assert.deepEqual(pick(budget(99.99, 7, 1.008, 1.02)), ['99.99% over 7 days', '1 minute', '1 budget minute, equal to 1 minute 1 second of full outage', '101.2%']);
    // 1 day at 99.999%: 0.0144 minutes, of which 0.02 consumed is 138.9%.
    assert.deepEqual(pick(budget(99.999, 1, 0.0144, 0.02)), ['99.999% over 1 day', '0.014 minutes', '0.02 budget minutes, equal to 1 second of full outage', '138.9%']);
    // An objective under 100 is never shown as 100.
    assert.equal(budget(99.99995, 30, 0.0216, 0).objective, '99.99995% over 30 days');
  });
});

function pick(text: { objective: string; budget: string; consumed: string; share: string }): string[] {
  return [text.objective, text.budget, text.consumed, text.share];
}

describe('canonical zone names (FORMAT.md v2)', () => {
  it('accepts the zones the runtime lists, UTC, and the IANA names it lists under older ones', () => {
    for (const zone of ['UTC', 'Europe/London', 'America/New_York', 'Asia/Calcutta', 'Asia/Kolkata', 'Asia/Kathmandu', 'Europe/Kyiv', ...RENAMED_ZONES]) {
      assert.ok(isKnownZone(zone), `Node knows ${zone}`);
      assert.equal(zoneNameProblem(zone), null, zone);
    }
  });

  it('suggests only names it accepts', () => {
    for (const [abbreviation, zones] of Object.entries(ZONE_ABBREVIATIONS)) {
      for (const zone of zones) assert.equal(zoneNameProblem(zone), null, `${abbreviation} → ${zone}`);
    }
  });

  it('refuses abbreviations, aliases and fixed offsets, each with what to write instead', () => {
    const cases: [string, RegExp, RegExp][] = [
      ['PST', /abbreviation `PST`/, /`America\/Los_Angeles`/],
      ['est', /abbreviation `est`/, /`America\/New_York`/],
      ['IST', /abbreviation `IST`/, /`Asia\/Kolkata`, `Europe\/Dublin`, `Asia\/Jerusalem`/],
      ['US/Pacific', /alias `US\/Pacific`/, /^Did you mean `America\/Los_Angeles`\?$/],
      ['America/Fort_Wayne', /alias `America\/Fort_Wayne`/, /^Did you mean `America\/Indiana\/Indianapolis`\?$/],
      ['Etc/UTC', /alias `Etc\/UTC`/, /^Did you mean `UTC`\?$/],
      ['Etc/GMT+5', /fixed-offset time zone `Etc\/GMT\+5`/, /write each time with its offset/],
      ['Europe/Londen', /^Unknown time zone `Europe\/Londen`$/, /^Did you mean `Europe\/London`\?$/],
    ];
    for (const [zone, message, hint] of cases) {
      const problem = zoneNameProblem(zone);
      assert.ok(problem, zone);
      assert.match(problem.message, message, zone);
      assert.match(problem.hint, hint, zone);
    }
  });
});
