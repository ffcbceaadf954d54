import { type EditProblem, nextLineStart } from './edit-text.js';
import {
  type ItemLayout,
  type NewEvent,
  KEEPING_HEADER,
  type TimelineItem,
  dashColumnOf,
  eventLines,
  insertEvent,
  instantIn,
  itemLayout,
  layoutAt,
  placeInTime,
  readTimeline,
  spliceItem,
  withCommentsUnder,
} from './insert-event.js';

/**
 * Adds events to the timeline in the order given, writing what `insertEvent`
 * called on each in turn writes (each placed among the file's events and
 * those added before it), but reading the file once: `import --into` adds
 * hundreds of events, and `insertEvent` parses the whole file each time.
 * Where each event is, the added ones included, is kept up to date as lines
 * go in, since the parsed nodes only hold the first text's offsets. Every
 * time is given (no event is stamped with the current time, which `log`
 * refuses in a resolved incident).
 */
export function insertEvents(text: string, events: readonly NewEvent[], zone: string): { ok: true; text: string } | EditProblem {
  if (events.length === 0) return { ok: true, text };
  if (KEEPS_TRAILING_LINES.test(text)) return oneByOne(text, events, zone);
  const timeline = readTimeline(text, zone);
  if (!timeline.ok) return timeline;
  const items: TimelineItem[] = [...timeline.items];
  const layouts: (ItemLayout | undefined)[] = items.map((item) => itemLayout(text, item));
  let current = text;
  for (const event of events) {
    const index = placeInTime(items, event.instant, event.kind);
    const layout = layoutAt((i) => layouts[i], layouts.length, index, dashColumnOf(current, items[0]!));
    const lines = eventLines(event, layout.dashColumn, layout.keyColumn);
    if (lines.some((line) => KEEPS_TRAILING_LINES.test(line))) return oneByOne(text, events, zone);
    const spliced = spliceItem(current, items, index, lines);
    const shift = spliced.text.length - current.length;
    const unterminated = !current.endsWith('\n');
    current = spliced.text;
    // Everything from the new item on moved down by what went in; what is before it stayed,
    // but for the last line of a file without a final newline, which now has one.
    for (let i = index; i < items.length; i++) items[i] = { ...items[i]!, dash: items[i]!.dash + shift, end: items[i]!.end + shift };
    const before = items[index - 1];
    if (before && unterminated && before.end >= current.length - shift) items[index - 1] = { ...before, end: nextLineStart(current, before.end) };
    const { start } = spliced;
    let end = start;
    for (let i = 0; i < lines.length; i++) end = nextLineStart(current, end);
    // As the file read again would give it (readTimeline): its time as written, and the comments under it.
    const added: TimelineItem = {
      node: undefined,
      dash: start + layout.dashColumn,
      end: withCommentsUnder(current, end, layout.dashColumn),
      instant: instantIn(event.at, zone),
      kind: event.kind,
    };
    items.splice(index, 0, added);
    layouts.splice(index, 0, layout);
  }
  return { ok: true, text: current };
}

/**
 * A block scalar that keeps its trailing line breaks (`|+`, `>2+`): the blank
 * line that separates the next event is then read as part of it, so where an
 * event ends depends on what is added after it. Rare; such a file, or such an
 * event, is edited one event at a time (from the start, when an event holds one).
 */
const KEEPS_TRAILING_LINES = new RegExp(String.raw`${KEEPING_HEADER}[ \t]*(?:#.*)?\r?$`, 'm');

function oneByOne(text: string, events: readonly NewEvent[], zone: string): { ok: true; text: string } | EditProblem {
  let current = text;
  for (const event of events) {
    const inserted = insertEvent(current, event, zone);
    if (!inserted.ok) return inserted;
    current = inserted.text;
  }
  return { ok: true, text: current };
}
