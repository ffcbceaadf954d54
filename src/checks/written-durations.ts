/**
 * Durations of the impact written in prose, for `figure-mismatch`. A number
 * of minutes, hours or days counts only where the words around it make it
 * the length of the outage, so that other durations ("users waited 30
 * seconds", "a 5-minute alert window", "detected within 4 minutes") are
 * left alone:
 *
 * - after `for`, `lasted`, `lasting`, `lasts`: "for about two hours", "lasted 45 minutes";
 * - before an outage noun: "a 45-minute outage", "a two hour incident", "an hour-long disruption";
 * - before `of` and an outage noun: "90 minutes of downtime", "two hours of degraded service";
 * - after an outage noun and `of` or `lasting`: "an outage of 2h", "an incident lasting an hour".
 *
 * Numbers are digits (`90`, `1.5`) or words (`two`, `forty-five`, `an`,
 * `half an`, `a couple of`, `one and a half`, `an hour and a half`); units
 * are minutes, hours and days, written out or short (`2h`, `45m`, `1h30m`,
 * `90 min`, `3 hrs`). Seconds are never an outage's length here. Qualifiers
 * before the number are part of what is found: `about`, `around`,
 * `roughly`, `nearly`, `almost`, `approximately`, `some`, `~` say it is
 * approximate; `over`, `more than`, `at least` make it a lower bound and
 * `under`, `less than`, `up to` an upper one. A range (`2-3 hours`, `two to
 * three hours`) is read as its two ends.
 */

export interface WrittenDuration {
  /** Offsets in the text searched, qualifiers included. */
  start: number;
  end: number;
  /** The lowest and highest number of minutes the words allow (`Infinity` above "over two hours"). */
  minutes: readonly [number, number];
  /** The minutes as written, for messages: the nearer end of a range. */
  written: number;
}

const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

const WORD_NUMBER = `(?:(?:${TENS.join('|')})(?:[- ](?:${SMALL.slice(1, 10).join('|')}))?|${SMALL.join('|')})`;
const NUMBER = `(?:\\d+(?:\\.\\d+)?|${WORD_NUMBER}(?: and a half)?|half an?|an?|a couple of)`;
const UNIT = '(?:minutes?|mins?|hours?|hrs?|days?)';
/** `2h`, `45m`, `1.5h`, `3d`: digits with a one-letter unit. */
const SHORT = '(?:\\d+(?:\\.\\d+)?[hmd])';
const PART = `(?:${SHORT}|${NUMBER}[- ]?${UNIT}(?: and a half)?)`;
const DIGIT_RANGE = `\\d+(?:\\.\\d+)? ?[-–] ?\\d+(?:\\.\\d+)?[- ]?${UNIT}`;
/**
 * The first part of a duration, or a range of digits (`2-3 hours`). A second
 * part (`1 hour 30 minutes`, `1h30m`, `2 hours and 15 minutes`) is read after
 * it with `SECOND`, and a range of words (`two to three hours`) before its
 * second number with `RANGE_START`: one pattern holding every form at once
 * was 1,900 characters and took 50 ms to compile, and two number patterns
 * in a row (`NUMBER to NUMBER`) still cost 8 ms, more than the rest of the
 * check.
 */
const FIRST = `(?:(${DIGIT_RANGE})|(${SHORT})|(${NUMBER})[- ]?(${UNIT})( and a half)?)`;

const QUALIFIER = '(?:about|around|roughly|nearly|almost|approximately|approx\\.|some|over|under|more than|less than|at least|at most|up to|just over|just under|close to|~)';
const OUTAGE = '(?:outage|incident|disruption|downtime|degradation|interruption|impact|unavailability|failure|degraded service|errors)';

/**
 * Read in a copy of the text with ASCII letters lowercased (the same
 * length, so offsets hold), without the `i` and `u` flags: with them the
 * pattern took 30 ms to compile. What may not come before or after a
 * duration (a letter, a digit: it would be part of a longer word or
 * number) is checked apart.
 */
const FINDER = new RegExp(`(?:(${QUALIFIER}) ?)*${FIRST}`, 'g');
const SECOND = new RegExp(`(?:,? (?:and )?)?${PART}`, 'y');
/** The first number of a range of words, and `to` or `or`, up to the end of the text before the second. */
const RANGE_START = new RegExp(`(${NUMBER}) (?:to|or) $`, 'y');
/** Qualifiers up to the end of the text before a range. */
const QUALIFIERS_BEFORE = new RegExp(`(?:${QUALIFIER} ?)+$`, 'y');
const WORD_GOES_ON = /^[\p{L}\p{N}]/u;
const WORD_BEFORE = /[\p{L}\p{N}.]$/u;
const BEFORE = [/\b(?:for|lasted|lasting|lasts)\s+$/, new RegExp(`\\b${OUTAGE}\\s+(?:of|lasting|(?:that|which) lasted)\\s+$`)];
const AFTER = [new RegExp(`^(?:[- ]long)?\\s+${OUTAGE}\\b`), new RegExp(`^\\s+of\\s+(?:total\\s+|partial\\s+|full\\s+|complete\\s+)?${OUTAGE}\\b`)];

const CONTEXT = 60;
/** How far before its second number a range of words may start: `seventy-seven and a half to `. */
const RANGE_REACH = 40;
const QUALIFIERS = new RegExp(`^(?:${QUALIFIER} ?)+`);
const LOWER_BOUND = /\b(?:over|more than|at least)\b/;
const UPPER_BOUND = /\b(?:under|less than|at most|up to)\b/;

/** The durations of the outage written in `text`, by the patterns above. */
export function findWrittenDurations(text: string): WrittenDuration[] {
  const found: WrittenDuration[] = [];
  // Spaces are compared as one: a folded line or a double space changes nothing.
  const lower = text.replace(/\s/g, ' ').replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  for (const { start, end, words, range } of durations(lower)) {
    // The words around it, a few of them: enough for every pattern, and a long text is not read again for each number.
    const before = lower.slice(Math.max(0, start - CONTEXT), start);
    const after = lower.slice(end, end + CONTEXT);
    if (!BEFORE.some((pattern) => pattern.test(before)) && !AFTER.some((pattern) => pattern.test(after))) continue;
    const qualifiers = QUALIFIERS.exec(words)?.[0] ?? '';
    const minutes = range ? rangeMinutes(range) : durationMinutes(words.slice(qualifiers.length));
    if (!minutes) continue;
    let bounds: [number, number] = minutes;
    if (LOWER_BOUND.test(qualifiers)) bounds = [minutes[0], Number.POSITIVE_INFINITY];
    else if (UPPER_BOUND.test(qualifiers)) bounds = [0, minutes[1]];
    found.push({ start, end, minutes: bounds, written: minutes[0] });
  }
  return found;
}

/**
 * The durations in a field's value read as it is, without parsing its
 * Markdown; `undefined` when Markdown could change the words a reader sees
 * or how they join: inline Markdown (escapes, entities, code, emphasis,
 * links, images, autolinks, HTML), or a block that ends a paragraph with
 * nothing in between (a heading, a code fence, indented code), across which
 * a qualifier or a second part would be read. Otherwise the words are the
 * value's own, save list markers and the spaces around line breaks (taken
 * out here), and the parser's sentences only cut the words around a
 * duration: this finds every duration the parsed sentences hold, with the
 * same minutes (a test compares the two). So when none of these
 * contradicts the timeline, neither does any of those.
 */
export function findWrittenDurationsUnparsed(value: string): WrittenDuration[] | undefined {
  if (MARKDOWN_INLINE.test(value) || BLOCK_BOUNDARY.test(value)) return undefined;
  return findWrittenDurations(value.replace(/[ \t]*\n[ \t]*/g, '\n'));
}

const MARKDOWN_INLINE = /[\\&`*_[\]!<>]/;
const BLOCK_BOUNDARY = /(?:^|\n) {0,3}(?:#|~~~)|(?:^|\n[ \t]*\n)(?: {0,3}\t| {4})/;

/** The ends and unit of a range, as written: `2`, `3`, `hours`; `two`, `three`, `hours`. */
type Range = readonly [low: string, high: string, unit: string];

/**
 * Where durations are written: each first part, with a second part when one
 * follows, or a range; ending where no letter or digit goes on (the longer
 * reading first, as a single pattern would try it). Found as the pattern
 * `(qualifier ?)* (digit range | number to number unit | part)` would find
 * them, scanning from the left.
 */
function* durations(lower: string): Generator<{ start: number; end: number; words: string; range?: Range }> {
  FINDER.lastIndex = 0;
  let scanned = 0;
  for (let match = FINDER.exec(lower); match; match = FINDER.exec(lower)) {
    let start = match.index;
    let range: Range | undefined;
    let ends: number[];
    const wordRange = match[1] === undefined && match[4] !== undefined ? rangeBefore(lower, scanned, start) : undefined;
    if (wordRange) {
      // `two to three hours`: a range has no second part, nor `and a half` after its unit.
      ends = [start + match[0].length - (match[6]?.length ?? 0)];
      range = [wordRange.low, match[4]!, match[5]!];
      start = wordRange.start;
    } else {
      if (WORD_BEFORE.test(lower.slice(Math.max(0, start - 2), start))) {
        FINDER.lastIndex = start + 1;
        continue;
      }
      const first = start + match[0].length;
      if (match[2] === undefined) {
        SECOND.lastIndex = first;
        const second = SECOND.exec(lower);
        ends = second ? [first + second[0].length, first] : [first];
      } else {
        ends = [first];
        range = digitRange(match[2]);
      }
    }
    const end = ends.find((candidate) => !WORD_GOES_ON.test(lower.slice(candidate, candidate + 1)));
    if (end === undefined) {
      if (wordRange) {
        // Not a range after all (a letter goes on after its unit): read the match as a part of its own.
        FINDER.lastIndex = match.index;
        scanned = match.index;
      } else FINDER.lastIndex = start + 1;
      continue;
    }
    yield { start, end, words: lower.slice(start, end), range };
    FINDER.lastIndex = end;
    scanned = end;
  }
}

/**
 * A range of words ending at `second`, its second number (`two to ` before
 * `three hours`), with the qualifiers before it: its leftmost start after
 * `from` that is not inside a word, as the scan from the left would find it.
 */
function rangeBefore(lower: string, from: number, second: number): { start: number; low: string } | undefined {
  if (!/ (?:to|or) $/.test(lower.slice(Math.max(0, second - 4), second))) return undefined;
  const text = lower.slice(0, second);
  for (let start = Math.max(from, second - RANGE_REACH); start < second; start++) {
    RANGE_START.lastIndex = start;
    const low = RANGE_START.exec(text);
    if (!low) continue;
    // The match starts at its qualifiers, and only there must no word go on before it (`approx.two to three hours`).
    const qualified = qualifiedStart(text, from, start);
    if (qualified === start && WORD_BEFORE.test(text.slice(Math.max(0, start - 2), start))) continue;
    return { start: qualified, low: low[1]! };
  }
  return undefined;
}

/** Where the qualifiers right before `start` begin (`about ` in `about two to three hours`), or `start`. */
function qualifiedStart(text: string, from: number, start: number): number {
  const before = text.slice(0, start);
  for (let at = Math.max(from, start - RANGE_REACH); at < start; at++) {
    if (WORD_BEFORE.test(before.slice(Math.max(0, at - 2), at))) continue;
    QUALIFIERS_BEFORE.lastIndex = at;
    if (QUALIFIERS_BEFORE.test(before)) return at;
  }
  return start;
}

const DIGIT_RANGE_READER = new RegExp(`^(\\d+(?:\\.\\d+)?) ?[-–] ?(\\d+(?:\\.\\d+)?)[- ]?(${UNIT})$`);

function digitRange(words: string): Range {
  const [, low, high, unit] = DIGIT_RANGE_READER.exec(words)!;
  return [low!, high!, unit!];
}

// Reads the words of a duration found above, ASCII letters lowercased: no `i` or `u` flag to compile.
const PART_READER = new RegExp(`(${SHORT})|(${NUMBER})[- ]?(${UNIT})( and a half)?`, 'g');

function rangeMinutes([lowWords, highWords, unitWords]: Range): [number, number] | undefined {
  const unit = unitMinutes(unitWords);
  const low = numberValue(lowWords) * unit;
  const high = numberValue(highWords) * unit;
  return low > 0 && high >= low ? [low, high] : undefined;
}

/** The minutes a duration's words (lowercased) say, as `[low, high]`; `undefined` when they say none (`zero minutes`). */
function durationMinutes(words: string): [number, number] | undefined {
  let total = 0;
  let previousUnit = Number.POSITIVE_INFINITY;
  for (const part of words.matchAll(PART_READER)) {
    const unit = unitMinutes(part[1] ? part[1].slice(-1) : part[3]!);
    // `2 hours 15 minutes` adds up; `two hours, a day later` is not one duration.
    if (unit >= previousUnit) break;
    previousUnit = unit;
    total += part[1] ? Number.parseFloat(part[1]) * unit : (numberValue(part[2]!) + (part[4] ? 0.5 : 0)) * unit;
  }
  return total > 0 ? [total, total] : undefined;
}

function unitMinutes(unit: string): number {
  const first = unit[0]!.toLowerCase();
  return first === 'd' ? 1440 : first === 'h' ? 60 : 1;
}

function numberValue(words: string): number {
  const text = words.toLowerCase().trim();
  if (/^\d/.test(text)) return Number.parseFloat(text);
  if (text === 'a couple of') return 2;
  if (/^half an?$/.test(text)) return 0.5;
  if (text === 'a' || text === 'an') return 1;
  const half = text.endsWith(' and a half') ? 0.5 : 0;
  const [tens, ones] = text.replace(/ and a half$/, '').split(/[- ]/);
  const tensValue = TENS.indexOf(tens!);
  if (tensValue >= 0) return (tensValue + 2) * 10 + (ones ? SMALL.indexOf(ones) : 0) + half;
  return SMALL.indexOf(tens!) + half;
}
