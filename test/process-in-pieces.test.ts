import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PIECE_CHARS, printInPieces, splitForParsing } from '../src/render/markdown/process-in-pieces.js';
import { normaliseMarkdown } from '../src/render/render-postmortem.js';
import { loadReportTemplates, renderReportMarkdown } from '../src/report/render-report.js';
import type { Report } from '../src/report/report-model.js';
import { FIXTURES } from './helpers.js';

const whole = (text: string) => normaliseMarkdown(text, undefined, Number.POSITIVE_INFINITY);

/** Markdown where a careless cut would change the output: fences, loose lists, quotes, tables. */
function tricky(rows: number): string {
  const table = Array.from({ length: rows }, (_, i) => `| ${i} | row \\| ${i} *x* | [l](https://e.com/${i}) |`);
  return [
    '# Title',
    '',
    '- a loose list',
    '',
    '- second item',
    '',
    '  still the second item',
    '',
    '```text',
    '',
    '# not a heading',
    '',
    '| not | a table |',
    '| - | - |',
    '```',
    '',
    '> a quote',
    '',
    '| n | text | link |',
    '| - | :-: | -: |',
    ...table,
    '',
    '## After the table',
    '',
    '    indented code',
    '',
    '# Last',
    '',
    '1. one',
    '2. two',
    '',
  ].join('\n');
}

describe('processing large Markdown in pieces', () => {
  it('prints exactly what processing it whole prints, whatever the piece size', () => {
    const text = tricky(400);
    const expected = whole(text);
    for (const size of [1, 50, 333, 2000, 10_000]) assert.equal(normaliseMarkdown(text, undefined, size), expected, `pieces of ${size}`);
  });

  it('really cuts: tables between rows (repeating the header), never inside fenced code', () => {
    const pieces = [...splitForParsing(tricky(400), 2000)];
    assert.ok(pieces.length > 5, `${pieces.length} pieces`);
    const continued = pieces.filter((piece) => piece.continuesTable);
    assert.ok(continued.length > 3);
    for (const piece of continued) assert.match(piece.text, /^\| n \| text \| link \|\n\| - \| :-: \| -: \|\n\| \d+ \|/);
    const fenced = pieces.find((piece) => piece.text.includes('# not a heading'))!;
    assert.match(fenced.text, /```text[\s\S]*# not a heading[\s\S]*```/);
  });

  it('cuts a long timeline table into small pieces, so each piece’s parse dies young', () => {
    // 16 KB pieces made a 25,000-event postmortem spend a third of its time in garbage collection.
    const pieces = [...splitForParsing(tricky(2000))];
    assert.ok(pieces.length > 20, `${pieces.length} pieces`);
    for (const piece of pieces) assert.ok(piece.text.length <= PIECE_CHARS + 200, `a piece of ${piece.text.length} characters`);
  });

  it('runs betweenPieces after each piece, and yields the output as it is printed', () => {
    const text = tricky(4000);
    const pieces = [...splitForParsing(text)];
    let calls = 0;
    const printed: string[] = [];
    for (const output of printInPieces(text, whole, PIECE_CHARS, () => (calls += 1))) {
      // Each piece is yielded before the next one is processed.
      assert.equal(calls, printed.length + 1);
      printed.push(output);
    }
    assert.equal(calls, pieces.length);
    assert.equal(printed.join(''), whole(text));
  });

  it('gives the same output on every rendered postmortem and report fixture, in pieces of any size', async () => {
    const outputs = [
      ...readdirSync(join(FIXTURES, 'valid')).map((name) => join(FIXTURES, 'valid', name, 'expected.md')),
      join(FIXTURES, 'report-render', 'expected.md'),
    ];
    const report = JSON.parse(readFileSync(join(FIXTURES, 'report-render', 'report.json'), 'utf8')) as Report;
    const templates = await loadReportTemplates();
    assert.ok(templates.ok);
    const rendered = renderReportMarkdown(report, templates.templates, Number.POSITIVE_INFINITY);
    for (const size of [200, 3000]) assert.equal(renderReportMarkdown(report, templates.templates, size), rendered, `report in pieces of ${size}`);
    for (const file of outputs) {
      const text = readFileSync(file, 'utf8');
      const expected = whole(text);
      for (const size of [100, 1000]) assert.equal(normaliseMarkdown(text, undefined, size), expected, `${file} in pieces of ${size}`);
    }
  });
});
