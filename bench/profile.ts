/**
 * CPU profile of `postmortem build` on a small generated set, summarised.
 *
 *   npm run build && node --import tsx bench/profile.ts [incidents]   (default 500)
 *   node --import tsx bench/profile.ts --summarise FILE.cpuprofile     (an existing profile)
 *
 * Runs `node --cpu-prof dist/bin/postmortem.js build incidents --out out` with cwd
 * bench/.work/profile, keeps the .cpuprofile files there, one per thread (open them in Chrome DevTools
 * or speedscope), and prints:
 *   - self time by package (node_modules package, postmortem source folder, Node internals, GC);
 *   - the functions with the most self time;
 *   - inclusive time of the postmortem functions (which stage of the build costs what).
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, NODE, ROOT, WORK, countFiles, fail, positiveInt, run, SEED } from './common.js';
import { generateIncidents } from './generate.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a function comes from: an npm package, a folder of postmortem's own code, Node, or the VM. */
export function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node (internals)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const dist = url.indexOf('/dist/');
  if (isOwnCode(frame)) {
    const rest = url.slice(dist + '/dist/'.length).split('/');
    return `postmortem: ${rest.length > 1 ? rest[0] : rest[0]!.replace(/\.js$/, '')}`;
  }
  return url;
}

/** postmortem's own compiled code, not a dependency's `dist/`. */
function isOwnCode(frame: CallFrame): boolean {
  return frame.url.includes('/dist/') && !frame.url.includes('/node_modules/');
}

function where(frame: CallFrame): string {
  if (!frame.url) return '';
  const path = frame.url.replace(/^file:\/\//, '').replace(ROOT, '').replace(/^.*\/node_modules\//, '');
  return `${path}:${frame.lineNumber + 1}`;
}

const pct = (part: number, total: number) => `${((100 * part) / total).toFixed(1).padStart(5)}%`;
const ms = (micro: number) => `${(micro / 1000).toFixed(0).padStart(7)} ms`;

/** Sums self and inclusive times over several profiles (the main thread and each worker thread). */
export function summarise(profiles: readonly CpuProfile[], top = 25): string {
  const packages = new Map<string, number>();
  const functions = new Map<string, { frame: CallFrame; time: number }>();
  const inclusive = new Map<string, { frame: CallFrame; time: number }>();
  const threads: string[] = [];
  let total = 0;
  let idle = 0;
  let samples = 0;

  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

    // Self time per node: each sample is charged the time until the next one.
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i + 1] ?? 0;
      self.set(id, (self.get(id) ?? 0) + Math.max(0, delta));
    });
    let threadTotal = 0;
    let threadIdle = 0;
    for (const [id, time] of self) {
      const frame = byId.get(id)!.callFrame;
      threadTotal += time;
      if (frame.functionName === '(idle)') {
        threadIdle += time;
        continue;
      }
      const pkg = packageOf(frame);
      packages.set(pkg, (packages.get(pkg) ?? 0) + time);
      const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}|${frame.columnNumber}`;
      const entry = functions.get(key) ?? { frame, time: 0 };
      entry.time += time;
      functions.set(key, entry);

      // Inclusive time of postmortem's own functions, counted once per stack (recursion-safe).
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const caller = byId.get(at)!.callFrame;
        if (!isOwnCode(caller)) continue;
        const callerKey = `${caller.functionName || '(anonymous)'}|${caller.url}|${caller.lineNumber}`;
        if (seen.has(callerKey)) continue;
        seen.add(callerKey);
        const sum = inclusive.get(callerKey) ?? { frame: caller, time: 0 };
        sum.time += time;
        inclusive.set(callerKey, sum);
      }
    }
    total += threadTotal - threadIdle;
    idle += threadIdle;
    samples += profile.samples.length;
    threads.push(`${(threadTotal / 1000).toFixed(0)} ms (${(threadIdle / 1000).toFixed(0)} ms idle)`);
  }

  const out: string[] = [];
  out.push(`${profiles.length} thread profile(s): ${threads.join('; ')}; ${samples} samples. Times below are summed over threads; percentages are of the ${(total / 1000).toFixed(0)} ms of busy time (${(idle / 1000).toFixed(0)} ms idle left out).`);
  out.push('', 'Self time by package:');
  for (const [pkg, time] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    out.push(`  ${ms(time)} ${pct(time, total)}  ${pkg}`);
  }
  out.push('', `Top ${top} functions by self time:`);
  for (const { frame, time } of [...functions.values()].sort((a, b) => b.time - a.time).slice(0, top)) {
    out.push(`  ${ms(time)} ${pct(time, total)}  ${(frame.functionName || '(anonymous)').padEnd(32)} ${packageOf(frame).padEnd(28)} ${where(frame)}`);
  }
  out.push('', `Top ${top} postmortem functions by inclusive time (self + callees):`);
  for (const { frame, time } of [...inclusive.values()].sort((a, b) => b.time - a.time).slice(0, top)) {
    out.push(`  ${ms(time)} ${pct(time, total)}  ${(frame.functionName || '(anonymous)').padEnd(32)} ${where(frame)}`);
  }
  return out.join('\n');
}

function read(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

const args = process.argv.slice(2);
if (args[0] === '--summarise') {
  if (!args[1]) fail('name one or more .cpuprofile files after --summarise');
  process.stdout.write(`${summarise(args.slice(1).map(read))}\n`);
} else {
  const count = positiveInt('incidents', [args[0], process.env.BENCH_PROFILE_INCIDENTS], 500);
  const dir = join(WORK, 'profile');
  rmSync(dir, { recursive: true, force: true });
  generateIncidents(join(dir, 'incidents'), count, SEED);
  const result = run(NODE, ['--cpu-prof', '--cpu-prof-dir=.', '--cpu-prof-interval=250', BIN, 'build', 'incidents', '--out', 'out'], dir);
  if (result.status !== 0) fail('`postmortem build` failed under the profiler', result);
  const written = countFiles(join(dir, 'out'), '.md');
  if (written !== count) fail(`\`postmortem build\` wrote ${written} postmortems for ${count} incidents`, result);
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).sort();
  if (files.length === 0) fail('no .cpuprofile was written');
  process.stdout.write(`build of ${count} incidents: ${(result.ms / 1000).toFixed(2)} s wall under the profiler\n`);
  process.stdout.write(`profiles (one per thread) in bench/.work/profile/: ${files.join(', ')}\n`);
  process.stdout.write(`${summarise(files.map((file) => read(join(dir, file))))}\n`);
}
