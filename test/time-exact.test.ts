/**
 * time/ computes some things itself, or remembers them, where it called a
 * library for every value before: the results must be the library's, value
 * for value. `offsetAt` remembers recent lookups (zone.ts); `humanDuration`
 * writes what date-fns's `formatDuration` wrote (duration.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tzOffset } from '@date-fns/tz';
import { formatDuration } from 'date-fns/formatDuration';
import fc from 'fast-check';
import { humanDuration } from '../src/time/duration.js';
import { offsetAt } from '../src/time/zone.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

describe('offsetAt', () => {
  it('gives tzOffset for every lookup, repeated or not, in any zone and order', () => {
    const zones = fc.constantFrom('UTC', 'Europe/Berlin', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Africa/Monrovia');
    // Instants around daylight-saving changes, on the same minute in different zones, and past the cache's size.
    const instant = fc.oneof(
      fc.integer({ min: -2_208_988_800_000, max: 4_102_444_800_000 }),
      fc.integer({ min: 0, max: 3 * 1024 }).map((minute) => Date.UTC(2024, 2, 31) + minute * 60_000),
      fc.constantFrom(0, -0, Date.UTC(2024, 9, 27, 1), Date.UTC(2024, 2, 31, 1), 8.64e15, -8.64e15),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(zones, instant), { minLength: 1, maxLength: 200 }), (lookups) => {
        for (const [zone, at] of [...lookups, ...lookups.toReversed()]) assert.equal(offsetAt(zone, at), tzOffset(zone, new Date(at)), `${zone} ${at}`);
      }),
      { numRuns: RUNS / 10, seed: SEED },
    );
  });

  it('gives what tzOffset gives for an instant it cannot show', () => {
    assert.ok(Number.isNaN(offsetAt('Europe/Berlin', Number.NaN)));
    assert.ok(Number.isNaN(offsetAt('Europe/Berlin', 9e15)));
  });
});

describe('humanDuration', () => {
  /** The implementation before: date-fns's English units, with a day count of 1,000 or more grouped as every number is shown. */
  function withDateFns(totalSeconds: number): string {
    const sign = totalSeconds < 0 ? '-' : '';
    let rest = Math.abs(Math.round(totalSeconds));
    if (rest >= 3600) rest = Math.round(rest / 60) * 60;
    const days = Math.floor(rest / 86_400);
    rest -= days * 86_400;
    const hours = Math.floor(rest / 3600);
    rest -= hours * 3600;
    const minutes = Math.floor(rest / 60);
    const seconds = rest - minutes * 60;
    const text = formatDuration({ days, hours, minutes, seconds }, { format: ['days', 'hours', 'minutes', 'seconds'] });
    return sign + (text.replace(/^\d{4,}(?= days)/, (count) => count.replace(/\B(?=(\d{3})+$)/g, ',')) || '0 minutes');
  }

  it('writes what formatDuration wrote, for any number of seconds', () => {
    for (const value of [Number.NaN, Infinity, -Infinity, 0, -0, 0.4, 0.5, -0.5, 1, 59, 60, 61, 3599, 3600, 3629, 3630, 86_400, 90_061, 1e21]) {
      assert.equal(humanDuration(value), withDateFns(value), String(value));
    }
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.double({ min: -1e7, max: 1e7, noNaN: true })), (value) => {
        assert.equal(humanDuration(value), withDateFns(value));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
