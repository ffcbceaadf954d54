/** Paths and process helpers shared by the benchmark scripts. */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BENCH = join(ROOT, 'bench');
/** Everything the benchmark writes goes here (gitignored). */
export const WORK = join(BENCH, '.work');
/** The CLI measured: this checkout's build, or another build's (`BENCH_BIN`), to compare two versions on one machine. */
export const BIN = process.env.BENCH_BIN ?? join(ROOT, 'dist', 'bin', 'postmortem.js');
export const NODE = process.execPath;
export const SEED = process.env.BENCH_SEED ?? 'postmortem-bench-v1';

/** One row of the bench's table. */
export interface Row {
  measure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  result: string;
}

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time of the child process, as seen from here, in milliseconds. */
  ms: number;
}

/** The environment children run in: no inherited loaders or colours; `extra` sets variables, or removes them where `undefined`. */
function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const removed = new Set(['NODE_OPTIONS', 'FORCE_COLOR', ...Object.keys(extra).filter((name) => extra[name] === undefined)]);
  const kept = Object.entries({ ...process.env, NO_COLOR: '1', ...extra }).filter(([name, value]) => value !== undefined && !removed.has(name));
  return Object.fromEntries(kept);
}

export function run(command: string, args: readonly string[], cwd: string, extraEnv?: Record<string, string | undefined>): Run {
  const started = performance.now();
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd,
    env: childEnv(extraEnv),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, ms };
}

/** Stops the benchmark: the measurement would be meaningless. */
export function fail(message: string, detail?: Run): never {
  process.stderr.write(`\nBENCHMARK FAILED: ${message}\n`);
  if (detail) {
    process.stderr.write(`exit status: ${detail.status}${detail.signal ? `, signal ${detail.signal}` : ''}\n`);
    const tail = (text: string) => text.split('\n').slice(-40).join('\n');
    if (detail.stdout.trim()) process.stderr.write(`--- stdout (last lines)\n${tail(detail.stdout)}\n`);
    if (detail.stderr.trim()) process.stderr.write(`--- stderr (last lines)\n${tail(detail.stderr)}\n`);
  }
  process.exit(1);
}

export function countFiles(dir: string, extension: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).filter((name) => name.endsWith(extension)).length;
}

/** The configuration file `postmortem` would find from `cwd`, as in src/config/config.ts. */
export function findConfigAbove(cwd: string): string | null {
  let folder = cwd;
  for (;;) {
    for (const name of ['postmortem.config.yaml', 'postmortem.config.yml']) {
      const candidate = join(folder, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A positive integer from the first of these that is set, else the default. */
export function positiveInt(name: string, values: readonly (string | undefined)[], fallback: number, allowZero = false): number {
  for (const value of values) {
    if (value === undefined || value === '') continue;
    const number = Number(value.replace(/[_,]/g, ''));
    if (!Number.isInteger(number) || number < (allowZero ? 0 : 1)) fail(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got \`${value}\``);
    return number;
  }
  return fallback;
}

export interface RssRun {
  run: Run;
  kb: number;
}

const gnuTime =
  process.env.BENCH_RSS_METHOD !== 'hook' &&
  existsSync('/usr/bin/time') &&
  /Maximum resident set size/.test(spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' }).stderr ?? '');
export const rssMethod = gnuTime ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS at exit (bench/report-rss.mjs)';

/** Runs `node ARGS` and measures its peak resident set size, with /usr/bin/time -v or, without it, bench/report-rss.mjs. */
export function measureRss(args: readonly string[], cwd: string): RssRun {
  if (gnuTime) {
    const result = run('/usr/bin/time', ['-v', NODE, ...args], cwd);
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
    if (!match) fail('could not read the peak RSS from /usr/bin/time -v', result);
    return { run: result, kb: Number(match[1]) };
  }
  const hook = pathToFileURL(join(BENCH, 'report-rss.mjs')).href;
  const result = run(NODE, ['--import', hook, ...args], cwd);
  const reports = [...result.stderr.matchAll(/BENCH_MAX_RSS_KB=(\d+)/g)].map((match) => Number(match[1]));
  if (reports.length === 0) fail('could not read the peak RSS from bench/report-rss.mjs', result);
  return { run: result, kb: Math.max(...reports) };
}
