/**
 * Work in proportion to its size: memory that does not grow with the number
 * of files, and output of large runs identical to what the whole run printed
 * at once. No timed assertions: a memory bound is a heap limit the run must
 * finish under (`--max-old-space-size`), sized so that keeping every file's
 * result would exceed it several times over.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { longIncident } from '../bench/generate-long.js';
import { type CliIo, clock } from '../src/cli/io.js';
import { reportRun } from '../src/cli/commands/shared.js';
import type { CommonArgs } from '../src/cli/options.js';
import { defaultConfig } from '../src/config/config.js';
import { validateIncidents } from '../src/pipeline/run.js';
import { collectRecords } from '../src/report/collect-records.js';
import { freeMemory } from '../src/cli/free-memory.js';
import { IdRegistry } from '../src/pipeline/unique-ids.js';
import { byDepth } from './depth.js';
import { BIN, FIXTURES, runCli, tempDir } from './helpers.js';

/** `count` valid incidents of `events` events each, with their own ids. */
function longIncidents(count: number, events: number): string {
  const folder = tempDir('postmortem-large-');
  const incidents = join(folder, 'incidents');
  mkdirSync(incidents);
  const text = longIncident(events);
  for (let index = 0; index < count; index += 1) {
    const name = `incident-${String(index).padStart(3, '0')}`;
    writeFileSync(join(incidents, `${name}.yaml`), text.replace(/^id: .*$/m, `id: ${name}`));
  }
  return folder;
}

/** The built CLI under a heap limit (MB); a run that keeps too much dies of it. */
function underHeapLimit(megabytes: number, argv: string[], cwd: string) {
  const result = spawnSync(process.execPath, [`--max-old-space-size=${megabytes}`, BIN, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr.slice(-2000) };
}

describe('memory does not grow with the number of files', () => {
  // 160 models of 1,000 events are about 160 MB kept. One at a time peaks at
  // 25–35 MB live (the parsed document of one file): Node 24 needs more
  // headroom above that than 20 and 22, so the limit is 64 MB, not 40.
  // Under `npm test` 80 files, whose models would still be 80 MB kept.
  const files = byDepth(80, 160);
  const folder = longIncidents(files, 1000);

  it(`validate keeps no file’s model or result once it is printed (${byDepth('80 files, or 160', '160 files')} at the thorough depth)`, () => {
    const run = underHeapLimit(64, ['validate', 'incidents'], folder);
    assert.equal(run.signal, null, run.stderr);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${files} files: ${files} ok, 0 invalid; 0 errors, 0 warnings\n`);
  });
});

describe('what a run keeps per file', () => {
  // validate over 100,000 files keeps each id to the end: as an object with a
  // position it cost about 130 bytes besides the id's characters; the limit
  // leaves room for the measurement's noise.
  it('the id registry keeps a few dozen bytes per id besides its characters', () => {
    const count = 100_000;
    const files = Array.from({ length: count }, (_, index) => `incidents/incident-${index}.yaml`);
    const names = Array.from({ length: count }, (_, index) => `incident-${index}`);
    // A result as a file's check makes it: nothing but the registry keeps it once claimed, not even the file's path.
    const result = (index: number) => ({ file: files[index]!, id: names[index]!, idPosition: { line: 2, column: 5, endLine: 2, endColumn: 20 }, diagnostics: [], value: null });
    freeMemory();
    const before = process.memoryUsage().heapUsed;
    const ids = new IdRegistry((index) => files[index]!);
    for (let index = 0; index < count; index += 1) ids.claim(result(index), index);
    freeMemory();
    const perId = (process.memoryUsage().heapUsed - before) / count;
    assert.ok(perId < 80, `${perId.toFixed(0)} bytes per id`);
    // Where each id was first used is still there for the message.
    const refused = ids.claim({ ...result(7), file: 'incidents/later.yaml', idPosition: null }, count);
    assert.deepEqual(refused.diagnostics[0]?.related, { file: 'incidents/incident-7.yaml', line: 2, column: 5, endLine: 2, endColumn: 20, message: '`incident-7` is first used here' });
    const noPosition = new IdRegistry((index) => files[index]!);
    noPosition.claim({ ...result(0), idPosition: null }, 0);
    const again = noPosition.claim({ ...result(0), file: 'incidents/later.yaml' }, 1);
    assert.deepEqual(again.diagnostics[0]?.related, { file: 'incidents/incident-0.yaml', message: '`incident-0` is first used here' });
  });
});

describe('report keeps its records, not the files', () => {
  it('collectRecords returns records, problems and counts, and no per-file outcome', async () => {
    const folder = tempDir('postmortem-records-');
    cpSync(join(FIXTURES, 'valid'), join(folder, 'incidents'), { recursive: true });
    const collected = await collectRecords({ config: defaultConfig(folder), cwd: folder, inputs: ['incidents'] });
    assert.ok(collected.records.length > 0 && collected.summary.files > collected.records.length);
    assert.deepEqual(Object.keys(collected).sort(), ['diagnostics', 'records', 'summary']);
  });
});

describe('validate prints file by file what the whole run printed at once', () => {
  // Valid and invalid files, and inputs that match nothing, whose problems sort between the files'.
  const folder = tempDir('postmortem-stream-');
  cpSync(join(FIXTURES, 'invalid'), join(folder, 'b-invalid'), { recursive: true });
  cpSync(join(FIXTURES, 'valid'), join(folder, 'd-valid'), { recursive: true });
  const inputs = ['d-valid', 'c-missing.yaml', 'b-invalid', 'a-missing/*.yaml', 'e-missing'];

  for (const format of ['pretty', 'github', 'json'] as const) {
    it(`--format ${format}`, async () => {
      const streamed = await runCli(['validate', ...inputs, '--format', format], folder);
      let whole = '';
      const io: CliIo = {
        cwd: folder,
        env: {},
        stdout: (text) => {
          whole += text;
        },
        stderr: () => undefined,
        stdoutIsTTY: false,
        stdinIsTTY: false,
        now: clock(undefined),
      };
      const result = await validateIncidents({ config: defaultConfig(folder), inputs, cwd: folder });
      const args: CommonArgs = { format, strict: false };
      const code = reportRun(result, args, io);
      assert.ok(result.summary.invalid > 0 && result.summary.ok > 0);
      assert.equal(streamed.stdout, whole);
      assert.equal(streamed.code, code);
    });
  }
});
