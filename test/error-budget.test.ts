/**
 * The error budget counted phase by phase (FORMAT.md v2): where phases
 * start and end, and what each consumes, on edge cases the fixtures do not
 * reach.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../src/config/config.js';
import { asItStoodOn } from '../src/report/as-of.js';
import { toRecord } from '../src/report/records.js';
import { ROOT, incidentOf } from './helpers.js';

/** An incident with an SLO at `rate`% and the given events after the header. */
function withTimeline(rate: number, events: string): string {
  return `id: 2024-07-02-edge
title: Edge errors
severity: SEV2
summary: x
impact:
  description: x
  slo: { name: Edge, objective: 99.9, window_days: 30, error_rate: ${rate} }
timeline:
${events}`;
}

const budgetOf = (text: string) => {
  const incident = incidentOf(text);
  assert.ok(incident, 'valid');
  return incident.errorBudget!;
};

describe('error budget phases', () => {
  it('a near miss written without impact-start consumed nothing (no user was affected), not "not counted yet"', () => {
    const nearMiss = (events: string) => budgetOf(withTimeline(100, events).replace('severity: SEV2', 'type: near-miss\nseverity: SEV2'));
    const none = nearMiss('  - { at: 2024-07-02 13:00, kind: detected, text: a }\n  - { at: 2024-07-02 13:40, kind: mitigated, text: b }\n');
    assert.deepEqual([none.consumedMinutes, none.approximate, none.phases], [0, false, []]);
    // One that did reach users is counted as any incident.
    const some = nearMiss('  - { at: 2024-07-02 13:00, kind: impact-start, text: a }\n  - { at: 2024-07-02 13:10, kind: resolved, text: b }\n');
    assert.equal(some.consumedMinutes, 10);
  });

  it('without an event that sets a rate: the SLO rate over the whole impact, no phases', () => {
    const budget = budgetOf(withTimeline(50, '  - { at: 2024-07-02 13:00, kind: impact-start, text: a }\n  - { at: 2024-07-02 14:00, kind: resolved, text: b }\n'));
    assert.deepEqual([budget.consumedMinutes, budget.phases], [30, []]);
  });

  it('a rate set at or before the start is the first phase’s; two set at one instant: the later holds, no empty phase', () => {
    const budget = budgetOf(
      withTimeline(
        100,
        [
          '  - { at: 2024-07-02 12:50, kind: detected, text: a, error_rate: 40 }',
          '  - { at: 2024-07-02 13:00, kind: impact-start, text: b }',
          '  - { at: 2024-07-02 13:30, text: c, error_rate: 10 }',
          '  - { at: 2024-07-02 13:30, text: d, error_rate: 20 }',
          '  - { at: 2024-07-02 14:00, kind: resolved, text: e }',
          '',
        ].join('\n'),
      ),
    );
    assert.deepEqual(
      budget.phases.map((phase) => [phase.minutes, phase.errorRate, phase.consumedMinutes]),
      [
        [30, 40, 12],
        [30, 20, 6],
      ],
    );
    assert.equal(budget.consumedMinutes, 18);
  });

  it('a rate set at or after resolved changes nothing; without resolved, nothing is consumed yet', () => {
    const resolved = budgetOf(
      withTimeline(
        60,
        '  - { at: 2024-07-02 13:00, kind: impact-start, text: a }\n  - { at: 2024-07-02 13:10, kind: resolved, text: b }\n  - { at: 2024-07-02 13:10, text: c, error_rate: 0 }\n  - { at: 2024-07-02 13:20, text: d, error_rate: 5 }\n',
      ),
    );
    assert.deepEqual([resolved.consumedMinutes, resolved.phases.length], [6, 1]);
    const ongoing = budgetOf(withTimeline(60, '  - { at: 2024-07-02 13:00, kind: impact-start, text: a }\n  - { at: 2024-07-02 13:10, text: b, error_rate: 5 }\n'));
    assert.deepEqual([ongoing.consumedMinutes, ongoing.phases], [null, []]);
  });

  it('a phase bounded by an approximate time is approximate, and so is the total', () => {
    const budget = budgetOf(withTimeline(100, "  - { at: 2024-07-02 13:00, kind: impact-start, text: a }\n  - { at: '~2024-07-02 13:20', text: b, error_rate: 50 }\n  - { at: 2024-07-02 14:00, kind: resolved, text: c }\n"));
    assert.deepEqual(
      budget.phases.map((phase) => phase.approximate),
      [true, true],
    );
    assert.deepEqual([budget.consumedMinutes, budget.approximate], [40, true]);
  });

  it('counts the impact from impact-start to resolved whatever the configuration calls `duration`, with or without phases', () => {
    const config = { ...defaultConfig(ROOT), figures: defaultConfig(ROOT).figures.map((figure) => (figure.name === 'duration' ? { ...figure, to: 'mitigated' as const } : figure)) };
    const events = (firstRate: string) =>
      [
        `  - { at: 2024-05-10 10:00, kind: impact-start, text: s${firstRate} }`,
        '  - { at: 2024-05-10 10:20, kind: mitigated, text: m }',
        '  - { at: 2024-05-12 12:00, kind: resolved, text: e }',
        '',
      ].join('\n');
    // The same incident, once with its SLO rate also set on impact-start (so with one phase): 3,000 minutes at 50%.
    const plain = incidentOf(withTimeline(50, events('')), 'plain.yaml', config)!;
    const phased = incidentOf(withTimeline(50, events(', error_rate: 50')), 'phased.yaml', config)!;
    assert.equal(plain.figures.find((figure) => figure.name === 'duration')?.seconds, 20 * 60, 'the configured duration');
    assert.deepEqual([plain.errorBudget!.consumedMinutes, phased.errorBudget!.consumedMinutes], [1500, 1500]);
  });

  it('as of a day before the impact ended: not counted yet; a near miss without impact-start: 0, counted', () => {
    const asOf = (text: string, day: string) => asItStoodOn(toRecord(incidentOf(text)!, ['SEV1', 'SEV2', 'SEV3', 'SEV4']), day).errorBudget!.consumedMinutes;
    const incident = withTimeline(50, '  - { at: 2024-05-10 10:00, kind: impact-start, text: s }\n  - { at: 2024-05-10 10:20, kind: mitigated, text: m }\n  - { at: 2024-05-12 12:00, kind: resolved, text: e }\n');
    assert.deepEqual([asOf(incident, '2024-05-10'), asOf(incident, '2024-05-12')], [null, 1500]);
    const nearMiss = withTimeline(100, '  - { at: 2024-06-01 10:00, kind: detected, text: a }\n  - { at: 2024-06-03 10:30, kind: mitigated, text: b }\n').replace('severity: SEV2', 'type: near-miss\nseverity: SEV2');
    assert.equal(asOf(nearMiss, '2024-06-02'), 0);
  });
});
