/**
 * CPU profile of `postmortem build` on a small generated set, summarised.
 *
 *   npm run build && node --import tsx bench/profile.ts [incidents]   (default 500)
 *   node --import tsx bench/profile.ts --summarise FILE.cpuprofile     (an existing profile)
 *
 * Runs `node --cpu-prof dist/cli/bin.js build incidents --out out` with cwd
 * bench/.work/profile, keeps the .cpuprofile there (open it in Chrome DevTools
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

export function summarise(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // Self time per node: each sample is charged the time until the next one.
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    self.set(id, (self.get(id) ?? 0) + Math.max(0, delta));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);

  const packages = new Map<string, number>();
  const functions = new Map<string, { frame: CallFrame; time: number }>();
  for (const [id, time] of self) {
    const frame = byId.get(id)!.callFrame;
    const pkg = packageOf(frame);
    packages.set(pkg, (packages.get(pkg) ?? 0) + time);
    const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}|${frame.columnNumber}`;
    const entry = functions.get(key) ?? { frame, time: 0 };
    entry.time += time;
    functions.set(key, entry);
  }

  // Inclusive time of postmortem's own functions, counted once per stack (recursion-safe).
  const inclusive = new Map<string, { frame: CallFrame; time: number }>();
  for (const [id, time] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (!isOwnCode(frame)) continue;
      const key = `${frame.functionName || '(anonymous)'}|${frame.url}|${frame.lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = inclusive.get(key) ?? { frame, time: 0 };
      entry.time += time;
      inclusive.set(key, entry);
    }
  }

  const out: string[] = [];
  out.push(`profile: ${(total / 1000).toFixed(0)} ms sampled (${(idle / 1000).toFixed(0)} ms idle), ${profile.samples.length} samples`);
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

const args = process.argv.slice(2);
if (args[0] === '--summarise') {
  if (!args[1]) fail('name a .cpuprofile file after --summarise');
  process.stdout.write(`${summarise(JSON.parse(readFileSync(args[1], 'utf8')) as CpuProfile)}\n`);
} else {
  const count = positiveInt('incidents', [args[0], process.env.BENCH_PROFILE_INCIDENTS], 500);
  const dir = join(WORK, 'profile');
  rmSync(dir, { recursive: true, force: true });
  generateIncidents(join(dir, 'incidents'), count, SEED);
  const result = run(NODE, ['--cpu-prof', '--cpu-prof-dir=.', '--cpu-prof-interval=250', BIN, 'build', 'incidents', '--out', 'out'], dir);
  if (result.status !== 0) fail('`postmortem build` failed under the profiler', result);
  const written = countFiles(join(dir, 'out'), '.md');
  if (written !== count) fail(`\`postmortem build\` wrote ${written} postmortems for ${count} incidents`, result);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) fail('no .cpuprofile was written');
  process.stdout.write(`build of ${count} incidents: ${(result.ms / 1000).toFixed(2)} s wall under the profiler\n`);
  process.stdout.write(`profile: bench/.work/profile/${file}\n`);
  process.stdout.write(`${summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile)}\n`);
}
