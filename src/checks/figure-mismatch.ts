import { quote } from '../diagnostics/quote.js';
import { timelineEvents } from '../rules/loose.js';
import type { RuleContext } from '../rules/rule-context.js';
import { humanDuration } from '../time/duration.js';
import { parser } from './prose.js';
import { type ReviewCheck, fieldName, severityOf } from './review-check.js';
import { findWrittenDurations } from './written-durations.js';

/**
 * `figure-mismatch`: a duration of the outage written in `summary` or
 * `impact.description` ("for about two hours", "a 45-minute outage"; see
 * written-durations.ts for what counts) that the timeline contradicts: it
 * differs from the time from impact-start to resolved by more than a
 * quarter of it and by more than 10 minutes. Only when both milestones are
 * in the timeline: an ongoing incident has no duration to compare with. A
 * duration that agrees with the time to mitigate (impact-start to
 * mitigated) is taken as that ("for almost a day confirmations were
 * delayed", until the mitigation), and not reported.
 */
export const checkFigureMismatch: ReviewCheck = (context, fields) => {
  const severity = severityOf(context, 'figure-mismatch', 'warning');
  if (!severity) return;
  const computed = minutesBetween(context, 'impact-start', 'resolved');
  if (computed === undefined) return;
  const mitigated = minutesBetween(context, 'impact-start', 'mitigated');
  for (const prose of fields) {
    const path = prose.field.path.join('.');
    if ((path !== 'summary' && path !== 'impact.description') || !MAY_HOLD.test(prose.field.text)) continue;
    for (const sentence of parser().sentenceTexts(prose.parsed)) {
      for (const written of findWrittenDurations(sentence.text)) {
        if (agrees(written.minutes, computed) || (mitigated !== undefined && agrees(written.minutes, mitigated))) continue;
        const nearest = Math.min(Math.max(computed, written.minutes[0]), written.minutes[1]);
        const text = sentence.text.slice(written.start, written.end);
        const start = sentence.offsets[written.start]!;
        const end = sentence.offsets[written.end - 1]! + 1;
        const read = humanDuration(nearest * 60);
        context.report.add(prose.range(start, end), {
          rule: 'figure-mismatch',
          severity,
          message:
            `Unexpected duration ${quote(text)}${text.toLowerCase().endsWith(read) ? '' : ` (${read})`} in ${fieldName(prose)}, ` +
            `expected about ${humanDuration(computed * 60)}: the time from impact start to resolved in the timeline`,
          hint: 'Correct the duration written here, or the times of the impact-start and resolved events, so that they agree.',
        });
      }
    }
  }
};

/** Differences up to both of these are rounding, not a mismatch. */
const MAX_MINUTES = 10;
const MAX_SHARE = 0.25;

/** A number or number word beside a unit of minutes, hours or days: what text must have to hold a duration. */
const MAY_HOLD = /(?:\d|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|half|couple)\b)[\s\S]{0,40}?(?:\d[hmd]\b|\b(?:min|mins|minutes?|hours?|hrs?|days?)\b)/i;

/** Whether the minutes written (`[low, high]`) are within a quarter or within 10 minutes of the minutes computed. */
function agrees([low, high]: readonly [number, number], computed: number): boolean {
  const difference = computed < low ? low - computed : computed > high ? computed - high : 0;
  return difference <= MAX_MINUTES || difference <= computed * MAX_SHARE;
}

/** Minutes between two milestones, as the model computes figures; `undefined` unless both times are known. */
function minutesBetween(context: RuleContext, from: string, to: string): number | undefined {
  const first = (kind: string) => {
    const times = timelineEvents(context.data)
      .filter(({ event }) => event.kind === kind)
      .map(({ index }) => context.times[index]);
    // A milestone written twice is an error of its own (duplicate-milestone): which one the author meant is not known.
    return times.length === 1 ? times[0]?.instant : undefined;
  };
  const start = first(from);
  const end = first(to);
  return start === undefined || end === undefined || end < start ? undefined : (end - start) / 60_000;
}
