import { quote } from '../diagnostics/quote.js';
import { timelineEvents } from '../rules/loose.js';
import type { RuleContext } from '../rules/rule-context.js';
import { formatElapsed } from '../render/format.js';
import { humanDuration } from '../time/duration.js';
import { elapsedBetween } from '../time/elapsed.js';
import { parser } from './prose.js';
import { type ReviewCheck, fieldName, severityOf } from './review-check.js';
import { findWrittenDurations, findWrittenDurationsUnparsed } from './written-durations.js';

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
  const computed = spanBetween(context, 'impact-start', 'resolved');
  if (computed === undefined) return;
  const mitigated = spanBetween(context, 'impact-start', 'mitigated');
  for (const prose of fields) {
    const path = prose.field.path.join('.');
    if ((path !== 'summary' && path !== 'impact.description') || !MAY_HOLD.test(prose.field.text)) continue;
    const contradicts = (minutes: readonly [number, number]) => !agrees(minutes, computed) && (mitigated === undefined || !agrees(minutes, mitigated));
    if (agreesUnparsed(prose.field.text, contradicts)) continue;
    for (const sentence of parser().sentenceTexts(prose.parsed)) {
      for (const written of findWrittenDurations(sentence.text)) {
        if (!contradicts(written.minutes)) continue;
        const nearest = Math.min(Math.max(computed.minutes, written.minutes[0]), written.minutes[1]);
        const text = sentence.text.slice(written.start, written.end);
        const start = sentence.offsets[written.start]!;
        const end = sentence.offsets[written.end - 1]! + 1;
        const read = humanDuration(nearest * 60);
        context.report.add(prose.range(start, end), {
          rule: 'figure-mismatch',
          severity,
          message:
            `Unexpected duration ${quote(text)}${text.toLowerCase().endsWith(read) ? '' : ` (${read})`} in ${fieldName(prose)}, ` +
            // A figure known only to the day is shown `~4 days`, which says "about" already.
            `expected ${computed.shown.startsWith('~') ? computed.shown : `about ${computed.shown}`}: the time from impact start to resolved in the timeline`,
          hint: 'Correct the duration written here, or the times of the impact-start and resolved events, so that they agree.',
        });
      }
    }
  }
};

/** Whether text with no Markdown holds no contradicting duration: read without the prose parser, which costs more than the rest of a one-file `validate`. */
function agreesUnparsed(text: string, contradicts: (minutes: readonly [number, number]) => boolean): boolean {
  const durations = findWrittenDurationsUnparsed(text);
  return durations !== undefined && !durations.some((written) => contradicts(written.minutes));
}

/** Differences up to both of these are rounding, not a mismatch. */
const MAX_MINUTES = 10;
const MAX_SHARE = 0.25;

/** A number or number word beside a unit of minutes, hours or days: what text must have to hold a duration. */
const MAY_HOLD = /(?:\d|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|half|couple)\b)[\s\S]{0,40}?(?:\d[hmd]\b|\b(?:min|mins|minutes?|hours?|hrs?|days?)\b)/i;

/**
 * The time between two milestones as the model computes the figure, with
 * the minutes it may really have been: exactly those, or, when a milestone
 * is known only to the day, anything within a day either side of the whole
 * days counted (~4 days from 22:15 on the 8th to "the 12th" is more than 3
 * and less than 5).
 */
interface Span {
  minutes: number;
  low: number;
  high: number;
  shown: string;
}

/** Whether the minutes written (`[low, high]`) are within a quarter or within 10 minutes of the span computed. */
function agrees([low, high]: readonly [number, number], computed: Span): boolean {
  const difference = computed.high < low ? low - computed.high : computed.low > high ? computed.low - high : 0;
  return difference <= MAX_MINUTES || difference <= computed.minutes * MAX_SHARE;
}

/** The span between two milestones; `undefined` unless both times are known and in order. */
function spanBetween(context: RuleContext, from: string, to: string): Span | undefined {
  const first = (kind: string) => {
    const times = timelineEvents(context.data)
      .filter(({ event }) => event.kind === kind)
      .map(({ index }) => context.times[index]);
    // A milestone written twice is an error of its own (duplicate-milestone): which one the author meant is not known.
    return times.length === 1 ? times[0] : undefined;
  };
  const start = first(from);
  const end = first(to);
  if (start === undefined || end === undefined) return undefined;
  const elapsed = elapsedBetween(start, end, context.zone ?? 'UTC');
  const minutes = elapsed.seconds / 60;
  if (minutes < 0) return undefined;
  const slack = elapsed.precision === 'day' ? DAY_MINUTES : 0;
  const shown = elapsed.precision === 'day' ? formatElapsed(elapsed) : humanDuration(elapsed.seconds);
  return { minutes, low: Math.max(0, minutes - slack), high: minutes + slack, shown };
}

const DAY_MINUTES = 1440;
