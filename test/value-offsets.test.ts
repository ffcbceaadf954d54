import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Document, LineCounter, Scalar, isMap, parseDocument } from 'yaml';
import { valueSource } from '../src/source/value-offsets.js';

/** The value of `key` in `text`, and where each of its words was written. */
function words(text: string, key = 'field') {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  assert.equal(document.errors.length, 0, String(document.errors[0]));
  const node: unknown = isMap(document.contents) ? document.contents.get(key, true) : undefined;
  const map = valueSource(text, node);
  assert.ok(map, 'a string scalar');
  const value = (node as Scalar<string>).value;
  return [...value.matchAll(/\S+/g)].map((match) => {
    const [start, end] = map.range(match.index, match.index + match[0].length);
    const position = lineCounter.linePos(start);
    return { word: match[0], written: text.slice(start, end), at: `${position.line}:${position.col}` };
  });
}

/** Every word of the value is found, as written, in the source. */
function assertWordsInPlace(text: string, key?: string) {
  for (const { word, written } of words(text, key)) assert.equal(written, word);
}

const at = (text: string, word: string) => words(text).find((entry) => entry.word === word)?.at;

describe('valueSource: each character of a value at its place in the source', () => {
  it('a plain one-line value', () => {
    assert.equal(at('field: Sam forgot to restart it\n', 'forgot'), '1:12');
  });

  it('a literal block scalar, indentation stripped', () => {
    const text = 'other: x\nfield: |\n  First line.\n    More indented.\n  Then human error.\n';
    assertWordsInPlace(text);
    assert.equal(at(text, 'human'), '5:8');
    assert.equal(at(text, 'More'), '4:5');
  });

  it('a folded block scalar: folded line breaks are spaces in the value', () => {
    const text = 'nested:\n  field: >\n    The deploy went out\n    and someone\n\n    should have checked.\n';
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter });
    const node = (document.get('nested') as { get(key: string, keep: true): unknown }).get('field', true);
    const value = (node as Scalar<string>).value;
    assert.equal(value, 'The deploy went out and someone\nshould have checked.\n');
    const map = valueSource(text, node)!;
    const index = value.indexOf('should have');
    const [start, end] = map.range(index, index + 'should have'.length);
    assert.equal(text.slice(start, end), 'should have');
    assert.deepEqual(lineCounter.linePos(start), { line: 6, col: 5 });
    // The space that stands for the folded line break is that line break.
    const fold = value.indexOf(' and');
    assert.equal(text[map.range(fold, fold + 1)[0]], '\n');
  });

  it('keep and strip chomping', () => {
    assertWordsInPlace('field: |+\n  kept lines\n  here\n\n\nnext: x\n');
    assertWordsInPlace('field: >-\n  stripped\n  folded text\n\nnext: x\n');
    assert.equal(at('field: |-\n  a\n  the end\n', 'end'), '3:7');
  });

  it('an indentation indicator keeps the extra spaces in the value', () => {
    const text = 'list:\n  - field: |2\n        indented code\n       less indented\n';
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter });
    const item = (document.get('list') as { items: Document.Parsed['contents'][] }).items[0];
    const node: unknown = isMap(item) ? item.get('field', true) : undefined;
    const value = (node as Scalar<string>).value;
    assert.equal(value, '  indented code\n less indented\n');
    const map = valueSource(text, node)!;
    for (const word of ['indented', 'code', 'less']) {
      const index = value.indexOf(word);
      const [start, end] = map.range(index, index + word.length);
      assert.equal(text.slice(start, end), word);
    }
    assert.deepEqual(lineCounter.linePos(map.range(value.indexOf('less'), value.indexOf('less') + 4)[0]), { line: 4, col: 8 });
  });

  it('a block scalar with CRLF line endings', () => {
    const text = 'field: >\r\n  one two\r\n  three four\r\n';
    assertWordsInPlace(text);
    assert.equal(at(text, 'three'), '3:3');
  });

  it('a plain value over several lines', () => {
    const text = 'field: The rollback\n  was blamed   \n\n  on Sam\nnext: x\n';
    assertWordsInPlace(text);
    assert.equal(at(text, 'blamed'), '2:7');
    assert.equal(at(text, 'Sam'), '4:6');
  });

  it("single quotes: '' is one quote", () => {
    const text = "field: 'It''s the\n  fault of the tool'\n";
    assert.equal(at(text, 'fault'), '2:3');
    assert.equal(words(text)[0]!.written, "It''s");
  });

  it('double quotes: escapes are one character, an escaped line break joins the lines', () => {
    const text = 'field: "Tab\\there, \\"quoted\\" \\u00e9t\\u00e9 \\\n  joined and\n  folded \\U0001F600 end"\n';
    const found = words(text);
    assert.deepEqual(
      found.map((entry) => entry.word),
      ['Tab', 'here,', '"quoted"', 'été', 'joined', 'and', 'folded', '😀', 'end'],
    );
    assert.equal(found.find((entry) => entry.word === 'joined')!.at, '2:3');
    assert.equal(found.find((entry) => entry.word === 'folded')!.at, '3:3');
    assert.equal(found.find((entry) => entry.word === 'end')!.written, 'end');
    assert.equal(found.find((entry) => entry.word === '"quoted"')!.written, '\\"quoted\\"');
  });

  it('any value written in any style: every word at its place', () => {
    const word = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9.,]{0,11}$/);
    const types = [Scalar.PLAIN, Scalar.QUOTE_SINGLE, Scalar.QUOTE_DOUBLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED] as const;
    fc.assert(
      fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }), fc.constantFrom(...types), fc.integer({ min: 0, max: 3 }), (lines, type, depth) => {
        const value = lines.map((line) => line.join(' ')).join(type === Scalar.PLAIN ? ' ' : '\n');
        const scalar = new Scalar(value);
        scalar.type = type;
        let contents: unknown = new Document({ field: scalar }).contents;
        for (let level = 0; level < depth; level += 1) contents = new Document({ nested: [contents] }).contents;
        const text = new Document(contents).toString({ lineWidth: 24, minContentWidth: 0 });
        const document = parseDocument(text);
        let node: unknown = document.contents;
        for (let level = 0; level < depth; level += 1) node = ((node as { get(key: string, keep: true): { items: unknown[] } }).get('nested', true)).items[0];
        const field = (node as { get(key: string, keep: true): Scalar<string> }).get('field', true);
        const map = valueSource(text, field)!;
        for (const match of field.value.matchAll(/\S+/g)) {
          const [start, end] = map.range(match.index, match.index + match[0].length);
          // A double-quoted value may be broken inside a word, by an escaped line break.
          assert.equal(text.slice(start, end).replace(/\\\n *\\?/g, ''), match[0], `${JSON.stringify(match[0])} in\n${text}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
