import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { Rng, generateIncidents } from '../bench/generate.js';
import { BIN, ROOT, runCli, tempDir } from './helpers.js';
import { byDepth } from './depth.js';

/**
 * Kills the writing commands with SIGKILL at random moments and checks what
 * they leave: every output file is either absent or complete (the bytes a
 * full run writes), every incident file holds its old bytes or its new ones,
 * no lock of a dead process blocks anyone, and the next run completes the
 * work. The moments are seeded fractions of how long a full run took on this
 * machine (measured in the same run), one in each of KILLS equal slices of
 * the run, so the kills land in start-up, mid-work and at the end alike
 * however few they are, and a failure can be replayed.
 *
 * Each kill costs a killed run and a full one: `npm test` kills each command
 * 3 times (in start-up, mid-work and at the end), the thorough depth 20 times
 * (see `byDepth`); CRASH_KILLS=N kills N times, in thinner slices.
 */

const KILLS = Number(process.env.CRASH_KILLS ?? byDepth(3, 20));
// The log test logs its events a minute apart, from 09:10 to 09:59 at most.
assert.ok(Number.isInteger(KILLS) && KILLS >= 1 && KILLS <= 50, `CRASH_KILLS must be a whole number from 1 to 50, not ${process.env.CRASH_KILLS}`);
const ENV = { PATH: process.env.PATH ?? '', POSTMORTEM_NOW: '2026-11-25T12:00:00Z' };
/** Our temporary files (see src/output/temporary-files.ts): recognisable, and removed by the next run. */
const TEMPORARY = /^\..*\.postmortem-[0-9a-f]{8}-\d+-[0-9a-f]{12}\.tmp$/;
/** What `publish` keeps of its own progress: rewritten as it goes, so only its completeness is checked mid-run. */
const MANIFEST = '.postmortem-manifest.json';
/** build's manifest holds modification times: complete JSON, but never the same bytes as another run's. */
const BUILD_MANIFEST = '.postmortem-build.json';
const GENERATED = 4;

interface Run {
  code: number | null;
  output: string;
  killed: boolean;
}

/** Runs the built CLI in `cwd`, killed with SIGKILL after `killAfterMs` if given and still running. */
function run(argv: readonly string[], cwd: string, killAfterMs?: number): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...argv], { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, output, killed: signal === 'SIGKILL' });
    }),
  );
}

/** A full run, which must succeed; returns how long it took, to place the kills. */
async function fullRun(argv: readonly string[], cwd: string): Promise<number> {
  const started = performance.now();
  const result = await run(argv, cwd);
  assert.equal(result.code, 0, `${argv.join(' ')}: ${result.output}`);
  assert.doesNotMatch(result.output, /Waiting for/, 'no lock blocked the run');
  return performance.now() - started;
}

/** Every file below `folder`, by `/`-separated relative path. */
function files(folder: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  if (!existsSync(folder)) return found;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.set(relative(folder, path).split('\\').join('/'), readFileSync(path));
  }
  return found;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** After a kill: each file present is complete, a temporary file of ours, or the manifest, complete JSON. */
function assertNothingHalfWritten(folder: string, expected: ReadonlyMap<string, Buffer>, context: string): void {
  for (const [path, bytes] of files(folder)) {
    // A lock (publish locks its manifest) is checked by assertNoBlockingLock.
    if (TEMPORARY.test(basename(path)) || path.endsWith('.lock')) continue;
    assert.ok(bytes.length > 0, `${context}: ${path} is empty`);
    if (basename(path) === MANIFEST || basename(path) === BUILD_MANIFEST) {
      assert.doesNotThrow(() => JSON.parse(bytes.toString('utf8')), `${context}: ${path} is complete JSON`);
      continue;
    }
    const full = expected.get(path);
    assert.ok(full, `${context}: ${path} is not something a full run writes`);
    assert.ok(bytes.equals(full), `${context}: ${path} is not what a full run writes (${bytes.length} of ${full.length} bytes)`);
  }
}

function assertSameFiles(actual: ReadonlyMap<string, Buffer>, expected: ReadonlyMap<string, Buffer>, context: string): void {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), `${context}: the same files as a full run, and no temporary file left`);
  for (const [path, bytes] of expected) {
    if (basename(path) === BUILD_MANIFEST) assert.doesNotThrow(() => JSON.parse(actual.get(path)!.toString('utf8')), `${context}: ${path} is complete JSON`);
    else assert.ok(actual.get(path)!.equals(bytes), `${context}: ${path} is what a full run writes`);
  }
}

/** Every lock left in `folder` names a process that is gone, so the next run takes it over at once. */
function assertNoBlockingLock(folder: string, context: string): void {
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.lock')) continue;
    const path = join(folder, name);
    assert.ok(statSync(path).isFile(), `${context}: ${name} does not name its holder, so the next run would wait for it to grow old`);
    const owner = JSON.parse(readFileSync(path, 'utf8')) as { pid: number };
    assert.throws(() => process.kill(owner.pid, 0), { code: 'ESRCH' }, `${context}: ${name} is held by a live process`);
  }
}

/** A project folder with the sample incidents and a generated set, so that runs take long enough to be cut short. */
function project(name: string): string {
  const dir = tempDir(`postmortem-crash-${name}-`);
  cpSync(join(ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
  const generated = join(dir, 'generated');
  generateIncidents(generated, GENERATED, 'crash-test');
  for (const file of readdirSync(generated)) cpSync(join(generated, file), join(dir, 'incidents', file));
  rmSync(generated, { recursive: true });
  return dir;
}

function delays(seed: number, fullMs: number): number[] {
  const rng = new Rng(seed);
  // Up to a little past a full run, so that some runs finish before the kill; one kill in each slice.
  return Array.from({ length: KILLS }, (_, slice) => ((slice + rng.next()) / KILLS) * fullMs * 1.1);
}

// Two commands at a time, one per core; each works in its own folder.
describe('killed at random moments, the writing commands leave nothing half-done', { concurrency: 2 }, () => {
  for (const [name, argv, out, seed] of [
    ['build', ['build'], 'postmortems', 1],
    ['publish', ['publish', '--target', 'mkdocs', '--out', 'site/postmortems', '--as-of', '2026-11-25'], 'site', 2],
  ] as const) {
    it(`${name}: every output file present is complete, and the next run completes the rest`, { timeout: 600_000 }, async (t) => {
      assert.ok(existsSync(BIN), 'run `npm run build` first');
      const dir = project(name);
      const fullMs = await fullRun(argv, dir);
      const expected = files(join(dir, out));
      let cut = 0;
      for (const [i, delay] of delays(seed, fullMs).entries()) {
        const context = `${name} killed after ${Math.round(delay)} ms (kill ${i + 1})`;
        rmSync(join(dir, out), { recursive: true, force: true });
        const killed = await run(argv, dir, delay);
        if (killed.killed) cut += 1;
        else assert.equal(killed.code, 0, `${context}: ${killed.output}`);
        assertNothingHalfWritten(join(dir, out), expected, context);
        assertNoBlockingLock(join(dir, 'incidents'), context);
        if (existsSync(join(dir, out, 'postmortems'))) assertNoBlockingLock(join(dir, out, 'postmortems'), context);
        await fullRun(argv, dir);
        assertSameFiles(files(join(dir, out)), expected, `${context}, then run again`);
      }
      t.diagnostic(`${cut} of ${KILLS} runs were killed before they finished (a full run: ${Math.round(fullMs)} ms)`);
    });
  }

  it('fmt: every incident file is its old bytes or its formatted ones, and the next run formats the rest', { timeout: 600_000 }, async (t) => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    const dir = project('fmt');
    const incidents = join(dir, 'incidents');
    const original = files(incidents);
    const fullMs = await fullRun(['fmt'], dir);
    const formatted = files(incidents);
    assert.ok([...formatted].some(([path, bytes]) => !bytes.equals(original.get(path)!)), 'the generated incidents need formatting');
    let cut = 0;
    for (const [i, delay] of delays(3, fullMs).entries()) {
      const context = `fmt killed after ${Math.round(delay)} ms (kill ${i + 1})`;
      for (const [path, bytes] of original) writeFileSync(join(incidents, path), bytes);
      const killed = await run(['fmt'], dir, delay);
      if (killed.killed) cut += 1;
      else assert.equal(killed.code, 0, `${context}: ${killed.output}`);
      for (const [path, bytes] of files(incidents)) {
        if (TEMPORARY.test(basename(path)) || path.endsWith('.lock')) continue;
        assert.ok(bytes.equals(original.get(path)!) || bytes.equals(formatted.get(path)!), `${context}: ${path} is neither its old bytes nor its formatted ones`);
      }
      assertNoBlockingLock(incidents, context);
      await fullRun(['fmt'], dir);
      const after = files(incidents);
      for (const [path, bytes] of formatted) assert.ok(after.get(path)!.equals(bytes), `${context}, then run again: ${path} is formatted`);
    }
    t.diagnostic(`${cut} of ${KILLS} runs were killed before they finished (a full run: ${Math.round(fullMs)} ms)`);
  });

  it('log: the incident file is its old bytes or has the event, never less; the next run takes over the lock', { timeout: 600_000 }, async (t) => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    const dir = project('log');
    // A long incident (about half the 1 MiB cap), so that reading, checking and writing it takes a while.
    const sample = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');
    const padding = Array.from({ length: 5_000 }, (_, i) => `  Line ${i}: the on-call team checked the queue depth and the error rate again.`).join('\n');
    const long = sample.replace('summary: |\n', `summary: |\n${padding}\n`);
    assert.notEqual(long, sample);
    const file = join(dir, 'incidents', '2022-10-25-messaging-outage.yaml');
    writeFileSync(file, long);
    const log = (i: number) => ['log', '2022-10-25-messaging-outage', `Crash test event ${i}.`, '--at', `2022-10-25 09:${String(10 + i).padStart(2, '0')}`];

    // What each log writes, worked out in a copy by runs that are not killed.
    const copy = tempDir('postmortem-crash-log-copy-');
    mkdirSync(join(copy, 'incidents'));
    const copied = join(copy, 'incidents', 'outage.yaml');
    writeFileSync(copied, long);
    const versions = [readFileSync(copied)];
    for (let i = 0; i < KILLS; i += 1) {
      const logged = await runCli(log(i), copy, ENV);
      assert.equal(logged.code, 0, logged.stderr);
      versions.push(readFileSync(copied));
    }
    writeFileSync(copied, long);
    const fullMs = await fullRun(log(0), copy);

    let cut = 0;
    for (const [i, delay] of delays(4, fullMs).entries()) {
      const context = `log killed after ${Math.round(delay)} ms (kill ${i + 1})`;
      const killed = await run(log(i), dir, delay);
      if (killed.killed) cut += 1;
      else assert.equal(killed.code, 0, `${context}: ${killed.output}`);
      const now = readFileSync(file);
      const landed = now.equals(versions[i + 1]!);
      assert.ok(landed || now.equals(versions[i]!), `${context}: the incident file is neither its old bytes nor its new ones`);
      assertNoBlockingLock(join(dir, 'incidents'), context);
      // The next run: the same event again if it did not land, and it must not wait for the dead process's lock.
      if (!landed) await fullRun(log(i), dir);
      assert.ok(readFileSync(file).equals(versions[i + 1]!), `${context}, then run again: the event is there once`);
    }
    await fullRun(['validate'], dir);
    t.diagnostic(`${cut} of ${KILLS} runs were killed before they finished (a full run: ${Math.round(fullMs)} ms)`);
  });
});
