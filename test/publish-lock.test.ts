import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { generateIncidents } from '../bench/generate.js';
import { BIN, ROOT, printed, tempDir } from './helpers.js';

/**
 * Two `publish` runs into one site (two CI jobs, a person while CI runs)
 * take turns on the lock of the site's manifest: the second waits, saying
 * so, then completes on top of the first's result. A publish killed while
 * holding the lock does not block the next one.
 */

const ENV = { PATH: process.env.PATH ?? '', POSTMORTEM_NOW: '2026-11-25T12:00:00Z' };
const OUT = join('site', 'postmortems');
const MANIFEST = '.postmortem-manifest.json';
const publishArgs = (asOf: string) => ['publish', '--target', 'mkdocs', '--out', OUT, '--as-of', asOf];
/** Two days whose reports differ, so the site shows which run came last. */
const AS_OF = ['2026-11-25', '2026-12-25'] as const;

const stops: (() => void)[] = [];
after(() => stops.forEach((stop) => stop()));

function project(): string {
  const dir = tempDir('postmortem-publish-lock-');
  cpSync(join(ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
  return dir;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  done: Promise<number | null>;
}

function start(argv: readonly string[], cwd: string): Started {
  const child = spawn(process.execPath, [BIN, ...argv], { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  stops.push(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, output: () => output, done };
}

/** test/lock-holder.ts holding the lock publish takes on `<out>/.postmortem-manifest.json`. */
async function holdSiteLock(dir: string): Promise<ChildProcess> {
  mkdirSync(join(dir, OUT), { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'lock-holder.ts'), join(realpathSync(join(dir, OUT)), MANIFEST)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  stops.push(() => child.kill('SIGKILL'));
  await printed(child, 'held');
  return child;
}

/** Every file below `folder`, by `/`-separated relative path, sorted. */
function files(folder: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) found.set(relative(folder, join(entry.parentPath, entry.name)).split('\\').join('/'), readFileSync(join(entry.parentPath, entry.name), 'utf8'));
  }
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The site a single publish with `asOf` makes in a fresh project: made once for each day, and shared by the tests. */
function singleRun(asOf: string): Promise<Map<string, string>> {
  let made = singleRuns.get(asOf);
  if (!made) {
    made = (async () => {
      const dir = project();
      const run = start(publishArgs(asOf), dir);
      assert.equal(await run.done, 0, run.output());
      return files(join(dir, OUT));
    })();
    singleRuns.set(asOf, made);
  }
  return made;
}

const singleRuns = new Map<string, Promise<Map<string, string>>>();

describe('publish: runs into the same site take turns', { concurrency: 1 }, () => {
  it('a run waits for the run holding the site, then both complete, the later one on top of the earlier', { timeout: 120_000 }, async () => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    const expected = await Promise.all(AS_OF.map(singleRun));
    assert.notDeepEqual(expected[0], expected[1], 'the two runs make different sites');

    const dir = project();
    // Held first, so both runs are seen waiting before either starts its sync.
    const holder = await holdSiteLock(dir);
    const runs = AS_OF.map((asOf) => start(publishArgs(asOf), dir));
    await Promise.all(runs.map((run) => printed(run.child, `Waiting for ${OUT}: another postmortem command (process ${holder.pid})`)));
    holder.stdin!.write('release\n');

    const codes = await Promise.all(runs.map((run) => run.done));
    runs.forEach((run, i) => assert.equal(codes[i], 0, run.output()));
    const site = files(join(dir, OUT));
    assert.ok(![...site.keys()].some((path) => path.endsWith('.lock') || path.endsWith('.tmp')), `no lock or temporary file left: ${[...site.keys()].join(', ')}`);
    // The manifest and every page are exactly one single run's: the one that took the lock last.
    const last = expected.findIndex((single) => single.get(MANIFEST) === site.get(MANIFEST));
    assert.ok(last >= 0, 'the manifest is the one a single run writes');
    assert.deepEqual(site, expected[last]);
  });

  it('two runs started together both complete, and the site is exactly one of theirs', { timeout: 120_000 }, async () => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    const expected = await Promise.all(AS_OF.map(singleRun));
    const dir = project();
    const runs = AS_OF.map((asOf) => start(publishArgs(asOf), dir));
    const codes = await Promise.all(runs.map((run) => run.done));
    runs.forEach((run, i) => assert.equal(codes[i], 0, run.output()));
    const site = files(join(dir, OUT));
    assert.ok(expected.some((single) => JSON.stringify([...single]) === JSON.stringify([...site])), 'the site is what one of the runs makes alone');
  });

  it('the lock of a killed run is taken over at once', { timeout: 120_000 }, async () => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    const dir = project();
    const holder = await holdSiteLock(dir);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    assert.ok(existsSync(join(dir, OUT, `${MANIFEST}.lock`)), 'the killed holder left its lock');
    const run = start(publishArgs(AS_OF[0]), dir);
    assert.equal(await run.done, 0, run.output());
    assert.doesNotMatch(run.output(), /Waiting for/);
    assert.ok(!existsSync(join(dir, OUT, `${MANIFEST}.lock`)), 'the lock is gone');
    assert.deepEqual(files(join(dir, OUT)), await singleRun(AS_OF[0]));
  });

  it('a run stopped by Ctrl-C (SIGINT) or SIGTERM while it holds the site removes its lock and temporary files, and ends by that signal', { timeout: 120_000 }, async () => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const dir = tempDir('postmortem-publish-signal-');
      // Enough incidents that the run holds the lock long enough to be caught at it.
      generateIncidents(join(dir, 'incidents'), 400, 'publish-signal', 'short');
      const run = start(publishArgs(AS_OF[0]), dir);
      const lock = join(dir, OUT, `${MANIFEST}.lock`);
      while (!existsSync(lock)) {
        assert.equal(run.child.exitCode, null, `the run ended before it took the lock: ${run.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      run.child.kill(signal);
      const ended = await new Promise<NodeJS.Signals | null>((resolve) => run.child.once('exit', (_code, by) => resolve(by)));
      assert.equal(ended, signal, run.output());
      const left = readdirSync(join(dir, OUT), { recursive: true }).map(String).filter((path) => path.endsWith('.lock') || path.endsWith('.tmp'));
      assert.deepEqual(left, [], `${signal}: no lock or temporary file left`);
    }
  });
});
