import { Document, type Node, type YAMLSeq, isMap, isScalar, isSeq } from 'yaml';
import { quoteAsFmtDoes } from './yaml-text.js';
import { parseTimestamp } from '../time/timestamp.js';
import {
  type EditProblem,
  afterBlankLines,
  contentEnd,
  followsBlankLine,
  hasBlankLine,
  indentation,
  isCommentLine,
  leadingCommentsStart,
  lineAt,
  lineEnding,
  lineNumber,
  lineStart,
  nextLineStart,
  parseForEdit,
  problem,
  spliceLines,
  startOf,
  topLevelPair,
} from './edit-text.js';

/** A timeline event to add, its time already read (see `readTimeInput`). */
export interface NewEvent {
  /** The `at:` value as it will be written. */
  at: string;
  /** The instant `at` stands for, to find its place among the others. */
  instant: number;
  text: string;
  /** Written only when given. */
  kind?: string;
  by?: string;
  errorRate?: number | undefined;
  /** http(s) addresses, written as `links`. */
  links?: readonly string[];
  /** The id of the event where it was imported from, written as `x-source-id` so a second import skips it. */
  sourceId?: string;
  /** Its time is the current minute, not one given: refused in an incident already resolved. */
  stampedNow?: boolean;
}

export type InsertedEvent = {
  ok: true;
  text: string;
  /** The 1-based line of the new event's `- at:` in the new text. */
  line: number;
  /** Where that line starts in the new text. */
  start: number;
  /** How many lines were added (the event, and a blank line where the timeline separates its events with one). */
  added: number;
  /** The new event's 0-based place in the timeline. */
  index: number;
};

export interface TimelineItem {
  node: unknown;
  /** Offset of the item's `-`. */
  dash: number;
  /** Start of the line after the item's own text, and after comments indented under it. */
  end: number;
  /** The item's time, when it can be read. */
  instant: number | undefined;
  /** Its `kind`, when it is written as text. */
  kind: string | undefined;
}

/**
 * Adds an event to the top-level block `timeline` of an incident file, as
 * text: the new item is spliced in and every other byte stays as it was.
 *
 * Its place is after the last event whose time is at or before the new one
 * (compared as instants, reading times without an offset in `zone`; events
 * whose time cannot be read are passed over), or before the first event when
 * the new one is the earliest. It is written with the items' own indentation
 * and the file's line endings, keys in the order `at`, `kind`, `text`, `by`, `links`, `error_rate`, `x-source-id`,
 * each value quoted by the YAML library exactly as much as it needs.
 */
export function insertEvent(text: string, event: NewEvent, zone: string): InsertedEvent | EditProblem {
  const timeline = readTimeline(text, zone);
  if (!timeline.ok) return timeline;
  const { items } = timeline;
  // Once resolved, "now" is rarely when an event happened: it is being written up afterwards.
  const resolved = event.stampedNow ? items.find((item) => item.kind === 'resolved') : undefined;
  if (resolved) {
    const at = stringValue(resolved.node, 'at');
    return {
      ...problem(
        `The incident is already resolved${at ? ` (at ${at})` : ''}, so the current time is not the event's`,
        'Give the time it happened with --at, like --at 14:05 or --at 2026-11-25T14:05Z.',
      ),
      input: true,
    };
  }
  const index = placeInTime(items, event.instant, event.kind);
  // Read item by item: a neighbour almost always has a layout, and a timeline may have 25,000 events.
  const style = layoutAt((i) => itemLayout(text, items[i]!), items.length, index, dashColumnOf(text, items[0]!));
  return spliceItem(text, items, index, eventLines(event, style.dashColumn, style.keyColumn));
}

/** The events of the top-level block `timeline`, each with where it is; a problem when there is no such list to edit. */
export function readTimeline(text: string, zone: string): { ok: true; items: TimelineItem[] } | EditProblem {
  const parsed = parseForEdit(text);
  if (!parsed.ok) return parsed;
  const pair = topLevelPair(parsed.map, 'timeline');
  if (!pair) {
    return problem(
      'The file has no `timeline:`, so there is nowhere to add the event',
      'Add a `timeline:` with its first event (`- at: ...`, `kind: impact-start`, `text: ...`), or start the incident with `postmortem new`.',
    );
  }
  const value = pair.value;
  if (isSeq(value) && value.flow) {
    return problem(
      'The `timeline` is written as a flow list (`[...]`); events are edited only in a list written one `- at:` item per line',
      'Run `postmortem fmt` on the file to rewrite the timeline one event per item, then try again.',
    );
  }
  if (!isSeq(value) || value.items.length === 0) {
    return problem('The `timeline` is not a list of events', 'Write the timeline as a list of events, one `- at: ...` item per line, then try again.');
  }
  const items = readItems(text, value, zone);
  if (!items) {
    return problem('The `timeline` could not be read item by item', 'Run `postmortem validate` on the file and fix what it reports.');
  }
  return { ok: true, items };
}

/**
 * Where an event at `instant` goes, as an index into `items`: after the last
 * event at or before it (events whose time cannot be read are passed over),
 * before the first when it is the earliest, last when no time can be read.
 */
export function placeInTime(items: readonly TimelineItem[], instant: number, kind: string | undefined): number {
  if (!items.some((item) => item.instant !== undefined)) return items.length;
  let index = 0;
  items.forEach((item, i) => {
    if (item.instant !== undefined && item.instant <= instant) index = i + 1;
  });
  // What set the incident off comes before the impact it caused, even in the same minute.
  if (kind === 'trigger') {
    const start = items.findIndex((item) => item.kind === 'impact-start' && item.instant === instant);
    if (start !== -1 && start < index) index = start;
  }
  return index;
}

/**
 * Splices an item's lines in before `items[index]` (after the last item when
 * `index` is their number), keeping the timeline's rhythm: where every pair
 * of events is separated by a blank line, so is this one (`separated` says
 * so for a timeline that had more events than `items`: one was moved).
 */
export function spliceItem(text: string, items: readonly TimelineItem[], index: number, lines: readonly string[], separated = isSeparated(text, items)): InsertedEvent {
  const eol = lineEnding(text);
  // A block scalar that keeps its trailing line breaks (`|+`) takes the blank lines right after it into
  // its value. So a new event whose lines end in such a blank line goes after the blank lines already
  // there (its own then separates it from what follows), and no blank line goes right after an event
  // that keeps them.
  const keepsLines = lines.at(-1) === '';
  let at: number;
  if (index === 0) at = leadingCommentsStart(text, items[0]!.dash);
  else at = keepsLines ? afterBlankLines(text, items[index - 1]!.end) : items[index - 1]!.end;
  const blankBefore = index > 0 && separated && !followsBlankLine(text, at) && !endsKeepingLines(text, items[index - 1]!.node);
  const blankAfter = index === 0 && separated && !keepsLines;
  const added = [...(blankBefore ? [''] : []), ...lines, ...(blankAfter ? [''] : [])];
  const appendedToLastLine = at >= text.length && text.length > 0 && !text.endsWith('\n');
  const eventLine = lineNumber(text, at) + (appendedToLastLine ? 1 : 0) + (blankBefore ? 1 : 0);
  // spliceLines puts the lines at `at`, or after a line break at the end of a text without a final one.
  const start = (appendedToLastLine ? text.length + eol.length : at) + (blankBefore ? eol.length : 0);
  return { ok: true, text: spliceLines(text, at, added, eol), line: eventLine, start, added: added.length, index };
}

/** Whether an event's last value is a block scalar that keeps its trailing line breaks (`text: |+`): a blank line after the event would be read as part of it. */
function endsKeepingLines(text: string, node: unknown): boolean {
  const value: unknown = isMap(node) ? node.items.at(-1)?.value : undefined;
  const start = isScalar(value) ? value.range?.[0] : undefined;
  return start !== undefined && new RegExp(`^${KEEPING_HEADER}`).test(text.slice(start, start + 3));
}

/** The header of a block scalar that keeps its trailing line breaks: `|+`, `>+`, `|2+`, `|+2`. */
export const KEEPING_HEADER = String.raw`[|>](?:[1-9]?\+|\+[1-9])`;

/** Whether every pair of events is separated by a blank line. */
export function isSeparated(text: string, items: readonly TimelineItem[]): boolean {
  return items.length > 1 && items.slice(1).every((item, i) => hasBlankLine(text, items[i]!.end, lineStart(text, item.dash)));
}

function readItems(text: string, seq: YAMLSeq<unknown>, zone: string): TimelineItem[] | undefined {
  const token = seq.srcToken;
  if (!token || token.type !== 'block-seq') return undefined;
  // Comment lines after the last item, at its indentation (`# add new events above this line`), are an item of their own in the syntax tree, with no dash.
  const dashes = token.items.flatMap((item) => item.start.filter((t) => t.type === 'seq-item-ind').map((t) => t.offset));
  if (dashes.length !== seq.items.length) return undefined;
  return seq.items.map((node, i) => {
    const dash = dashes[i]!;
    const end = withCommentsUnder(text, nextLineStart(text, Math.max(dash, contentEnd(node) - 1)), dash - lineStart(text, dash));
    return { node, dash, end, instant: instantIn(stringValue(node, 'at'), zone), kind: stringValue(node, 'kind') };
  });
}

/** `end`, moved past the comment lines indented under an item whose dash is at `dashColumn` (deeper than it): they are the item's own, and a new event goes after them. */
export function withCommentsUnder(text: string, end: number, dashColumn: number): number {
  while (end < text.length) {
    const line = lineAt(text, end);
    if (!isCommentLine(line) || indentation(line) <= dashColumn) break;
    end = nextLineStart(text, end);
  }
  return end;
}

/** The instant an event's `at` stands for, when it can be read. */
export function instantIn(at: string | undefined, zone: string): number | undefined {
  if (at === undefined) return undefined;
  const read = parseTimestamp(at, zone);
  return read.ok ? read.time.instant : undefined;
}

/** The text value of `key` in an event written as a mapping. */
export function stringValue(node: unknown, key: string): string | undefined {
  if (!isMap(node)) return undefined;
  const value = node.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.value;
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

/** Where an item's dash and its keys are: the columns a new item takes after it. */
export interface ItemLayout {
  dashColumn: number;
  keyColumn: number;
}

/** The columns of an event written as a block mapping; `undefined` for any other (a flow mapping, a scalar). */
export function itemLayout(text: string, item: TimelineItem): ItemLayout | undefined {
  if (!isMap(item.node) || item.node.flow) return undefined;
  const key = startOf(text, item.node as Node);
  const dashColumn = dashColumnOf(text, item);
  return key && key.column > dashColumn ? { dashColumn, keyColumn: key.column } : undefined;
}

/** The column of an item's dash. */
export function dashColumnOf(text: string, item: TimelineItem): number {
  return item.dash - lineStart(text, item.dash);
}

/**
 * The columns of a new item at `index` among `count` items, from `layoutOf`
 * each: those of a neighbouring event written as a block mapping (the one
 * before, else the one after, else any), else two spaces deeper than the
 * first item's dash.
 */
export function layoutAt(layoutOf: (i: number) => ItemLayout | undefined, count: number, index: number, firstDashColumn: number): ItemLayout {
  const neighbour = (index > 0 ? layoutOf(index - 1) : undefined) ?? (index < count ? layoutOf(index) : undefined);
  if (neighbour) return neighbour;
  for (let i = 0; i < count; i++) {
    const layout = layoutOf(i);
    if (layout) return layout;
  }
  return { dashColumn: firstDashColumn, keyColumn: firstDashColumn + 2 };
}

/**
 * The new item's lines. The YAML library writes the item (so every value is
 * quoted as much as it needs, and multi-line text becomes a literal block
 * scalar); the lines are then moved to the file's columns. Moving every line
 * by the same amount keeps a block scalar valid, indentation indicator and all.
 */
export function eventLines(event: NewEvent, dashColumn: number, keyColumn: number): string[] {
  const entry: Record<string, string | number | readonly string[]> = { at: event.at };
  if (event.kind !== undefined) entry.kind = event.kind;
  entry.text = event.text;
  if (event.by !== undefined) entry.by = event.by;
  if (event.links !== undefined && event.links.length > 0) entry.links = event.links;
  if (event.errorRate !== undefined) entry.error_rate = event.errorRate;
  if (event.sourceId !== undefined) entry['x-source-id'] = event.sourceId;
  const document = quoteAsFmtDoes(new Document([entry], { version: '1.2', schema: 'core' }));
  const written = document.toString({ lineWidth: 0, indent: 2, indentSeq: true }).replace(/\n$/, '').split('\n');
  const dashPrefix = `${' '.repeat(dashColumn)}-${' '.repeat(keyColumn - dashColumn - 1)}`;
  const shift = ' '.repeat(keyColumn - 2);
  return written.map((line, i) => (i === 0 ? `${dashPrefix}${line.slice(2)}` : line === '' ? '' : `${shift}${line}`));
}
