import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import type { ImportResult } from '../src/import/imported-incident.js';
import { type SlackImportOptions, readSlackExport } from '../src/import/sources/slack-export.js';
import { tsInstant } from '../src/import/sources/slack-message.js';
import { FIXTURES, expectFile, tempDir } from './helpers.js';

/**
 * Fixture folders test/fixtures/import/slack/<case>/: `export/` is a Slack
 * export folder, `options.json` the options (`since`/`until` as ISO
 * times), `expected.json` what the import gives: the incident and its
 * warnings, or the diagnostics, with paths relative to the case folder.
 * UPDATE_FIXTURES=1 rewrites them.
 */
const CASES = join(FIXTURES, 'import', 'slack');

function optionsOf(folder: string): SlackImportOptions {
  const raw = JSON.parse(readFileSync(join(folder, 'options.json'), 'utf8')) as Record<string, unknown>;
  const options = { ...raw } as SlackImportOptions & { since?: unknown; until?: unknown };
  if (typeof raw.since === 'string') options.since = Date.parse(raw.since);
  if (typeof raw.until === 'string') options.until = Date.parse(raw.until);
  return options;
}

/** The result as JSON, with the case folder's path taken out of file names. */
function shown(result: ImportResult, folder: string): string {
  const local = (file: string) => relative(folder, file).split(sep).join('/');
  const fix = <T extends { file: string }>(d: T): T => ({ ...d, file: local(d.file) });
  const out = result.ok ? { ...result, warnings: result.warnings.map(fix) } : { ...result, diagnostics: result.diagnostics.map(fix) };
  return `${JSON.stringify(out, null, 2)}\n`;
}

describe('Slack export fixtures', () => {
  for (const name of readdirSync(CASES).sort()) {
    it(name, async () => {
      const folder = join(CASES, name);
      const result = await readSlackExport(join(folder, 'export'), optionsOf(folder));
      const { expected, actual } = expectFile(join(folder, 'expected.json'), shown(result, folder));
      assert.equal(actual, expected);
      if (result.ok) {
        for (const event of result.incident.events) {
          assert.ok(event.text.trim() !== '', `${event.sourceId} has text`);
          assert.equal(event.instant, tsInstant(event.sourceId.split(':')[2]!));
        }
      }
    });
  }
});

describe('Slack export reading', () => {
  it('keeps `ts` as written and derives the instant from its digits, not from a float', () => {
    // As a float, 1709546405.999999 * 1000 is 1709546405999.9990 and rounds to ...406000.
    assert.equal(tsInstant('1709546405.999999'), 1_709_546_405_999);
    assert.equal(tsInstant('1709546405.000999'), 1_709_546_405_000);
    assert.equal(tsInstant('0000000001.001000'), 1001);
  });

  it('names the expected shape and the place of a day file that is not a list', async () => {
    const result = await readSlackExport(join(CASES, 'bad-day-not-array', 'export'), { select: { kind: 'all' } });
    assert.equal(result.ok, false);
    const [diagnostic] = result.ok ? [] : result.diagnostics;
    assert.match(diagnostic!.file, /inc-checkout[/\\]2024-03-05\.json$/);
    assert.deepEqual([diagnostic!.rule, diagnostic!.line, diagnostic!.column], ['import-shape', 1, 1]);
    assert.match(diagnostic!.message, /^Unexpected object at \/, expected an array of messages/);
  });

  it('refuses a path that is neither an export folder nor a zip, and a zip for now', async () => {
    const dir = tempDir('postmortem-slack-');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    writeFileSync(join(dir, 'export.zip'), Buffer.from('PK\x03\x04rest', 'latin1'));
    for (const [file, rule] of [
      ['notes.txt', 'import-shape'],
      ['export.zip', 'import-unreadable'],
      ['missing', 'import-unreadable'],
    ] as const) {
      const result = await readSlackExport(join(dir, file), {});
      assert.equal(result.ok ? 'ok' : result.diagnostics[0]!.rule, rule, file);
    }
    const empty = await readSlackExport(dir, {});
    assert.equal(empty.ok ? 'ok' : empty.diagnostics[0]!.message, 'Unexpected folder without channels.json, expected a Slack workspace export');
  });

  it('never reads a channel folder outside the export', async () => {
    const dir = tempDir('postmortem-slack-');
    writeFileSync(join(dir, 'channels.json'), JSON.stringify([{ id: 'C1', name: '..' }]));
    const result = await readSlackExport(dir, {});
    assert.equal(result.ok ? 'ok' : result.diagnostics[0]!.rule, 'import-shape');
  });
});
