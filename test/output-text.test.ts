import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { jsonArrayText, jsonText } from '../src/output/json-text.js';
import { OutputFolder } from '../src/output/output-folder.js';
import { writePieces } from '../src/output/output-text.js';
import { csvPieces, toCsv } from '../src/report/csv.js';
import { tempDir } from './helpers.js';

/**
 * Large results (reports, exports and action lists over 100,000 incidents)
 * are written as they are made: these check that the pieces join to exactly
 * the text made in one go, and that a result that fails half-way leaves
 * nothing behind.
 */
describe('text written in pieces', () => {
  it('jsonText is byte for byte JSON.stringify(value, null, 2) and a line break, at every depth', () => {
    const samples: unknown[] = [
      null,
      'text\nwith "quotes" and é ✓ \u2028',
      [],
      {},
      [[], {}, [[]], { a: [] }],
      { a: 1, b: undefined, c: () => 1, d: [undefined, () => 1, null], e: { f: { g: [1, { h: 'i\nj' }] } } },
      { 'key\nwith break': ['x'], '': {} },
    ];
    for (const value of samples) {
      for (const depth of [0, 1, 2, 3, 10]) assert.equal([...jsonText(value, depth)].join(''), `${JSON.stringify(value, null, 2)}\n`, `${JSON.stringify(value)} at depth ${depth}`);
    }
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat({ max: 6 }), (value, depth) => [...jsonText(value, depth)].join('') === `${JSON.stringify(value, null, 2)}\n`),
      { numRuns: 300 },
    );
  });

  it('jsonArrayText writes items as they are made, as JSON.stringify would write the array', () => {
    function* rows() {
      for (let index = 0; index < 3; index += 1) yield { index, name: `row ${index}` };
    }
    assert.equal([...jsonArrayText(rows())].join(''), `${JSON.stringify([...rows()], null, 2)}\n`);
    assert.equal([...jsonArrayText([])].join(''), '[]\n');
  });

  it('csvPieces joins to toCsv, with formulas neutralised across piece boundaries', () => {
    const rows = Array.from({ length: 2500 }, (_, index) => [index % 7 === 0 ? `=cell ${index}` : `cell, ${index}`, index, index % 2 === 0]);
    const pieces = [...csvPieces(['text', 'number', 'flag'], rows)];
    assert.ok(pieces.length >= 3, `${pieces.length} pieces`);
    assert.equal(pieces.join(''), toCsv(['text', 'number', 'flag'], rows));
    assert.equal([...csvPieces(['a'], [], { raw: true })].join(''), toCsv(['a'], [], { raw: true }));
  });

  it('writePieces gathers small pieces into larger writes, and drops empty ones', () => {
    const many = Array.from({ length: 100_000 }, (_, index) => `${index}\n`);
    const written = [...writePieces(many)];
    assert.equal(written.join(''), many.join(''));
    assert.ok(written.length < 20, `${written.length} writes`);
    assert.deepEqual([...writePieces('')], []);
    assert.deepEqual([...writePieces([])], []);
  });

  it('writes a result made in pieces to a file, and leaves no file and no temporary file when making it fails half-way', async () => {
    const dir = tempDir('postmortem-pieces-');
    const folder = new OutputFolder(dir);
    const pieces = Array.from({ length: 50_000 }, (_, index) => `line ${index}\n`);
    assert.deepEqual(await folder.write('out.txt', pieces), { ok: true, status: 'written' });
    assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), pieces.join(''));

    function* failing() {
      yield* pieces;
      throw new Error('a bug while making the text');
    }
    await assert.rejects(folder.write('other.txt', failing()), /a bug while making the text/);
    // The earlier file is left as it was; the failed one never appears, not even half of it.
    await assert.rejects(folder.write('out.txt', failing()), /a bug/);
    assert.deepEqual(readdirSync(dir), ['out.txt']);
    assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), pieces.join(''));
  });
});
