import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { UNDO_MEMORY } from '../src/authoring/last-log.js';
import { MAX_FILE_BYTES } from '../src/source/source-file.js';
import { BIN, ROOT, printed, runCli, tempDir } from './helpers.js';
import { byDepth } from './depth.js';

const ENV = { PATH: process.env.PATH ?? '', POSTMORTEM_NOW: '2024-03-01T12:00:00Z' };

/** A fresh project folder holding incidents/<name> for each file. */
function project(files: Record<string, string>): string {
  const dir = tempDir('postmortem-lock-');
  mkdirSync(join(dir, 'incidents'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'incidents', name), text);
  return dir;
}

/**
 * A valid incident just under the 1 MiB cap, with room left for `room` bytes
 * of new events. The bulk is a comment under the summary, in lines of about a
 * kilobyte: reading, writing and replacing a megabyte under the lock is what
 * is tested here, not the checker's speed on ten thousand events, nor on a
 * megabyte of Markdown (a summary that long costs each `log` over a second of
 * CPU in the Markdown checks, and the fifty runs take turns).
 */
function largeIncident(room: number): string {
  const head = ['id: 2024-03-01-large', 'title: An incident with a very long summary', 'status: review', 'severity: SEV2', 'timezone: UTC', 'services: [checkout]', 'authors: [Priya Natarajan]', 'summary: The on-call notes follow as a comment.'];
  const tail = [
    'impact:',
    '  description: Some checkouts failed.',
    'trigger: A deploy.',
    'root_cause: A slow query.',
    'resolution: Rolled back.',
    'timeline:',
    '- at: 2024-03-01 09:00',
    '  kind: impact-start',
    '  text: Errors start.',
    '- at: 2024-03-01 09:05',
    '  kind: detected',
    '  text: An alert fires.',
    '- at: 2024-03-01 11:00',
    '  kind: mitigated',
    '  text: Rolled back.',
    '- at: 2024-03-01 11:30',
    '  kind: resolved',
    '  text: All clear.',
    '',
  ];
  const fixed = Buffer.byteLength([...head, ...tail].join('\n'));
  const line = (i: number) => `# Line ${String(i).padStart(6, '0')}: ${Array(13).fill('the queue depth and the error rate were checked again by the on-call team.').join(' ')}`;
  const lines: string[] = [];
  let size = fixed;
  for (let i = 0; size + Buffer.byteLength(line(i)) + 1 < MAX_FILE_BYTES - room; i += 1) {
    lines.push(line(i));
    size += Buffer.byteLength(line(i)) + 1;
  }
  return [...head, ...lines, ...tail].join('\n');
}

/** Runs the built CLI; resolves with its exit code and all its output. */
function run(argv: string[], cwd: string, env: Record<string, string> = {}): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> } {
  const child = spawn(process.execPath, [BIN, ...argv], { cwd, env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, done };
}

const stops: (() => void)[] = [];
after(() => {
  for (const stop of stops) stop();
});

/**
 * Busy-loop processes that keep the CPU loaded until stopped: one (under
 * `npm test` the other test files keep the other cores busy), two per core
 * at the thorough depth.
 */
function loadCpu(): () => void {
  const burners = Array.from({ length: byDepth(1, 2 * availableParallelism()) }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  return () => {
    for (const burner of burners) burner.kill('SIGKILL');
  };
}

/** A process holding the lock of `file` (test/lock-holder.ts) once `held` resolves; a line on its stdin releases it. */
function holdLock(file: string): { child: ChildProcess; held: Promise<void>; exited: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'lock-holder.ts'), file], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  stops.push(() => child.kill('SIGKILL'));
  const held = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('held')) resolve();
    });
    child.once('exit', () => reject(new Error('the lock holder exited before taking the lock')));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, held, exited };
}

const HOUR_MS = 60 * 60 * 1000;
const SAMPLE = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');
const LOG = ['log', 'incidents/outage.yaml', 'Paged the team.', '--at', '2022-10-25 09:20'];

describe('the incident lock under load', () => {
  it('many concurrent `log`s on a 1 MiB incident (16, or 50 at the thorough depth), with the CPU busy, all land', { timeout: 240_000 }, async (t) => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    // Each `log` of a 1 MiB file costs about a second of CPU: 16 still wait in line for the lock, in a third of the time 50 take.
    const count = byDepth(16, 50);
    const original = largeIncident(count * 60);
    assert.ok(Buffer.byteLength(original) > MAX_FILE_BYTES - 4096, 'the incident is about 1 MiB');
    const dir = project({ 'large.yaml': original });
    const stop = loadCpu();
    stops.push(stop);
    const started = Date.now();
    let results;
    try {
      results = await Promise.all(
        Array.from({ length: count }, (_, i) => run(['log', 'incidents/large.yaml', `event ${i}`, '--at', `2024-03-01 10:${String(i).padStart(2, '0')}`], dir).done),
      );
    } finally {
      stop();
    }
    t.diagnostic(`${count} concurrent log processes under load took ${Date.now() - started} ms`);
    for (const [i, result] of results.entries()) assert.equal(result.code, 0, `process ${i}: ${result.output}`);

    const written = readFileSync(join(dir, 'incidents', 'large.yaml'), 'utf8');
    const lines = written.split('\n');
    for (let i = 0; i < count; i += 1) assert.equal(lines.filter((line) => line === `  text: event ${i}`).length, 1, `event ${i} is there once`);
    const kept = lines.filter((line, index) => !/^ {2}text: event \d+$/.test(line) && !/^ {2}text: event \d+$/.test(lines[index + 1] ?? ''));
    assert.equal(kept.join('\n'), original, 'nothing else changed');
    assert.deepEqual(readdirSync(join(dir, 'incidents')).sort(), [UNDO_MEMORY, 'large.yaml'], 'no lock or temporary file is left');
    const validate = spawnSync(process.execPath, [BIN, 'validate'], { cwd: dir, encoding: 'utf8', env: ENV });
    assert.equal(validate.status, 0, validate.stdout);
  });
});

describe('the incident lock follows its holder, not the clock', () => {
  it('a lock left by a killed holder is taken over by the next `log` at once, whatever its time says', { timeout: 120_000 }, async () => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    const dir = project({ 'outage.yaml': SAMPLE });
    const file = join(dir, 'incidents', 'outage.yaml');
    const holder = holdLock(file);
    await holder.held;
    holder.child.kill('SIGKILL');
    await holder.exited;
    assert.ok(existsSync(`${file}.lock`), 'the killed holder left its lock');
    // Touched an hour ahead (a clock set wrong): its age says "fresh", its holder says "gone".
    const ahead = new Date(Date.now() + HOUR_MS);
    utimesSync(`${file}.lock`, ahead, ahead);

    const next = await run(LOG, dir).done;
    assert.equal(next.code, 0, next.output);
    assert.doesNotMatch(next.output, /Waiting/, 'it did not wait');
    assert.match(readFileSync(file, 'utf8'), /text: Paged the team\./);
    assert.deepEqual(readdirSync(join(dir, 'incidents')).sort(), [UNDO_MEMORY, 'outage.yaml'], 'the dead lock is gone, and the new one released');
  });

  it('a live holder keeps its lock however old it looks, also when reached through a link; the waiter says why it waits', { timeout: 120_000 }, async () => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    const dir = project({});
    mkdirSync(join(dir, 'kept'));
    writeFileSync(join(dir, 'kept', 'outage.yaml'), SAMPLE);
    symlinkSync(join('..', 'kept', 'outage.yaml'), join(dir, 'incidents', 'outage.yaml'));
    const real = join(dir, 'kept', 'outage.yaml');
    // The holder reaches the file through the link, the `log` by its real path... the same lock.
    const holder = holdLock(join(dir, 'incidents', 'outage.yaml'));
    await holder.held;
    const hourAgo = new Date(Date.now() - HOUR_MS);
    utimesSync(`${real}.lock`, hourAgo, hourAgo);

    const waiting = run(['log', real, 'Paged the team.', '--at', '2022-10-25 09:20'], dir);
    await printed(waiting.child, 'Waiting for');
    assert.equal(readFileSync(real, 'utf8'), SAMPLE, 'nothing is written while the holder lives');
    holder.child.stdin!.write('release\n');
    const result = await waiting.done;
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, new RegExp(`postmortem: Waiting for .*outage\\.yaml: another postmortem command \\(process ${holder.child.pid}\\) is changing it\\. Press Ctrl-C to stop waiting; nothing has been written\\.`));
    assert.match(readFileSync(real, 'utf8'), /text: Paged the team\./);
    assert.deepEqual(readdirSync(join(dir, 'kept')), ['outage.yaml'], 'no lock is left');
  });

  it('ten commands racing to take over a dead process’s lock all land, one at a time', { timeout: 120_000 }, async () => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    const dir = project({ 'outage.yaml': SAMPLE });
    const file = join(dir, 'incidents', 'outage.yaml');
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: gone.pid, host: hostname(), id: 'left-by-a-crash' }));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => run(['log', 'incidents/outage.yaml', `racer ${i}`, '--at', `2022-10-25 09:${String(30 + i)}`], dir).done),
    );
    for (const [i, result] of results.entries()) assert.equal(result.code, 0, `process ${i}: ${result.output}`);
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < 10; i += 1) assert.equal(lines.filter((line) => line === `    text: racer ${i}`).length, 1, `racer ${i} is there once`);
    assert.deepEqual(readdirSync(join(dir, 'incidents')).sort(), [UNDO_MEMORY, 'outage.yaml']);
  });

  it('a lock naming a pid that now belongs to another process is taken over at once', { skip: !existsSync('/proc/self/stat') && 'start times are read from /proc' }, async () => {
    const dir = project({ 'outage.yaml': SAMPLE });
    // This very process is alive, but it did not start when the lock says its holder did.
    const owner = { pid: process.pid, host: hostname(), start: 'another-boot:1', id: 'left-by-a-crash' };
    writeFileSync(join(dir, 'incidents', 'outage.yaml.lock'), JSON.stringify(owner));
    const result = await runCli(LOG, dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(readdirSync(join(dir, 'incidents')).sort(), [UNDO_MEMORY, 'outage.yaml']);
  });

  it('a lock of another machine is taken over once it has not been touched for a while', async () => {
    const dir = project({ 'outage.yaml': SAMPLE });
    const lock = join(dir, 'incidents', 'outage.yaml.lock');
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'another-machine.invalid', id: 'remote' }));
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, minuteAgo, minuteAgo);
    const result = await runCli(LOG, dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(readdirSync(join(dir, 'incidents')).sort(), [UNDO_MEMORY, 'outage.yaml']);
  });
});
