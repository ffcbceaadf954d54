import { keyRange, valueRange } from '../source/locate.js';
import { type Milestone, isMilestone } from '../schema/vocabulary.js';
import { compareTimes } from '../time/elapsed.js';
import type { Timestamp } from '../time/timestamp.js';
import { asString, timelineEvents } from './loose.js';
import type { Rule, RuleContext } from './rule-context.js';

interface MilestoneEvent {
  kind: Milestone;
  index: number;
  time: Timestamp | undefined;
}

/** The milestone rules of FORMAT.md: which milestones, how many, and in what order. */
export const checkMilestones: Rule = (context) => {
  const { report, document } = context;
  const first = new Map<Milestone, MilestoneEvent>();
  for (const { event, index } of timelineEvents(context.data)) {
    const kind = asString(event.kind);
    if (!isMilestone(kind)) continue;
    const milestone: MilestoneEvent = { kind, index, time: context.times[index] };
    const earlier = first.get(kind);
    if (earlier) {
      report.add(valueRange(document, ['timeline', index, 'kind']), {
        rule: 'duplicate-milestone',
        message: `Unexpected second \`${kind}\` milestone, expected at most one`,
        hint: `Keep \`kind: ${kind}\` on one event and make the other a \`note\` or \`action\`.`,
        related: {
          file: report.file,
          ...report.position(valueRange(document, ['timeline', earlier.index, 'kind'])),
          message: `first \`${kind}\` is here`,
        },
      });
      continue;
    }
    first.set(kind, milestone);
  }

  const timelineAt = keyRange(document, ['timeline']);
  const start = first.get('impact-start');
  // A near miss affected no user: it may have no start of impact, and then no end either.
  const nearMiss = context.data.type === 'near-miss';
  if (!start && !nearMiss && Array.isArray(context.data.timeline) && context.data.timeline.length > 0) {
    report.add(timelineAt, {
      rule: 'missing-impact-start',
      message: 'Missing `impact-start` milestone in `timeline`',
      hint: 'Mark the event where users were first affected with `kind: impact-start`.',
    });
  }
  if (!first.get('resolved') && context.data.status === 'final' && !(nearMiss && !start)) {
    report.add(timelineAt, {
      rule: 'missing-resolved',
      message: 'Missing `resolved` milestone in `timeline`, required when `status: final`',
      hint: 'Add the event where impact ended with `kind: resolved`, or set `status: review`.',
    });
  }
  checkOrder(context, first);
};

function checkOrder(context: RuleContext, milestones: Map<Milestone, MilestoneEvent>): void {
  const atOf = (m: MilestoneEvent) => valueRange(context.document, ['timeline', m.index, 'at']);
  /**
   * Negative when `a` is earlier than `b`; `undefined` when either time is
   * unknown or the order cannot be told (a date alone and a time that day).
   */
  const order = (a: MilestoneEvent | undefined, b: MilestoneEvent | undefined): number | undefined =>
    a?.time && b?.time ? compareTimes(a.time, b.time, context.zone ?? 'UTC') : undefined;
  const start = milestones.get('impact-start');
  const resolved = milestones.get('resolved');

  for (const milestone of milestones.values()) {
    // An alert that fired before users were affected is proactive detection, not a mistake.
    if (milestone.kind === 'impact-start' || milestone.kind === 'detected') continue;
    if (start && (order(milestone, start) ?? 0) < 0) {
      context.report.add(atOf(milestone), {
        rule: 'milestone-before-impact',
        message: `Unexpected \`${milestone.kind}\` before \`impact-start\`, expected milestones to follow the start of impact`,
        hint: 'Check both times: only `detected` may come before `impact-start` (an alert that fired before users were affected).',
        related: { file: context.report.file, ...context.report.position(atOf(start)), message: '`impact-start` is here' },
      });
    }
  }
  if (resolved) {
    for (const milestone of milestones.values()) {
      if (milestone.kind === 'resolved' || (order(milestone, resolved) ?? 0) <= 0) continue;
      context.report.add(atOf(milestone), {
        rule: 'event-after-resolved',
        message: `Unexpected \`${milestone.kind}\` after \`resolved\`, expected every milestone by the time impact ended`,
        hint: 'Check the times; if impact came back, the incident was not resolved yet: move `resolved` later.',
        related: { file: context.report.file, ...context.report.position(atOf(resolved)), message: '`resolved` is here' },
      });
    }
  }
  // Suspicious but possible orders are warnings, reported at the event that looks out of place.
  const orderWarnings = [
    {
      first: 'detected',
      then: 'mitigated',
      reportAt: 'detected',
      rule: 'detected-after-mitigated',
      message: 'Unexpected `detected` after `mitigated`',
      hint: 'Impact is usually detected before it is mitigated: check both times.',
    },
    {
      first: 'identified',
      then: 'mitigated',
      reportAt: 'identified',
      rule: 'identified-after-mitigated',
      message: 'Unexpected `identified` after `mitigated`',
      hint: 'A cause is usually identified before the impact is mitigated; if it was found later (a workaround first), this is right and the warning can be ignored.',
    },
    {
      first: 'detected',
      then: 'acknowledged',
      reportAt: 'acknowledged',
      rule: 'acknowledged-before-detected',
      message: 'Unexpected `acknowledged` before `detected`',
      hint: 'An alert is acknowledged after it fires: check both times.',
    },
  ] as const;
  for (const warning of orderWarnings) {
    const first = milestones.get(warning.first);
    const then = milestones.get(warning.then);
    if (!first || !then || (order(first, then) ?? 0) <= 0) continue;
    const [at, other] = warning.reportAt === warning.first ? [first, then] : [then, first];
    context.report.add(atOf(at), {
      rule: warning.rule,
      severity: 'warning',
      message: warning.message,
      hint: warning.hint,
      related: { file: context.report.file, ...context.report.position(atOf(other)), message: `\`${other.kind}\` is here` },
    });
  }
}

/** Events out of chronological order are a warning: the output is sorted anyway. */
export const checkChronology: Rule = (context) => {
  let latest: { time: Timestamp; index: number } | undefined;
  for (const { index } of timelineEvents(context.data)) {
    const time = context.times[index];
    if (!time) continue;
    // A date alone and a time on that day have no order to get wrong.
    const order = latest ? compareTimes(time, latest.time, context.zone ?? 'UTC') : undefined;
    if (latest && order !== undefined && order < 0) {
      context.report.add(valueRange(context.document, ['timeline', index, 'at']), {
        rule: 'timeline-order',
        severity: 'warning',
        message: `Unexpected event earlier than the one before it, expected chronological order`,
        hint: 'Move this event up to its place in time, or check its time; the postmortem is sorted either way.',
        related: {
          file: context.report.file,
          ...context.report.position(valueRange(context.document, ['timeline', latest.index, 'at'])),
          message: 'later event is here',
        },
      });
      continue;
    }
    if (order === undefined && latest?.time.dayOnly === false) continue;
    latest = { time, index };
  }
};
