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
/**
 * The first part of a duration, or a range of one unit (`2-3 hours`, `two to
 * three hours`). A second part (`1 hour 30 minutes`, `1h30m`, `2 hours and
 * 15 minutes`) is read after it with `SECOND`: one pattern holding every
 * form at once was 1,900 characters, and compiling it cost 50 ms, a third
 * of a one-file `validate`.
 */
const FIRST = `(?:(\\d+(?:\\.\\d+)? ?[-–] ?\\d+(?:\\.\\d+)?[- ]?${UNIT}|${NUMBER} (?:to|or) ${NUMBER}[- ]?${UNIT})|${PART})`;

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
const WORD_GOES_ON = /^[\p{L}\p{N}]/u;
const WORD_BEFORE = /[\p{L}\p{N}.]$/u;
const BEFORE = [/\b(?:for|lasted|lasting|lasts)\s+$/i, new RegExp(`\\b${OUTAGE}\\s+(?:of|lasting|(?:that|which) lasted)\\s+$`, 'i')];
const AFTER = [new RegExp(`^(?:[- ]long)?\\s+${OUTAGE}\\b`, 'i'), new RegExp(`^\\s+of\\s+(?:total\\s+|partial\\s+|full\\s+|complete\\s+)?${OUTAGE}\\b`, 'i')];

const CONTEXT = 60;
const QUALIFIERS = new RegExp(`^(?:${QUALIFIER} ?)+`);
const LOWER_BOUND = /\b(?:over|more than|at least)\b/;
const UPPER_BOUND = /\b(?:under|less than|at most|up to)\b/;

/** The durations of the outage written in `text`, by the patterns above. */
export function findWrittenDurations(text: string): WrittenDuration[] {
  const found: WrittenDuration[] = [];
  // Spaces are compared as one: a folded line or a double space changes nothing.
  const plain = text.replace(/\s/g, ' ');
  for (const { start, end, words } of durations(plain)) {
    // The words around it, a few of them: enough for every pattern, and a long text is not read again for each number.
    const before = plain.slice(Math.max(0, start - CONTEXT), start);
    const after = plain.slice(end, end + CONTEXT);
    if (!BEFORE.some((pattern) => pattern.test(before)) && !AFTER.some((pattern) => pattern.test(after))) continue;
    const qualifiers = QUALIFIERS.exec(words)?.[0] ?? '';
    const minutes = durationMinutes(words.slice(qualifiers.length));
    if (!minutes) continue;
    let bounds: [number, number] = minutes;
    if (LOWER_BOUND.test(qualifiers)) bounds = [minutes[0], Number.POSITIVE_INFINITY];
    else if (UPPER_BOUND.test(qualifiers)) bounds = [0, minutes[1]];
    found.push({ start, end, minutes: bounds, written: minutes[0] });
  }
  return found;
}

/**
 * Where durations are written: each first part, with a second part when one
 * follows, ending where no letter or digit goes on (the longer reading
 * first, as a single pattern would try it).
 */
function* durations(plain: string): Generator<{ start: number; end: number; words: string }> {
  const lower = plain.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  FINDER.lastIndex = 0;
  for (let match = FINDER.exec(lower); match; match = FINDER.exec(lower)) {
    const start = match.index;
    if (WORD_BEFORE.test(lower.slice(Math.max(0, start - 2), start))) {
      FINDER.lastIndex = start + 1;
      continue;
    }
    const first = start + match[0].length;
    // A range has no second part (group 2 is the range).
    SECOND.lastIndex = first;
    const second = match[2] === undefined ? SECOND.exec(lower) : null;
    const end = [...(second ? [first + second[0].length] : []), first].find((candidate) => !WORD_GOES_ON.test(lower.slice(candidate, candidate + 1)));
    if (end === undefined) {
      FINDER.lastIndex = start + 1;
      continue;
    }
    yield { start, end, words: lower.slice(start, end) };
    FINDER.lastIndex = end;
  }
}

// Both read the words of a duration found above, ASCII letters lowercased: no `i` or `u` flag to compile.
const PART_READER = new RegExp(`(${SHORT})|(${NUMBER})[- ]?(${UNIT})( and a half)?`, 'g');
const RANGE_READER = new RegExp(`^(?:(\\d+(?:\\.\\d+)?) ?[-–] ?(\\d+(?:\\.\\d+)?)|(${NUMBER}) (?:to|or) (${NUMBER}))[- ]?(${UNIT})$`);

/** The minutes a duration's words (lowercased) say, as `[low, high]`; `undefined` when they say none (`zero minutes`). */
function durationMinutes(words: string): [number, number] | undefined {
  const range = RANGE_READER.exec(words);
  if (range) {
    const unit = unitMinutes(range[5]!);
    const low = numberValue(range[1] ?? range[3]!) * unit;
    const high = numberValue(range[2] ?? range[4]!) * unit;
    return low > 0 && high >= low ? [low, high] : undefined;
  }
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
