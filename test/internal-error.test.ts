import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { formatIncidentFiles } from '../src/authoring/format-files.js';
import { formatIncidentSource } from '../src/authoring/format-incident.js';
import { resultExitCode } from '../src/cli/commands/shared.js';
import { RunStream } from '../src/cli/commands/run-stream.js';
import { reportRun } from '../src/cli/commands/shared.js';
import { buildPostmortems } from '../src/pipeline/build.js';
import { publishSite } from '../src/publish/publish.js';
import { collectRecords } from '../src/report/collect-records.js';
import { type CliIo, clock } from '../src/cli/io.js';
import type { ValidateArgs } from '../src/cli/commands/validate.js';
import { defaultConfig } from '../src/config/config.js';
import { checkIncidentFile } from '../src/pipeline/check-incident.js';
import { internalError, outcomeOf, validateIncidents } from '../src/pipeline/run.js';
import { FIXTURES, tempDir } from './helpers.js';

/** A folder of two valid incidents; the check of the first one will be made to throw, as a bug would. */
function twoIncidents(): string {
  const dir = tempDir('pm-internal-');
  copyFileSync(join(FIXTURES, 'valid', 'minimal', 'input.yaml'), join(dir, 'a.yaml'));
  copyFileSync(join(FIXTURES, 'valid', 'minimal', 'input.yaml'), join(dir, 'b.yaml'));
  return dir;
}

it('an exception while checking one file is that file’s internal-error; the next file is still checked', async () => {
  const dir = twoIncidents();
  const faulty: typeof checkIncidentFile = async (absolute, display, config) => {
    if (display === 'a.yaml') throw new TypeError('Cannot read properties of undefined');
    return checkIncidentFile(absolute, display, config);
  };
  const result = await validateIncidents({ config: defaultConfig(dir), inputs: ['.'], cwd: dir, checkFile: faulty });
  assert.deepEqual(
    result.diagnostics.map((d) => [d.file, d.line, d.rule, d.severity]),
    [['a.yaml', 1, 'internal-error', 'error']],
  );
  assert.match(result.diagnostics[0]!.message, /TypeError: Cannot read properties of undefined/);
  assert.match(result.diagnostics[0]!.hint ?? '', /POSTMORTEM_DEBUG=1/);
  assert.deepEqual(result.incidents.map((incident) => incident.id), ['minimal']);
});

it('a run that met an internal error exits 2, after printing every file', () => {
  let stdout = '';
  const io: CliIo = { cwd: '/', env: {}, stdout: (t) => (stdout += t), stderr: () => undefined, stdoutIsTTY: false, stdinIsTTY: false, now: clock(undefined) };
  const stream = new RunStream({ format: 'pretty', strict: false } as ValidateArgs, io, []);
  const bug = internalError('a.yaml', new Error('boom'));
  stream.file(outcomeOf({ file: 'a.yaml', id: null, idPosition: null, diagnostics: [bug], value: null }), [bug]);
  stream.file(outcomeOf({ file: 'b.yaml', id: 'b', idPosition: null, diagnostics: [], value: true }), []);
  assert.equal(stream.finish(), 2);
  assert.match(stdout, /a\.yaml:1:1: error: Internal error while processing this file: Error: boom \[internal-error\]/);
});

/** A check that passes `a.yaml`, but whose model throws when a later step (rendering, the report's record) reads it, as a bug would. */
const brokenModel: typeof checkIncidentFile = async (absolute, display, config) => {
  const checked = await checkIncidentFile(absolute, display, config);
  if (display !== 'a.yaml' || !checked.value) return checked;
  const incident = new Proxy(checked.value, {
    get(target, key, receiver) {
      if (key === 'services') throw new TypeError('a bug after the check');
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { ...checked, value: incident, id: 'a-id' };
};

const onlyInternal = (diagnostics: readonly { file: string; rule: string }[]) => diagnostics.map((d) => [d.file, d.rule]);

it('build: an exception while checking or rendering one file is its internal-error; the other files are written', async () => {
  for (const checkFile of [brokenModel, (async (absolute, display, config) => {
    if (display === 'a.yaml') throw new TypeError('a bug in the check');
    return checkIncidentFile(absolute, display, config);
  }) satisfies typeof checkIncidentFile]) {
    const dir = twoIncidents();
    const result = await buildPostmortems({ config: defaultConfig(dir), inputs: ['a.yaml', 'b.yaml'], cwd: dir, out: 'out', workers: 1, checkFile });
    assert.deepEqual(onlyInternal(result.diagnostics), [['a.yaml', 'internal-error']]);
    assert.deepEqual(result.files.map((f) => [f.file, f.status]), [['a.yaml', 'invalid'], ['b.yaml', 'ok']]);
    assert.ok(existsSync(join(dir, 'out', 'minimal.md')), 'b.yaml was built');
  }
});

it('fmt: an exception while formatting one file is its internal-error; the other files are formatted', async () => {
  const dir = twoIncidents();
  const formatSource: typeof formatIncidentSource = (source, options) => {
    if (source.path === 'a.yaml') throw new RangeError('a bug in the formatter');
    return formatIncidentSource(source, options);
  };
  const run = await formatIncidentFiles({ config: defaultConfig(dir), inputs: ['a.yaml', 'b.yaml'], cwd: dir, check: false, formatSource });
  assert.deepEqual(onlyInternal(run.diagnostics), [['a.yaml', 'internal-error']]);
  assert.match(run.diagnostics[0]!.message, /RangeError: a bug in the formatter/);
  assert.deepEqual(run.files.map((f) => [f.file, f.status]), [['a.yaml', 'failed'], ['b.yaml', 'unchanged']]);
});

it('report: an exception while making one file’s record is its internal-error; the report covers the others', async () => {
  const dir = twoIncidents();
  const collected = await collectRecords({ config: defaultConfig(dir), inputs: ['a.yaml', 'b.yaml'], cwd: dir, checkFile: brokenModel });
  assert.deepEqual(onlyInternal(collected.diagnostics), [['a.yaml', 'internal-error']]);
  assert.deepEqual(collected.records.map((r) => r.id), ['minimal']);
  assert.equal(resultExitCode(collected, { strict: false }), 2);
});

it('publish: an exception while rendering one file’s page is its internal-error; the other pages are published', async () => {
  const dir = twoIncidents();
  const result = await publishSite({ config: defaultConfig(dir), inputs: ['a.yaml', 'b.yaml'], cwd: dir, target: 'mkdocs', out: 'site', asOf: '2030-01-01', checkFile: brokenModel });
  assert.deepEqual(onlyInternal(result.diagnostics), [['a.yaml', 'internal-error']]);
  assert.deepEqual(result.files.map((f) => [f.file, f.status]), [['a.yaml', 'invalid'], ['b.yaml', 'ok']]);
  assert.ok(result.pages.written.some((page) => page.includes('minimal')), `b.yaml's page is written: ${result.pages.written.join(', ')}`);
});

it('build and the other whole-run commands exit 2 when a file met an internal error', () => {
  const io: CliIo = { cwd: '/', env: {}, stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false, stdinIsTTY: false, now: clock(undefined) };
  const bug = internalError('a.yaml', new Error('boom'));
  const result = { files: [outcomeOf({ file: 'a.yaml', id: null, idPosition: null, diagnostics: [bug], value: null })], diagnostics: [bug], summary: { files: 1, ok: 0, invalid: 1, errors: 1, warnings: 0, written: 0, unchanged: 0 } };
  assert.equal(reportRun(result, { format: 'pretty', strict: false } as ValidateArgs, io), 2);
});
