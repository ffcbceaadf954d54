import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import type { ImportResult } from '../src/import/imported-incident.js';
import { readSlackExport } from '../src/import/sources/slack-export.js';
import { tsInstant } from '../src/import/sources/slack-message.js';
import { FIXTURES, tempDir } from './helpers.js';
import { zipArchive } from './zip-writer.js';

/**
 * What the Slack reader does beyond the fixture pairs test/import.test.ts
 * runs (test/fixtures/import/slack/<case>/input → expected.yaml): instants
 * from `ts`, the zip export, and paths that would lead out of the export.
 */
const CASES = join(FIXTURES, 'import', 'slack');

/** Every file under a folder, as zip entry names (`/`), sorted. */
function filesUnder(root: string, folder = root): { name: string; text: Buffer }[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? filesUnder(root, path) : [{ name: relative(root, path).split(sep).join('/'), text: readFileSync(path) }];
    });
}

const ALL = { select: { kind: 'all' } } as const;

/** A result with file names made relative to `base`, to compare a zip's with a folder's. */
function comparable(result: ImportResult, base: string): unknown {
  const local = <T extends { file: string }>(d: T): T => ({ ...d, file: relative(base, d.file).split(sep).join('/') });
  return result.ok ? { ...result, warnings: result.warnings.map(local) } : { ...result, diagnostics: result.diagnostics.map(local) };
}

describe('Slack export reading', () => {
  it('derives every event’s instant from its `ts` digits, not from a float', async () => {
    // As a float, 1709546405.999999 * 1000 is 1709546405999.9990 and rounds to ...406000.
    assert.equal(tsInstant('1709546405.999999'), 1_709_546_405_999);
    assert.equal(tsInstant('1709546405.000999'), 1_709_546_405_000);
    assert.equal(tsInstant('0000000001.001000'), 1001);
    for (const name of ['threads', 'bots', 'markup']) {
      const result = await readSlackExport({ path: join(CASES, name, 'input'), display: 'input' }, ALL);
      assert.ok(result.ok && result.incident.events.length > 0, name);
      for (const event of result.incident.events) assert.equal(event.instant, tsInstant(event.sourceId.split(':')[2]!), event.sourceId);
    }
  });

  it('refuses a path that is neither an export folder nor a zip, a broken zip, and a missing path', async () => {
    const dir = tempDir('postmortem-slack-');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    writeFileSync(join(dir, 'export.zip'), Buffer.from('PK\x03\x04rest', 'latin1'));
    for (const [file, rule] of [
      ['notes.txt', 'import-shape'],
      ['export.zip', 'import-unreadable'],
      ['missing', 'import-unreadable'],
    ] as const) {
      const result = await readSlackExport({ path: join(dir, file), display: file }, {});
      assert.equal(result.ok ? 'ok' : result.diagnostics[0]!.rule, rule, file);
      assert.equal(result.ok ? '' : result.diagnostics[0]!.file, file, 'named as the command line names it');
    }
    const empty = await readSlackExport({ path: dir, display: 'dir' }, {});
    assert.equal(empty.ok ? 'ok' : empty.diagnostics[0]!.message, 'Unexpected folder without channels.json, expected a Slack workspace export');
  });

  it('never reads a channel folder outside the export', async () => {
    const dir = tempDir('postmortem-slack-');
    writeFileSync(join(dir, 'channels.json'), JSON.stringify([{ id: 'C1', name: '..' }]));
    const result = await readSlackExport({ path: dir, display: 'dir' }, {});
    assert.equal(result.ok ? 'ok' : result.diagnostics[0]!.rule, 'import-shape');
  });
});

describe('Slack export as a zip', () => {
  for (const name of ['threads', 'research-example-all', 'bad-day-messages', 'channels-none-named']) {
    it(`reads ${name} from a zip exactly as from its folder`, async () => {
      const folder = join(CASES, name, 'input');
      const options = JSON.parse(readFileSync(join(CASES, name, 'options.json'), 'utf8')) as { all?: boolean; channel?: string };
      const chosen = { ...(options.all ? ALL : {}), ...(options.channel ? { channel: options.channel } : {}) };
      const zip = join(tempDir('postmortem-slack-zip-'), 'export.zip');
      writeFileSync(zip, zipArchive(filesUnder(folder)));
      const fromFolder = await readSlackExport({ path: folder, display: 'export' }, chosen);
      const fromZip = await readSlackExport({ path: zip, display: 'export.zip' }, chosen);
      assert.deepEqual(comparable(fromZip, 'export.zip'), comparable(fromFolder, 'export'));
    });
  }

  it('reads a zip of the export folder (everything under one folder) as the export', async () => {
    const folder = join(CASES, 'threads', 'input');
    const zip = join(tempDir('postmortem-slack-zip-'), 'export.zip');
    writeFileSync(zip, zipArchive(filesUnder(folder).map((file) => ({ ...file, name: `acme-export/${file.name}` }))));
    const result = await readSlackExport({ path: zip, display: 'export.zip' }, ALL);
    assert.equal(result.ok && result.incident.events.length, 5);
  });

  it('refuses entry names that lead out of the export, reading nothing', async () => {
    for (const bad of ['../evil.json', '/etc/evil.json', 'general/../../evil.json']) {
      const zip = join(tempDir('postmortem-slack-zip-'), 'export.zip');
      writeFileSync(zip, zipArchive([{ name: 'channels.json', text: '[{"id":"C1","name":"general"}]' }, { name: bad, text: '[]' }]));
      const result = await readSlackExport({ path: zip, display: 'export.zip' }, ALL);
      assert.equal(result.ok, false, bad);
      const [problem] = result.ok ? [] : result.diagnostics;
      assert.equal(problem!.rule, 'import-shape', bad);
      assert.match(problem!.message, /^Unexpected entry name in the zip \((absolute path|invalid relative path): /, bad);
    }
  });

  it('refuses an entry whose bytes do not match its checksum (a damaged zip)', async () => {
    const zip = zipArchive([{ name: 'channels.json', text: '[{"id":"C1","name":"general"}]' }]);
    // The central directory's CRC-32 (offset 16 of its header) no longer matches the bytes, as after one flipped bit in a stored entry.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE((zip.readUInt32LE(central + 16) ^ 1) >>> 0, central + 16);
    const path = join(tempDir('postmortem-slack-zip-'), 'export.zip');
    writeFileSync(path, zip);
    const result = await readSlackExport({ path, display: 'export.zip' }, ALL);
    assert.equal(result.ok ? 'ok' : result.diagnostics[0]!.rule, 'import-unreadable');
    assert.match(result.ok ? '' : result.diagnostics[0]!.message, /^Cannot read the zip: the entry is damaged \(its CRC-32 does not match\)$/);
  });

  it('refuses an entry larger than its header says', async () => {
    const zip = zipArchive([{ name: 'channels.json', text: '[{"id":"C1","name":"general"}]' }]);
    // The central directory's uncompressed size (offset 24 of its header) says one byte fewer.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(zip.readUInt32LE(central + 24) - 1, central + 24);
    const path = join(tempDir('postmortem-slack-zip-'), 'export.zip');
    writeFileSync(path, zip);
    const result = await readSlackExport({ path, display: 'export.zip' }, ALL);
    assert.equal(result.ok ? 'ok' : result.diagnostics[0]!.rule, 'import-unreadable');
  });
});
