import { Document, type Node, type Scalar, isMap, isScalar } from 'yaml';
import { quoteAsFmtDoes } from './yaml-text.js';
import type { TextEdit } from './edit-incident.js';
import {
  type EditProblem,
  contentEnd,
  followsBlankLine,
  incidentZone,
  isBlankLine,
  lineAt,
  lineEnding,
  lineNumber,
  lineStart,
  nextLineStart,
  problem,
  spliceLines,
  startOf,
} from './edit-text.js';
import { type TimelineItem, isSeparated, placeInTime, readTimeline, spliceItem, stringValue } from './insert-event.js';
import { type LastLog, textHash } from './last-log.js';
import { eventTime } from './log-event.js';

/** Which event `amend` changes. */
export type EventChoice =
  /** `--event 3`: the third in file order. */
  | { by: 'number'; number: number }
  /** `--event 14:05`: the one event at that time (read as `--at` reads it). */
  | { by: 'time'; time: string }
  /** Neither: the event the remembered last `log` added, if the file is as that log left it. */
  | { by: 'last'; entry: LastLog | undefined };

/** The values to change; a value left out stays as it is. */
export interface EventChanges {
  at?: string;
  kind?: string;
  text?: string;
  by?: string;
}

export interface AmendedEvent {
  /** Its 1-based place in the timeline before and after (they differ when its new time moved it). */
  was: number;
  event: number;
  /** Its `at` and kind as they are now. */
  at: string;
  kind: string;
  /** The 1-based line of its `- at:`. */
  line: number;
}

/** Keys in the order `log` writes them: a key the event lacks is added after the one before it here. */
const KEY_ORDER = ['at', 'kind', 'text', 'by'] as const;

/**
 * The change `amend` makes to one timeline event, as text: each changed
 * value's text is replaced (in its old quoting style where it can be written
 * so), a missing key gets a line of its own, and every other byte stays.
 * An event whose new time is another instant is moved, its lines and the
 * comments under it as they are, to where `log` would put an event at that
 * time. A pure function of the text, so it is run again under the lock.
 */
export function amendEvent(choice: EventChoice, changes: EventChanges, context: { now: Date; defaultZone: string }): TextEdit<AmendedEvent> {
  return (original) => {
    const zone = incidentZone(original, context.defaultZone);
    const timeline = readTimeline(original, zone);
    if (!timeline.ok) return timeline;
    const chosen = chooseEvent(original, timeline.items, choice, zone, context.now);
    if (!chosen.ok) return chosen;
    const index = chosen.index;
    const node = timeline.items[index]!.node;
    if (!isMap(node) || node.flow) {
      return problem(`Event ${index + 1} is not written as a block mapping (one key per line)`, 'Run `postmortem fmt` on the file, then amend it.');
    }
    let time: { text: string; instant: number } | undefined;
    if (changes.at !== undefined) {
      const read = eventTime(changes.at, zone, context.now);
      if (!read.ok) return { ok: false, message: `--at: ${read.message}`, hint: read.hint, input: true };
      time = read;
    }

    let text = original;
    for (const key of KEY_ORDER) {
      const value = key === 'at' ? time?.text : changes[key];
      if (value === undefined) continue;
      const changed = setEventValue(text, index, key, value, zone);
      if (!changed.ok) return changed;
      text = changed.text;
    }
    const before = timeline.items[index]!.instant;
    const moved = time !== undefined && time.instant !== before ? moveEvent(text, index, time.instant, zone) : undefined;
    if (moved && !moved.ok) return moved;
    const now = readTimeline(moved?.text ?? text, zone);
    if (!now.ok) return now;
    const at = moved?.index ?? index;
    const item = now.items[at]!;
    const finalText = moved?.text ?? text;
    return {
      ok: true,
      text: finalText,
      result: { was: index + 1, event: at + 1, at: stringValue(item.node, 'at') ?? '', kind: stringValue(item.node, 'kind') ?? 'note', line: lineNumber(finalText, item.dash) },
    };
  };
}

function chooseEvent(text: string, items: readonly TimelineItem[], choice: EventChoice, zone: string, now: Date): { ok: true; index: number } | EditProblem {
  const input = (message: string, hint: string): EditProblem => ({ ...problem(message, hint), input: true });
  switch (choice.by) {
    case 'number':
      if (choice.number >= 1 && choice.number <= items.length) return { ok: true, index: choice.number - 1 };
      return input(`--event: there is no event ${choice.number}: the timeline has ${items.length}`, `Events are numbered in file order, from 1 to ${items.length}.`);
    case 'time': {
      const read = eventTime(choice.time, zone, now);
      if (!read.ok) return input(`--event: ${read.message}`, read.hint);
      const at = items.flatMap((item, i) => (item.instant === read.instant ? [i + 1] : []));
      if (at.length === 1) return { ok: true, index: at[0]! - 1 };
      if (at.length === 0) return input(`--event: no event is at ${read.text}`, 'Give the time as the event has it, or its number in file order (--event 3).');
      return input(`--event: events ${at.join(', ')} are all at ${read.text}`, `Say which by its number: --event ${at[0]}.`);
    }
    case 'last': {
      const { entry } = choice;
      if (entry && entry.sha256 === textHash(text) && entry.event <= items.length) return { ok: true, index: entry.event - 1 };
      return input(
        entry ? 'The file has changed since the last `log` into it, so which event it added is not known any more' : 'No `log` into this file is remembered',
        'Say which event: --event 3 (its number in file order) or --event 14:05 (its time).',
      );
    }
  }
}

/** Replaces (or adds) one key of the `index`-th event. */
function setEventValue(text: string, index: number, key: string, value: string, zone: string): { ok: true; text: string } | EditProblem {
  const timeline = readTimeline(text, zone);
  if (!timeline.ok) return timeline;
  const node = timeline.items[index]!.node;
  if (!isMap(node)) return problem(`Event ${index + 1} is not a mapping`, 'Run `postmortem validate` on the file and fix what it reports.');
  const keyColumn = startOf(text, node as Node)!.column;
  const eol = lineEnding(text);
  const pair = node.items.find((one) => isScalar(one.key) && one.key.value === key);
  const old = pair && isScalar(pair.value) ? pair.value : undefined;
  const lines = pairLines(key, value, old?.type, keyColumn);
  if (pair) {
    const start = (pair.key as Scalar).range?.[0];
    let end = contentEnd(pair);
    if (start === undefined) return problem(`The \`${key}\` of event ${index + 1} could not be found in the text`, 'Run `postmortem fmt` on the file, then amend it.');
    // A block scalar's text ends with its line break: keep the break.
    if (text[end - 1] === '\n') end -= text[end - 2] === '\r' ? 2 : 1;
    return { ok: true, text: `${text.slice(0, start)}${lines.join(eol)}${text.slice(end)}` };
  }
  const position = KEY_ORDER.indexOf(key as (typeof KEY_ORDER)[number]);
  const previous = [...node.items].reverse().find((one) => isScalar(one.key) && KEY_ORDER.indexOf(one.key.value as (typeof KEY_ORDER)[number]) < position && KEY_ORDER.includes(one.key.value as (typeof KEY_ORDER)[number]));
  const after = previous ?? node.items.at(-1);
  if (!after) return problem(`Event ${index + 1} is empty`, 'Give it an `at` and a `text` by hand.');
  const at = nextLineStart(text, contentEnd(after) - 1);
  return { ok: true, text: spliceLines(text, at, [`${' '.repeat(keyColumn)}${lines[0]}`, ...lines.slice(1)], eol) };
}

/**
 * `key: value` as the YAML library writes it, in `style` where the value can
 * be written so (quoted as much as it needs otherwise), its later lines (a
 * block scalar's) indented under a key at `keyColumn`. The first line starts
 * at the key.
 */
function pairLines(key: string, value: string, style: Scalar['type'], keyColumn: number): string[] {
  const document = new Document({ [key]: value }, { version: '1.2', schema: 'core' });
  const scalar = document.get(key, true);
  if (isScalar(scalar) && style !== undefined) scalar.type = style;
  const written = quoteAsFmtDoes(document).toString({ lineWidth: 0, indent: 2 }).replace(/\n$/, '').split('\n');
  return written.map((line, i) => (i === 0 || line === '' ? line : `${' '.repeat(keyColumn)}${line}`));
}

/** Moves the `index`-th event, with the comment lines under it, to where `log` would put an event at `instant`. */
function moveEvent(text: string, index: number, instant: number, zone: string): { ok: true; text: string; index: number } | EditProblem {
  const timeline = readTimeline(text, zone);
  if (!timeline.ok) return timeline;
  const { items } = timeline;
  if (items.length === 1) return { ok: true, text, index };
  const item = items[index]!;
  // Already in its place among the others: nothing moves.
  if (placeInTime(items.filter((_, i) => i !== index), instant, stringValue(item.node, 'kind')) === index) return { ok: true, text, index };
  const from = lineStart(text, item.dash);
  const lines = text.slice(from, item.end).replace(/\r?\n$/, '').split(/\r?\n/);
  let cutStart = from;
  let cutEnd = item.end;
  // In a timeline with a blank line between events, one goes with the event, and one comes back
  // with it where it lands (also when the others are then a single event, which has no rhythm).
  const separated = isSeparated(text, items);
  if (separated) {
    if (index > 0 && followsBlankLine(text, from)) cutStart = lineStart(text, from - 1);
    else if (cutEnd < text.length && isBlankLine(lineAt(text, cutEnd))) cutEnd = nextLineStart(text, cutEnd);
  }
  let rest = `${text.slice(0, cutStart)}${text.slice(cutEnd)}`;
  // The last line of a file without a final line break leaves: the line that is now last keeps none either.
  if (cutEnd >= text.length && !text.endsWith('\n')) rest = rest.replace(/\r?\n$/, '');
  const remaining = readTimeline(rest, zone);
  if (!remaining.ok) return remaining;
  const place = placeInTime(remaining.items, instant, stringValue(item.node, 'kind'));
  const placed = spliceItem(rest, remaining.items, place, lines, separated);
  return { ok: true, text: placed.text, index: placed.index };
}
