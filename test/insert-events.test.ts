/**
 * `insertEvents` (what `import --into` adds with) writes, byte for byte, what
 * `insertEvent` called on each event in turn writes: for random timelines
 * (events in and out of time order, times that cannot be read, equal times,
 * triggers, flow items, blank lines between some or all events, comments
 * above and under events, CRLF, no final newline) and random events (equal
 * times, seconds that the written minute drops, multi-line text).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { type NewEvent, insertEvent } from '../src/authoring/insert-event.js';
import { insertEvents } from '../src/authoring/insert-events.js';
import { parseTimestamp } from '../src/time/timestamp.js';
import { byDepth } from './depth.js';

const ZONE = 'Europe/Berlin';
const RUNS = Number(process.env.FUZZ_RUNS ?? byDepth(300, 3000));
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

const TIMES = ['2026-03-29 01:50', '2026-03-29 03:10', '2026-03-29 03:10', '2026-03-29 04:00', '2026-03-29T02:30Z', '~2026-03-29 05:00', 'sometime'];
const KINDS = [undefined, 'trigger', 'impact-start', 'detected', 'resolved', 'note'];

/** One existing event, as text lines at `dash` spaces. */
const existingItem = fc.record({
  at: fc.constantFrom(...TIMES),
  kind: fc.constantFrom(...KINDS),
  form: fc.constantFrom('block', 'block', 'block', 'flow', 'literal', 'stripped', 'kept'),
  commentUnder: fc.boolean(),
  commentAbove: fc.boolean(),
});

const timeline = fc.record({
  items: fc.array(existingItem, { minLength: 1, maxLength: 6 }),
  dash: fc.constantFrom(0, 2),
  blankLines: fc.constantFrom('none', 'all', 'some'),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  after: fc.constantFrom('', 'lessons: []\n'),
  // A comment line at the items' indentation after the last one (`# add new events above this line`).
  commentAfterLast: fc.boolean(),
});

type Timeline = typeof timeline extends fc.Arbitrary<infer T> ? T : never;

/**
 * The text of a timeline. A `|+` block that ends a file without a final line
 * break keeps none; any event after it gives it one, which no edit can avoid:
 * such a file is not generated.
 */
function timelineText(t: Timeline): string {
  const pad = ' '.repeat(t.dash);
  const lines = ['id: 2026-03-29-test', 'title: Test', `timezone: ${ZONE}`, 'timeline:'];
  t.items.forEach((item, i) => {
    if (i > 0 && (t.blankLines === 'all' || (t.blankLines === 'some' && i % 2 === 0))) lines.push('');
    if (item.commentAbove) lines.push(`${pad}# about event ${i}`);
    const kind = item.kind === undefined ? '' : item.kind;
    if (item.form === 'flow') lines.push(`${pad}- { at: "${item.at}", ${kind ? `kind: ${kind}, ` : ''}text: "event ${i}" }`);
    else {
      lines.push(`${pad}- at: "${item.at}"`);
      if (kind) lines.push(`${pad}  kind: ${kind}`);
      // Block scalars: `|` and `|-` end with their last line, `|+` takes the blank lines after it.
      const indicator = { literal: '|', stripped: '|-', kept: '|+' }[item.form as 'literal' | 'stripped' | 'kept'];
      if (indicator) lines.push(`${pad}  text: ${indicator}`, `${pad}    event ${i}`, `${pad}    continued`);
      else lines.push(`${pad}  text: event ${i}`);
    }
    if (item.commentUnder) lines.push(`${pad}    # under event ${i}`);
  });
  if (t.commentAfterLast && t.items.at(-1)!.form !== 'kept') lines.push(`${pad}# add new events above this line`);
  let text = lines.join('\n') + (t.after ? `\n${t.after.trimEnd()}` : '');
  if (t.finalNewline || t.items.at(-1)!.form === 'kept') text += '\n';
  return t.crlf ? text.replace(/\n/g, '\r\n') : text;
}

const newEvent: fc.Arbitrary<NewEvent> = fc
  .record({
    at: fc.constantFrom('2026-03-29 01:00', '2026-03-29 03:10', '2026-03-29 03:30', '2026-03-29 06:00', '2026-03-29T00:10Z'),
    seconds: fc.constantFrom(0, 0, 42),
    kind: fc.constantFrom(...KINDS),
    text: fc.constantFrom('Paged the team.', 'Two\nlines', 'Kept\n\n', 'quote: "x" # not a comment'),
    sourceId: fc.option(fc.constantFrom('a1', 'b2'), { nil: undefined }),
  })
  .map(({ at, seconds, kind, text, sourceId }) => {
    const read = parseTimestamp(at, ZONE);
    assert.ok(read.ok, at);
    return {
      at,
      instant: read.time.instant + seconds * 1000,
      text,
      ...(kind === undefined ? {} : { kind }),
      ...(sourceId === undefined ? {} : { sourceId }),
    };
  });

describe('insertEvents', () => {
  it('writes what insertEvent on each event in turn writes', () => {
    let inserted = 0;
    fc.assert(
      fc.property(timeline, fc.array(newEvent, { minLength: 1, maxLength: 8 }), (t, events) => {
        const text = timelineText(t);
        let oneByOne = text;
        for (const event of events) {
          const step = insertEvent(oneByOne, event, ZONE);
          // Every generated timeline is a block list, which takes any event.
          assert.ok(step.ok, `refused: ${step.ok ? '' : step.message}`);
          oneByOne = step.text;
        }
        const together = insertEvents(text, events, ZONE);
        assert.ok(together.ok, 'added one by one, added together');
        assert.equal(together.text, oneByOne);
        inserted += events.length;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    assert.ok(inserted > RUNS, `only ${inserted} events were added in ${RUNS} runs`);
  });

  it("changes no event's values, and writes the new ones' exactly", () => {
    const values = (text: string) => {
      const timeline = (parse(text) as { timeline: { at: string; kind?: string; text: string }[] }).timeline;
      return timeline.map((event) => JSON.stringify([String(event.at), event.kind ?? null, event.text])).sort();
    };
    fc.assert(
      fc.property(timeline, fc.array(newEvent, { minLength: 1, maxLength: 8 }), (t, events) => {
        const text = timelineText(t);
        const inserted = insertEvents(text, events, ZONE);
        if (!inserted.ok) return;
        const expected = [...values(text), ...events.map((event) => JSON.stringify([event.at, event.kind ?? null, event.text]))].sort();
        assert.deepEqual(values(inserted.text), expected);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('leaves the text as it was when there is nothing to add, even without a timeline', () => {
    assert.deepEqual(insertEvents('id: x\n', [], ZONE), { ok: true, text: 'id: x\n' });
  });
});
