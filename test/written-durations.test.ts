import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findWrittenDurations } from '../src/checks/written-durations.js';

/** What is found in `text`: the words, and the minutes they allow. */
const found = (text: string) => findWrittenDurations(text).map((d) => [text.slice(d.start, d.end), d.minutes[0], d.minutes[1]]);

describe('findWrittenDurations: durations of the outage written in prose', () => {
  it('reads number words, digits, short units and qualifiers', () => {
    assert.deepEqual(found('For about two hours users could not send.'), [['about two hours', 120, 120]]);
    assert.deepEqual(found('It lasted forty-five minutes.'), [['forty-five minutes', 45, 45]]);
    assert.deepEqual(found('for an hour'), [['an hour', 60, 60]]);
    assert.deepEqual(found('half an hour of downtime'), [['half an hour', 30, 30]]);
    assert.deepEqual(found('for 90 minutes'), [['90 minutes', 90, 90]]);
    assert.deepEqual(found('for 1.5 hours'), [['1.5 hours', 90, 90]]);
    assert.deepEqual(found('for ~2h'), [['~2h', 120, 120]]);
    assert.deepEqual(found('for 1h30m'), [['1h30m', 90, 90]]);
    assert.deepEqual(found('for three days'), [['three days', 4320, 4320]]);
    assert.deepEqual(found('for an hour and a half'), [['an hour and a half', 90, 90]]);
    assert.deepEqual(found('for one and a half hours'), [['one and a half hours', 90, 90]]);
    assert.deepEqual(found('for 2 hours and 15 minutes'), [['2 hours and 15 minutes', 135, 135]]);
    assert.deepEqual(found('for roughly 40 minutes'), [['roughly 40 minutes', 40, 40]]);
  });

  it('reads the outage patterns: a 45-minute outage, N of downtime, an outage of N', () => {
    assert.deepEqual(found('a 45-minute outage'), [['45-minute', 45, 45]]);
    assert.deepEqual(found('a two hour incident'), [['two hour', 120, 120]]);
    assert.deepEqual(found('an hour-long disruption'), [['an hour', 60, 60]]);
    assert.deepEqual(found('90 min of errors'), [['90 min', 90, 90]]);
    assert.deepEqual(found('an outage of 2h'), [['2h', 120, 120]]);
    assert.deepEqual(found('an incident lasting twenty five minutes'), [['twenty five minutes', 25, 25]]);
  });

  it('reads bounds and ranges', () => {
    assert.deepEqual(found('for over two hours'), [['over two hours', 120, Number.POSITIVE_INFINITY]]);
    assert.deepEqual(found('for less than an hour'), [['less than an hour', 0, 60]]);
    assert.deepEqual(found('for 2-3 hours'), [['2-3 hours', 120, 180]]);
    assert.deepEqual(found('for two to three hours'), [['two to three hours', 120, 180]]);
  });

  it('leaves other durations alone', () => {
    for (const text of [
      'Users waited 30 seconds for each page.',
      'for 30 seconds',
      'The 5-minute alert window fired twice.',
      'Detected within 4 minutes.',
      'Acknowledged 3 minutes later.',
      'The cache refreshes every 10 minutes.',
      'took 20 minutes to detect',
      'for a few hours',
      'for 2 users',
      'for zero minutes',
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it('is quick on long text that almost matches', () => {
    const text = `${'for about about about 1 2 3 an a half '.repeat(20_000)}`;
    const started = performance.now();
    findWrittenDurations(text);
    assert.ok(performance.now() - started < 2000, `${Math.round(performance.now() - started)} ms`);
  });
});
