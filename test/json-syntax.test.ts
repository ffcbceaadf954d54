import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { firstJsonError } from '../src/authoring/json-syntax.js';

/** Whether `JSON.parse` accepts the text: the judge the locator must agree with. */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('firstJsonError', () => {
  it('names the place where the text stops being JSON', () => {
    const cases: [string, number, RegExp][] = [
      ['{"a": 1,}', 8, /Unexpected `\}`, expected a property name in double quotes/],
      ['{"a" 1}', 5, /expected `:` after the property name/],
      ['{"a": tru}', 6, /expected a value/],
      ['[1, 2', 5, /Unexpected end of the file/],
      ['{"a": "x', 6, /Unexpected end of the file in a string that starts here/],
      ['{"a": "x\ny"}', 8, /Unexpected character U\+000A in a string/],
      ['{"a": "\\q"}', 7, /Unexpected escape `\\q`/],
      ['{"a": "\\u12"}', 7, /four hexadecimal digits/],
      ['{"a": 01}', 7, /Unexpected `1`, expected `,` or `\}`/],
      ['{"a": -}', 6, /expected a number/],
      ['{} {}', 3, /after the end of the JSON value/],
      ["{'a': 1}", 1, /Unexpected `'`/],
      ['[1 2]', 3, /expected `,` or `\]`/],
      ['{"a": 1]', 7, /expected `,` or `\}`/],
    ];
    for (const [text, offset, message] of cases) {
      assert.equal(parses(text), false, text);
      const found = firstJsonError(text);
      assert.equal(found?.offset, offset, text);
      assert.match(found.message, message, text);
    }
  });

  it('finds nothing in valid JSON, however deeply nested', () => {
    for (const text of ['{}', '[]', '0', '-1.5e+3', '"\\u00e9\\n"', ' {"a": [true, false, null, {"b": {}}]} \n', `${'['.repeat(100_000)}${']'.repeat(100_000)}`]) {
      assert.equal(parses(text), true, text.slice(0, 40));
      assert.equal(firstJsonError(text), null, text.slice(0, 40));
    }
    assert.equal(firstJsonError('['.repeat(100_000))?.offset, 100_000, 'no stack overflow on deep nesting');
  });

  it('agrees with JSON.parse on valid JSON, and on JSON with one character changed, added or removed', () => {
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...'{}[]",:\\ \n0-1.eEtrufalsn\u0001x'))
      .map(([text, at, how, ch]) => {
        const i = at % (text.length + 1);
        if (how === 'insert') return text.slice(0, i) + ch + text.slice(i);
        if (how === 'delete') return text.slice(0, i) + text.slice(i + 1);
        return text.slice(0, i) + ch + text.slice(i + 1);
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated), (text) => (firstJsonError(text) === null) === parses(text)),
      { numRuns: 5_000 },
    );
  });
});
