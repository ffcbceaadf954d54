/**
 * `npm run bench`: generates realistic incidents and measures the built CLI.
 *
 *   1. `postmortem build` on N incidents ÷ a subprocess that only reads and
 *      YAML-parses the same files (bench/baseline-parse.mjs); target ≤ 3. The
 *      same on N short, varied incidents (1–2 KB, 2–6 events: generate.ts's
 *      generateShortIncident), where fixed costs per file weigh more; target ≤ 3.
 *   1b. Warm `build`: one incident file changed, built into the output folder of
 *      the last cold build, whose manifest lets build skip the others ÷ the cold
 *      build; target ≤ 0.05. Twice: a comment appended (same model, so its
 *      postmortem is kept unrendered), and a word appended to its title (rendered).
 *   1c. `postmortem publish --target html` on N incidents into an empty folder
 *      ÷ the cold build; target ≤ 1.5.
 *   2. `postmortem validate` on one file ÷ `node -e 0`; target ≤ 2. Beside it,
 *      bench/baseline-start.mjs (read, parse with yaml, one Intl formatter: the
 *      least any validator must do) ÷ `node -e 0`, and validate ÷ that; when
 *      NODE_EXTRA_CA_CERTS is set, the three again without it.
 *   3. Peak RSS of `postmortem build` on the memory set; target ≤ 200 MB.
 *   4. `postmortem report` on N incidents ÷ the same read-and-parse baseline;
 *      target ≤ 3 (it reads and checks every file, then computes the figures).
 *   5. Peak RSS of `postmortem report` on the memory set; target ≤ 200 MB.
 *   6. The largest file the 1 MiB cap allows (25,000 events, bench/generate-long.ts):
 *      `build` and `fmt` of it ÷ reading and parsing it, in time (target ≤ 3)
 *      and in peak RSS (target ≤ 2).
 *   7. Peak RSS of `postmortem validate` on the many-files set ÷ on the memory
 *      set (ten times fewer files): target ≤ 1.25, memory flat in the file count.
 *   8. Peak RSS of `postmortem report` on the same two sets, shown with what
 *      each extra file costs: a report keeps a record of every incident (about
 *      2 KB live), so its memory grows with the count by that and no more.
 *   9. (BENCH_IMPORT=1 only) Peak RSS of importing one channel of a generated
 *      Slack export (bench/import-slack.ts); target ≤ 200 MB for 500 MB.
 *
 * Every time ratio is the median of the runs' ratios, and each run measures
 * its two terms back to back (a cold build then its warm builds and publish;
 * a baseline then its build): the host's speed drifts over minutes, which a
 * ratio of medians taken minutes apart would count.
 *
 * Settings (argument or environment):
 *   npm run bench -- 500          N, also BENCH_INCIDENTS (default 2000)
 *   BENCH_MEMORY_INCIDENTS        size of the memory set (default 10000; 0 skips it)
 *   BENCH_MANY_INCIDENTS          size of the many-files set (default 100000; 0 skips it)
 *   BENCH_BUILD_RUNS              timed build/baseline pairs, on each set; warm builds; publishes (default 3)
 *   BENCH_RUNS                    timed validate/`node -e 0` pairs (default 15)
 *   BENCH_SEED                    PRNG seed (default postmortem-bench-v1)
 *   BENCH_RSS_METHOD=hook         use bench/report-rss.mjs even when /usr/bin/time exists
 *   BENCH_IMPORT=1                also 9: peak RSS of importing a Slack export (bench/import-slack.ts;
 *                                 BENCH_SLACK_MB sets its size, default 500); off by default
 *
 * The report always exits 0 when the measurements could be taken, whether or
 * not the targets are met. It exits 1 when they could not: a failed build, or a
 * number of postmortems different from the number of incidents generated, a
 * build that left no manifest or whose warm run rendered more than the changed
 * file, or a failed publish.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { build as bundle } from 'esbuild';
import { BENCH, BIN, NODE, ROOT, type Row, type Run, type RssRun, SEED, WORK, countFiles, fail, findConfigAbove, measureRss, median, positiveInt, rssMethod, run } from './common.js';
import { generateIncidents } from './generate.js';
import { longIncident } from './generate-long.js';

const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const INCIDENTS = positiveInt('BENCH_INCIDENTS', [positional[0], process.env.BENCH_INCIDENTS], 2000);
const MEMORY_INCIDENTS = positiveInt('BENCH_MEMORY_INCIDENTS', [positional[1], process.env.BENCH_MEMORY_INCIDENTS], 10_000, true);
const BUILD_RUNS = positiveInt('BENCH_BUILD_RUNS', [process.env.BENCH_BUILD_RUNS], 3);
const VALIDATE_RUNS = positiveInt('BENCH_RUNS', [process.env.BENCH_RUNS], 15);
const MANY_INCIDENTS = positiveInt('BENCH_MANY_INCIDENTS', [process.env.BENCH_MANY_INCIDENTS], 100_000, true);
const TARGET_LONG_TIME_RATIO = 3;
const TARGET_LONG_RSS_RATIO = 2;
const TARGET_MANY_RSS_RATIO = 1.25;

const TARGET_BUILD_RATIO = 3;
const TARGET_VALIDATE_RATIO = 2;
const TARGET_RSS_MB = 200;
const TARGET_REPORT_RATIO = 3;
const TARGET_WARM_RATIO = 0.05;
const TARGET_PUBLISH_RATIO = 1.5;
/** The manifest `build` keeps in its output folder (src/pipeline/build-cache.ts). */
const BUILD_MANIFEST = '.postmortem-build.json';
/** Fixed, so the report is the same on every run. */
const REPORT_AS_OF = '2026-11-25';
const reportArgs = (incidents: string, out: string) => [BIN, 'report', incidents, '--as-of', REPORT_AS_OF, '--out', out];

const log = (text: string) => process.stderr.write(`${text}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(1)} ms`;
/** Kilobytes (KiB, as getrusage reports them) to megabytes of 10^6 bytes. */
const megabytes = (kb: number) => (kb * 1024) / 1e6;

if (!existsSync(BIN)) fail(`${BIN} is missing; run \`npm run build\` first (npm run bench does it).`);

// ---------------------------------------------------------------------------
// Isolation from any postmortem.config.yaml above bench/.work

rmSync(join(WORK, 'postmortem.config.yaml'), { force: true });
const outsideConfig = findConfigAbove(dirname(WORK));
const notes: string[] = [];
if (outsideConfig) {
  // Shadow it with the defaults, so the benchmark measures the same thing whatever the repository holds.
  writeFileSync(
    join(WORK, 'postmortem.config.yaml'),
    '# Written by bench/run.ts to shadow a configuration found above bench/.work.\ntimezone: UTC\n',
  );
  notes.push(`${outsideConfig} would apply from bench/.work; it is shadowed by bench/.work/postmortem.config.yaml (defaults).`);
}

// What is measured: the commit, and whether src/ or templates/ differ from it.
const git = (args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
const head = git(['rev-parse', '--short', 'HEAD']).stdout?.trim() || 'unknown';
const dirty = (git(['status', '--porcelain', '--', 'src', 'templates']).stdout ?? '').split('\n').filter(Boolean).length;
const revision = `commit ${head}${dirty ? ` + ${dirty} uncommitted change(s) in src/ or templates/` : ''}`;

// ---------------------------------------------------------------------------
// Data

function generate(folder: string, count: number, kind: 'bench' | 'short' = 'bench'): string {
  const dir = join(WORK, folder);
  const started = performance.now();
  const { bytes } = generateIncidents(dir, count, SEED, kind);
  log(
    `generated ${count}${kind === 'short' ? ' short' : ''} incidents in bench/.work/${folder} ` +
      `(${(bytes / 1e6).toFixed(1)} MB, ${(bytes / count / 1000).toFixed(1)} KB each, ${seconds(performance.now() - started)})`,
  );
  return dir;
}

/** Runs a build from bench/.work and checks it wrote one postmortem per incident. */
function checkedBuild(run: Run, outDir: string, expected: number, label: string): void {
  if (run.status !== 0) fail(`\`postmortem build\` (${label}) exited with ${run.status}; the generated incidents should all be valid`, run);
  const written = countFiles(outDir, '.md');
  if (written !== expected) fail(`\`postmortem build\` (${label}) wrote ${written} postmortems for ${expected} incidents`, run);
}

const buildArgs = (incidents: string, out: string) => [BIN, 'build', incidents, '--out', out];

/** The counts of build's and publish's summary line: `N files: N ok, 0 invalid; 0 errors, 0 warnings; X written, Y unchanged…`. */
function summaryOf(stdout: string): { line: string; files: number; ok: number; written: number; unchanged: number } | null {
  const match = /^(\d+) files: (\d+) ok, \d+ invalid; \d+ errors, \d+ warnings; (\d+) written, (\d+) unchanged.*$/m.exec(stdout);
  if (!match) return null;
  return { line: match[0], files: Number(match[1]), ok: Number(match[2]), written: Number(match[3]), unchanged: Number(match[4]) };
}

/** Number of incidents the build manifest remembers, or null when it is missing or unreadable. */
function manifestEntries(out: string): number | null {
  try {
    const manifest = JSON.parse(readFileSync(join(out, BUILD_MANIFEST), 'utf8')) as { files?: unknown };
    return typeof manifest.files === 'object' && manifest.files !== null ? Object.keys(manifest.files).length : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// 1. build ÷ read-and-parse baseline; 1b. warm builds and 1c. publish ÷ the cold build

log(`node ${process.version}, ${cpus().length} CPU(s) ${cpus()[0]?.model ?? ''}, seed ${SEED}, ${revision}`);
generate('incidents', INCIDENTS);
const outDir = join(WORK, 'out');
const baselineScript = join(BENCH, 'baseline-parse.mjs');

const warm = run(NODE, [baselineScript, 'incidents'], WORK); // warms the file cache
if (warm.status !== 0 || warm.stdout.trim() !== `${INCIDENTS} 0`) fail('the baseline could not parse every generated file', warm);

const incidentNames = readdirSync(join(WORK, 'incidents')).sort();
/** Checks a build into the cold build's folder rendered at most `changed` postmortems and kept the others. */
function checkedWarmBuild(build: Run, changed: number, label: string): string {
  checkedBuild(build, outDir, INCIDENTS, label);
  const summary = summaryOf(build.stdout);
  if (!summary || summary.files !== INCIDENTS || summary.ok !== INCIDENTS || summary.written > changed || summary.written + summary.unchanged !== INCIDENTS) {
    fail(`\`postmortem build\` (${label}) should have found ${INCIDENTS} ok and written at most ${changed} postmortem(s), the others unchanged`, build);
  }
  if (manifestEntries(outDir) !== INCIDENTS) fail(`\`postmortem build\` (${label}) left a manifest that does not remember every incident`, build);
  return summary.line;
}
/** Comment: a YAML comment appended keeps the file valid and its model the same. Content: a word appended to the title changes the model, so its postmortem is rendered. */
type WarmChange = 'comment' | 'content';
function changed(original: Buffer, change: WarmChange, run: number): Buffer {
  const text = original.toString('utf8');
  if (change === 'content') {
    const titled = text.replace(/^title: (.*?)(\r?)$/m, (_, title: string, cr: string) => `title: ${title} touched${run}${cr}`);
    if (titled === text) fail('a generated incident has no plain `title:` line to change');
    return Buffer.from(titled);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text.endsWith('\n') ? '' : eol;
  return Buffer.concat([original, Buffer.from(`${separator}# bench touch ${run}${eol}`)]);
}
/** One warm build into the cold build's folder with one file changed, then an untimed one that brings the manifest back in line with the restored file. */
function warmBuild(change: WarmChange, i: number): { build: Run; line: string } {
  // A different file each run, spread over the set (the content runs take others than the comment runs).
  const at = change === 'comment' ? i + 0.5 : i + 0.25;
  const name = incidentNames[Math.floor((at * incidentNames.length) / BUILD_RUNS)]!;
  const path = join(WORK, 'incidents', name);
  const original = readFileSync(path);
  writeFileSync(path, changed(original, change, i + 1));
  let build: Run;
  try {
    build = run(NODE, buildArgs('incidents', 'out'), WORK);
  } finally {
    writeFileSync(path, original);
  }
  const line = checkedWarmBuild(build, 1, `warm, ${name}'s ${change} changed`);
  const resync = run(NODE, buildArgs('incidents', 'out'), WORK);
  checkedWarmBuild(resync, 1, `warm, ${name} restored`);
  log(`  warm build (${change}): ${seconds(build.ms)} (${name} changed: ${line}); restored: ${seconds(resync.ms)}`);
  return { build, line };
}

const siteDir = join(WORK, 'site');
const publishArgs = [BIN, 'publish', '--target', 'html', 'incidents', '--out', 'site', '--as-of', REPORT_AS_OF];

// Each run measures a ratio's two terms back to back (the baseline, a cold build, then the
// warm builds and the publish that are compared with that cold build): this host's speed
// drifts by tens of percent over minutes, and a ratio of terms measured minutes apart
// would measure that drift. Each ratio is the median of its runs' ratios.
const buildTimes: number[] = [];
const baselineTimes: number[] = [];
const warmTimes: number[] = [];
const warmLines: string[] = [];
const contentTimes: number[] = [];
const contentLines: string[] = [];
const publishTimes: number[] = [];
let publishLine = '';
for (let i = 0; i < BUILD_RUNS; i++) {
  // 1. build ÷ the read-and-parse baseline
  const baseline = run(NODE, [baselineScript, 'incidents'], WORK);
  if (baseline.status !== 0) fail('baseline-parse failed', baseline);
  baselineTimes.push(baseline.ms);

  rmSync(outDir, { recursive: true, force: true }); // every cold run writes every postmortem
  const build = run(NODE, buildArgs('incidents', 'out'), WORK);
  checkedBuild(build, outDir, INCIDENTS, `${INCIDENTS} incidents`);
  buildTimes.push(build.ms);
  log(`build run ${i + 1}/${BUILD_RUNS}: build ${seconds(build.ms)}, baseline ${seconds(baseline.ms)}`);

  // 1b. warm builds ÷ that cold build: one file changed since it, same output folder.
  // The cold build must have left a manifest remembering every incident, or the warm runs measure nothing.
  const remembered = manifestEntries(outDir);
  if (remembered !== INCIDENTS) {
    fail(`the cold build left ${remembered === null ? 'no readable' : `a ${remembered}-entry`} ${BUILD_MANIFEST} in bench/.work/out for ${INCIDENTS} incidents`);
  }
  for (const [change, times, lines] of [
    ['comment', warmTimes, warmLines],
    ['content', contentTimes, contentLines],
  ] as const) {
    const warm = warmBuild(change, i);
    times.push(warm.build.ms);
    lines.push(warm.line);
  }

  // 1c. publish --target html ÷ that cold build
  rmSync(siteDir, { recursive: true, force: true }); // cold: every page written
  const publish = run(NODE, publishArgs, WORK);
  if (publish.status !== 0) fail(`\`postmortem publish --target html\` exited with ${publish.status}`, publish);
  const pages = countFiles(siteDir, '.html');
  // One page per incident, the index and the report.
  if (pages !== INCIDENTS + 2) fail(`\`postmortem publish --target html\` wrote ${pages} pages for ${INCIDENTS} incidents (expected ${INCIDENTS + 2})`, publish);
  publishLine = summaryOf(publish.stdout)?.line ?? publish.stdout.trim().split('\n').pop() ?? '';
  publishTimes.push(publish.ms);
  log(`  publish: ${seconds(publish.ms)} (${publishLine})`);
}

// ---------------------------------------------------------------------------
// 1 (short set). build ÷ read-and-parse baseline on short, varied incidents

generate('incidents-short', INCIDENTS, 'short');
const shortOutDir = join(WORK, 'out-short');
const warmShort = run(NODE, [baselineScript, 'incidents-short'], WORK); // warms the file cache
if (warmShort.status !== 0 || warmShort.stdout.trim() !== `${INCIDENTS} 0`) fail('the baseline could not parse every generated short file', warmShort);

const shortBuildTimes: number[] = [];
const shortBaselineTimes: number[] = [];
for (let i = 0; i < BUILD_RUNS; i++) {
  const baseline = run(NODE, [baselineScript, 'incidents-short'], WORK);
  if (baseline.status !== 0) fail('baseline-parse failed on the short set', baseline);
  shortBaselineTimes.push(baseline.ms);

  rmSync(shortOutDir, { recursive: true, force: true }); // every run writes every postmortem
  const build = run(NODE, buildArgs('incidents-short', 'out-short'), WORK);
  checkedBuild(build, shortOutDir, INCIDENTS, `${INCIDENTS} short incidents`);
  shortBuildTimes.push(build.ms);
  log(`short build run ${i + 1}/${BUILD_RUNS}: build ${seconds(build.ms)}, baseline ${seconds(baseline.ms)}`);
}

// ---------------------------------------------------------------------------
// 4. report ÷ the same baseline (measured here, beside its own baseline runs)

function checkedReport(run: Run, label: string): void {
  // The generated incidents are all valid: anything but exit 0 means the report is broken.
  if (run.status !== 0) fail(`\`postmortem report\` (${label}) exited with ${run.status}`, run);
}

const reportTimes: number[] = [];
const reportBaselineTimes: number[] = [];
for (let i = 0; i < BUILD_RUNS; i++) {
  const baseline = run(NODE, [baselineScript, 'incidents'], WORK);
  if (baseline.status !== 0) fail('baseline-parse failed', baseline);
  reportBaselineTimes.push(baseline.ms);
  const report = run(NODE, reportArgs('incidents', 'report.md'), WORK);
  checkedReport(report, `${INCIDENTS} incidents`);
  reportTimes.push(report.ms);
  log(`report run ${i + 1}/${BUILD_RUNS}: report ${seconds(report.ms)}, baseline ${seconds(baseline.ms)}`);
}

// ---------------------------------------------------------------------------
// 2. validate one file ÷ node -e 0, beside the least any validator must do
//    (bench/baseline-start.mjs: read, parse with yaml, one Intl formatter)

const oneFile = readdirSync(join(WORK, 'incidents')).sort()[0]!;
const validateArgs = [BIN, 'validate', join('incidents', oneFile)];
const startBaseline = join(WORK, 'baseline-start.js');
await bundle({
  entryPoints: [join(BENCH, 'baseline-start.mjs')],
  outfile: startBaseline,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // As scripts/bundle.mjs does for the CLI: yaml's ES module build.
  alias: { yaml: join(ROOT, 'node_modules', 'yaml', 'browser', 'index.js') },
});
const startArgs = [startBaseline, join('incidents', oneFile)];

/** node -e 0, the start baseline and validate, alternated; `env` is added to (or, where undefined, removed from) their environment. */
function measureStart(env: Record<string, string | undefined>): { node: number[]; start: number[]; validate: number[] } {
  const times = { node: [] as number[], start: [] as number[], validate: [] as number[] };
  const timed = (args: string[], what: string) => {
    const result = run(NODE, args, WORK, env);
    if (result.status !== 0) fail(`${what} failed`, result);
    return result.ms;
  };
  // Once each before timing: the files are then in the page cache for every timed run.
  timed(validateArgs, `\`postmortem validate ${oneFile}\``);
  timed(startArgs, 'baseline-start');
  timed(['-e', '0'], '`node -e 0`');
  for (let i = 0; i < VALIDATE_RUNS; i++) {
    times.node.push(timed(['-e', '0'], '`node -e 0`'));
    times.start.push(timed(startArgs, 'baseline-start'));
    times.validate.push(timed(validateArgs, `\`postmortem validate ${oneFile}\``));
  }
  return times;
}

const startTimes = measureStart({});
log(
  `validate: ${VALIDATE_RUNS} runs, median ${millis(median(startTimes.validate))}; ` +
    `baseline-start ${millis(median(startTimes.start))}; node -e 0 ${millis(median(startTimes.node))}`,
);
// Node 20 loads NODE_EXTRA_CA_CERTS at every start, before any script: tens of milliseconds
// added to both sides of the ratio. Measured without it too, as on a machine that does not set it.
const caCertificates = process.env.NODE_EXTRA_CA_CERTS;
const startTimesWithoutCa = caCertificates ? measureStart({ NODE_EXTRA_CA_CERTS: undefined }) : undefined;
if (startTimesWithoutCa) {
  log(
    `validate without NODE_EXTRA_CA_CERTS: median ${millis(median(startTimesWithoutCa.validate))}; ` +
      `baseline-start ${millis(median(startTimesWithoutCa.start))}; node -e 0 ${millis(median(startTimesWithoutCa.node))}`,
  );
  notes.push(
    'NODE_EXTRA_CA_CERTS is set: Node 20 loads it at every start, so `node -e 0` is slower and the validate ratio reads lower than without it; the rows "without NODE_EXTRA_CA_CERTS" measure the same with it removed.',
  );
}

// ---------------------------------------------------------------------------
// 3. peak RSS of build on the memory set

let memory: { build: RssRun; report: RssRun; bare: RssRun } | undefined;
if (MEMORY_INCIDENTS > 0) {
  generate('incidents-memory', MEMORY_INCIDENTS);
  const memoryOut = join(WORK, 'out-memory');
  rmSync(memoryOut, { recursive: true, force: true });
  log(`measuring peak RSS of build on ${MEMORY_INCIDENTS} incidents with ${rssMethod}…`);
  const build = measureRss(buildArgs('incidents-memory', 'out-memory'), WORK);
  checkedBuild(build.run, memoryOut, MEMORY_INCIDENTS, `${MEMORY_INCIDENTS} incidents`);
  const bare = measureRss(['-e', '0'], WORK);
  log(`memory build: ${seconds(build.run.ms)}, peak RSS ${megabytes(build.kb).toFixed(0)} MB`);
  log(`measuring peak RSS of report on ${MEMORY_INCIDENTS} incidents…`);
  const report = measureRss(reportArgs('incidents-memory', 'report-memory.md'), WORK);
  checkedReport(report.run, `${MEMORY_INCIDENTS} incidents`);
  log(`memory report: ${seconds(report.run.ms)}, peak RSS ${megabytes(report.kb).toFixed(0)} MB`);
  memory = { build, report, bare };
}

// ---------------------------------------------------------------------------
// 6. the largest file: build and fmt ÷ read and parse, in time and peak RSS

const longDir = join(WORK, 'long');
rmSync(longDir, { recursive: true, force: true });
mkdirSync(longDir, { recursive: true });
const longText = longIncident();
writeFileSync(join(longDir, 'long.yaml'), longText);
// fmt gets the largest file whose canonical form still fits the cap: the generated list is not
// indented, and fmt refuses to format 25,000 events into a file over 1 MiB (1.15 MB).
const FMT_LONG_EVENTS = 21_000;
const fmtText = longIncident(FMT_LONG_EVENTS);
const fmtDir = join(WORK, 'long-fmt');
log(`measuring the largest file (${(Buffer.byteLength(longText) / 1e6).toFixed(2)} MB, 25,000 events; fmt: ${FMT_LONG_EVENTS.toLocaleString('en-US')} events)…`);
const longRuns = { baseline: [] as RssRun[], build: [] as RssRun[], fmtBaseline: [] as RssRun[], fmt: [] as RssRun[] };
for (let i = 0; i < BUILD_RUNS; i++) {
  const baseline = measureRss([baselineScript, 'long'], WORK);
  if (baseline.run.status !== 0) fail('baseline-parse failed on the largest file', baseline.run);
  longRuns.baseline.push(baseline);
  rmSync(join(WORK, 'out-long'), { recursive: true, force: true });
  const build = measureRss(buildArgs('long', 'out-long'), WORK);
  checkedBuild(build.run, join(WORK, 'out-long'), 1, 'the largest file');
  longRuns.build.push(build);
  // A fresh copy each run: the generated file is not in canonical form, so `fmt` rewrites it.
  rmSync(fmtDir, { recursive: true, force: true });
  mkdirSync(fmtDir, { recursive: true });
  writeFileSync(join(fmtDir, 'long.yaml'), fmtText);
  const fmtBaseline = measureRss([baselineScript, 'long-fmt'], WORK);
  if (fmtBaseline.run.status !== 0) fail('baseline-parse failed on the file for fmt', fmtBaseline.run);
  longRuns.fmtBaseline.push(fmtBaseline);
  const fmt = measureRss([BIN, 'fmt', 'long-fmt'], WORK);
  if (fmt.run.status !== 0 || !/1 formatted/.test(fmt.run.stdout)) fail('`postmortem fmt` did not format the largest file', fmt.run);
  longRuns.fmt.push(fmt);
  log(`largest file run ${i + 1}/${BUILD_RUNS}: build ${seconds(build.run.ms)}, fmt ${seconds(fmt.run.ms)}, baseline ${seconds(baseline.run.ms)}`);
}

// ---------------------------------------------------------------------------
// 7. peak RSS of validate: many files ÷ ten times fewer

let many: { small: RssRun; large: RssRun; smallCount: number; reportSmall: RssRun; reportLarge: RssRun } | undefined;
if (MANY_INCIDENTS > 0) {
  const smallCount = Math.max(1, Math.round(MANY_INCIDENTS / 10));
  generate('incidents-many', MANY_INCIDENTS);
  // The first tenth of the set, by name: the same kind of files, ten times fewer.
  const names = readdirSync(join(WORK, 'incidents-many')).sort().slice(0, smallCount);
  const tenth = join(WORK, 'incidents-many-tenth');
  rmSync(tenth, { recursive: true, force: true });
  mkdirSync(tenth, { recursive: true });
  for (const name of names) copyFileSync(join(WORK, 'incidents-many', name), join(tenth, name));
  log(`measuring peak RSS of validate on ${smallCount} and ${MANY_INCIDENTS} incidents…`);
  const small = measureRss([BIN, 'validate', 'incidents-many-tenth'], WORK);
  if (small.run.status !== 0) fail('`postmortem validate` rejected the many-files set', small.run);
  const large = measureRss([BIN, 'validate', 'incidents-many'], WORK);
  if (large.run.status !== 0) fail('`postmortem validate` rejected the many-files set', large.run);
  log(`validate: ${smallCount} files ${megabytes(small.kb).toFixed(0)} MB, ${MANY_INCIDENTS} files ${megabytes(large.kb).toFixed(0)} MB`);
  log(`measuring peak RSS of report on ${smallCount} and ${MANY_INCIDENTS} incidents…`);
  const reportSmall = measureRss(reportArgs('incidents-many-tenth', join('out-many', 'report-tenth.md')), WORK);
  checkedReport(reportSmall.run, `${smallCount} incidents`);
  const reportLarge = measureRss(reportArgs('incidents-many', join('out-many', 'report.md')), WORK);
  checkedReport(reportLarge.run, `${MANY_INCIDENTS} incidents`);
  log(`report: ${smallCount} files ${megabytes(reportSmall.kb).toFixed(0)} MB, ${MANY_INCIDENTS} files ${megabytes(reportLarge.kb).toFixed(0)} MB`);
  many = { small, large, smallCount, reportSmall, reportLarge };
}

// ---------------------------------------------------------------------------
// Report (stdout)


const verdict = (ok: boolean) => (ok ? 'pass' : 'MISSED');
const rows: Row[] = [];
/** The median of each run's ratio: each run measures both terms back to back (see the loop of 1). */
const pairedRatio = (values: readonly number[], baselines: readonly number[]) => median(values.map((value, i) => value / baselines[i]!));
const buildMedian = median(buildTimes);
const baselineMedian = median(baselineTimes);
const buildRatio = pairedRatio(buildTimes, baselineTimes);
rows.push({
  measure: `build, ${INCIDENTS} incidents (median of ${BUILD_RUNS})`,
  value: seconds(buildMedian),
  baseline: `${seconds(baselineMedian)} read+parse`,
  ratio: `${buildRatio.toFixed(2)}×`,
  target: `≤ ${TARGET_BUILD_RATIO}×`,
  result: verdict(buildRatio <= TARGET_BUILD_RATIO),
});
const shortBuildMedian = median(shortBuildTimes);
const shortBaselineMedian = median(shortBaselineTimes);
const shortBuildRatio = pairedRatio(shortBuildTimes, shortBaselineTimes);
rows.push({
  measure: `build, ${INCIDENTS} short incidents (median of ${BUILD_RUNS})`,
  value: seconds(shortBuildMedian),
  baseline: `${seconds(shortBaselineMedian)} read+parse`,
  ratio: `${shortBuildRatio.toFixed(2)}×`,
  target: `≤ ${TARGET_BUILD_RATIO}×`,
  result: verdict(shortBuildRatio <= TARGET_BUILD_RATIO),
});
const warmMedian = median(warmTimes);
const warmRatio = pairedRatio(warmTimes, buildTimes);
rows.push({
  measure: `warm build, a comment added to 1 of ${INCIDENTS} (median of ${BUILD_RUNS})`,
  value: seconds(warmMedian),
  baseline: `${seconds(buildMedian)} cold build`,
  ratio: `${warmRatio.toFixed(3)}×`,
  target: `≤ ${TARGET_WARM_RATIO}×`,
  result: verdict(warmRatio <= TARGET_WARM_RATIO),
});
const contentMedian = median(contentTimes);
const contentRatio = pairedRatio(contentTimes, buildTimes);
rows.push({
  measure: `warm build, one file's content changed, 1 of ${INCIDENTS} (median of ${BUILD_RUNS})`,
  value: seconds(contentMedian),
  baseline: `${seconds(buildMedian)} cold build`,
  ratio: `${contentRatio.toFixed(3)}×`,
  target: `≤ ${TARGET_WARM_RATIO}×`,
  result: verdict(contentRatio <= TARGET_WARM_RATIO),
});
const publishMedian = median(publishTimes);
const publishRatio = pairedRatio(publishTimes, buildTimes);
rows.push({
  measure: `publish html, ${INCIDENTS} incidents (median of ${BUILD_RUNS})`,
  value: seconds(publishMedian),
  baseline: `${seconds(buildMedian)} cold build`,
  ratio: `${publishRatio.toFixed(2)}×`,
  target: `≤ ${TARGET_PUBLISH_RATIO}×`,
  result: verdict(publishRatio <= TARGET_PUBLISH_RATIO),
});
const reportMedian = median(reportTimes);
const reportBaselineMedian = median(reportBaselineTimes);
const reportRatio = pairedRatio(reportTimes, reportBaselineTimes);
rows.push({
  measure: `report, ${INCIDENTS} incidents (median of ${BUILD_RUNS})`,
  value: seconds(reportMedian),
  baseline: `${seconds(reportBaselineMedian)} read+parse`,
  ratio: `${reportRatio.toFixed(2)}×`,
  target: `≤ ${TARGET_REPORT_RATIO}×`,
  result: verdict(reportRatio <= TARGET_REPORT_RATIO),
});
/** validate one file ÷ node -e 0 (the target), and beside it the start baseline: what any validator must do, and what this one adds. */
function startRows(times: { node: number[]; start: number[]; validate: number[] }, condition: string, target: boolean): void {
  const validateRatio = pairedRatio(times.validate, times.node);
  rows.push({
    measure: `validate, 1 file${condition} (median of ${VALIDATE_RUNS})`,
    value: millis(median(times.validate)),
    baseline: `${millis(median(times.node))} node -e 0`,
    ratio: `${validateRatio.toFixed(2)}×`,
    target: target ? `≤ ${TARGET_VALIDATE_RATIO}×` : 'info',
    result: target ? verdict(validateRatio <= TARGET_VALIDATE_RATIO) : '',
  });
  rows.push({
    measure: `baseline-start: read + parse + 1 Intl formatter${condition}`,
    value: millis(median(times.start)),
    baseline: `${millis(median(times.node))} node -e 0`,
    ratio: `${pairedRatio(times.start, times.node).toFixed(2)}×`,
    target: 'info',
    result: '',
  });
  rows.push({
    measure: `validate, 1 file ÷ baseline-start${condition}`,
    value: millis(median(times.validate)),
    baseline: `${millis(median(times.start))} baseline-start`,
    ratio: `${pairedRatio(times.validate, times.start).toFixed(2)}×`,
    target: 'info',
    result: '',
  });
}
startRows(startTimes, '', true);
if (startTimesWithoutCa) startRows(startTimesWithoutCa, ', without NODE_EXTRA_CA_CERTS', false);
if (memory) {
  const mb = megabytes(memory.build.kb);
  const bareMb = megabytes(memory.bare.kb);
  rows.push({
    measure: `peak RSS, build ${MEMORY_INCIDENTS} incidents`,
    value: `${mb.toFixed(0)} MB`,
    baseline: `${bareMb.toFixed(0)} MB node -e 0`,
    ratio: `${(mb / bareMb).toFixed(1)}×`,
    target: `≤ ${TARGET_RSS_MB} MB`,
    result: verdict(mb <= TARGET_RSS_MB),
  });
  const reportMb = megabytes(memory.report.kb);
  rows.push({
    measure: `peak RSS, report ${MEMORY_INCIDENTS} incidents`,
    value: `${reportMb.toFixed(0)} MB`,
    baseline: `${bareMb.toFixed(0)} MB node -e 0`,
    ratio: `${(reportMb / bareMb).toFixed(1)}×`,
    target: `≤ ${TARGET_RSS_MB} MB`,
    result: verdict(reportMb <= TARGET_RSS_MB),
  });
  rows.push({
    measure: `build wall time, ${MEMORY_INCIDENTS} incidents (1 run)`,
    value: seconds(memory.build.run.ms),
    baseline: `${seconds((buildMedian * MEMORY_INCIDENTS) / INCIDENTS)} linear`,
    ratio: `${(memory.build.run.ms / ((buildMedian * MEMORY_INCIDENTS) / INCIDENTS)).toFixed(2)}×`,
    target: 'info',
    result: '',
  });
}

for (const [name, runs, baselines, events] of [
  ['build', longRuns.build, longRuns.baseline, '25,000'],
  ['fmt', longRuns.fmt, longRuns.fmtBaseline, FMT_LONG_EVENTS.toLocaleString('en-US')],
] as const) {
  const longBaselineMs = median(baselines.map((r) => r.run.ms));
  const longBaselineMb = megabytes(median(baselines.map((r) => r.kb)));
  const ms = median(runs.map((r) => r.run.ms));
  const mb = megabytes(median(runs.map((r) => r.kb)));
  const timeRatio = pairedRatio(
    runs.map((r) => r.run.ms),
    baselines.map((r) => r.run.ms),
  );
  rows.push({
    measure: `${name}, largest file (${events} events; median of ${BUILD_RUNS})`,
    value: seconds(ms),
    baseline: `${seconds(longBaselineMs)} read+parse`,
    ratio: `${timeRatio.toFixed(2)}×`,
    target: `≤ ${TARGET_LONG_TIME_RATIO}×`,
    result: verdict(timeRatio <= TARGET_LONG_TIME_RATIO),
  });
  rows.push({
    measure: `peak RSS, ${name} of the largest file`,
    value: `${mb.toFixed(0)} MB`,
    baseline: `${longBaselineMb.toFixed(0)} MB read+parse`,
    ratio: `${(mb / longBaselineMb).toFixed(2)}×`,
    target: `≤ ${TARGET_LONG_RSS_RATIO}×`,
    result: verdict(mb / longBaselineMb <= TARGET_LONG_RSS_RATIO),
  });
}
if (many) {
  const ratio = many.large.kb / many.small.kb;
  rows.push({
    measure: `peak RSS, validate ${MANY_INCIDENTS} incidents`,
    value: `${megabytes(many.large.kb).toFixed(0)} MB`,
    baseline: `${megabytes(many.small.kb).toFixed(0)} MB at ${many.smallCount}`,
    ratio: `${ratio.toFixed(2)}×`,
    target: `≤ ${TARGET_MANY_RSS_RATIO}×`,
    result: verdict(ratio <= TARGET_MANY_RSS_RATIO),
  });
  const { reportSmall, reportLarge } = many;
  const perFile = ((reportLarge.kb - reportSmall.kb) * 1024) / (MANY_INCIDENTS - many.smallCount) / 1000;
  rows.push({
    measure: `peak RSS, report ${MANY_INCIDENTS} incidents`,
    value: `${megabytes(reportLarge.kb).toFixed(0)} MB`,
    baseline: `${megabytes(reportSmall.kb).toFixed(0)} MB at ${many.smallCount}`,
    ratio: `${(reportLarge.kb / reportSmall.kb).toFixed(2)}×`,
    target: 'records only',
    result: `${perFile.toFixed(1)} KB per extra file`,
  });
}

// 9. (BENCH_IMPORT=1) peak RSS of a Slack export import: bench/import-slack.ts
if (process.env.BENCH_IMPORT === '1') {
  const { measureSlackImport } = await import('./import-slack.js');
  const slack = measureSlackImport(log);
  rows.push(slack.row);
  notes.push(...slack.notes);
}

const header: Row = { measure: 'measure', value: 'value', baseline: 'baseline', ratio: 'ratio', target: 'target', result: 'result' };
const keys = Object.keys(header) as (keyof Row)[];
const widths = keys.map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)));
const line = (row: Row) => `| ${keys.map((key, i) => row[key].padEnd(widths[i]!)).join(' | ')} |`;
const out: string[] = [];
out.push('');
out.push(`postmortem benchmark — ${revision}; node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPU(s), seed ${SEED}`);
out.push('');
out.push(line(header));
out.push(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) out.push(line(row));
out.push('');
out.push('Ratios are the median of the runs\' ratios, each run measuring both terms back to back; the values are the medians of the runs.');
out.push(`build runs (s):     ${buildTimes.map((ms) => (ms / 1000).toFixed(2)).join(', ')}`);
out.push(`baseline runs (s):  ${baselineTimes.map((ms) => (ms / 1000).toFixed(2)).join(', ')}`);
out.push(`short build runs (s): ${shortBuildTimes.map((ms) => (ms / 1000).toFixed(2)).join(', ')}; its baseline runs (s): ${shortBaselineTimes.map((ms) => (ms / 1000).toFixed(2)).join(', ')}`);
out.push(`warm build runs, comment (s): ${warmTimes.map((ms) => (ms / 1000).toFixed(2)).join(', ')}; printed: ${warmLines.map((line) => `\`${line}\``).join('; ')}`);
out.push(`warm build runs, content (s): ${contentTimes.map((ms) => (ms / 1000).toFixed(2)).join(', ')}; printed: ${contentLines.map((line) => `\`${line}\``).join('; ')}`);
out.push(`publish runs (s):   ${publishTimes.map((ms) => (ms / 1000).toFixed(2)).join(', ')}; last printed: \`${publishLine}\``);
out.push(`report runs (s):    ${reportTimes.map((ms) => (ms / 1000).toFixed(2)).join(', ')}; its baseline runs (s): ${reportBaselineTimes.map((ms) => (ms / 1000).toFixed(2)).join(', ')}`);
const spread = (times: readonly number[]) => `${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)}`;
out.push(`validate runs (ms): ${spread(startTimes.validate)}; baseline-start: ${spread(startTimes.start)}; node -e 0: ${spread(startTimes.node)}`);
out.push(`peak RSS measured with ${rssMethod}; MB = 10^6 bytes.`);
out.push(`All subprocesses run with cwd bench/.work; the inputs and outputs are in ${join(WORK).replace(ROOT, '')}.`);
for (const note of notes) out.push(`note: ${note}`);
const missed = rows.filter((row) => row.result === 'MISSED');
out.push('');
out.push(
  missed.length
    ? `MISSED ${missed.length} of ${rows.filter((row) => row.result).length} targets: ${missed.map((row) => row.measure).join('; ')}`
    : 'All targets met.',
);
out.push('Profile the build with: node --import tsx bench/profile.ts');
process.stdout.write(`${out.join('\n')}\n`);
