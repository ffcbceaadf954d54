import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { CodeQualityIssue } from '../src/cli/reporters/gitlab.js';
import { ROOT, runCli, tempDir } from './helpers.js';

/**
 * The files `init --ci` writes, and this repository's .pre-commit-hooks.yaml,
 * parsed and then run as written: each command of the GitHub workflow and of
 * the GitLab job, with bash, in a sample repository that installs the tool as
 * the workflow expects (a dev dependency pinned by package-lock.json). The
 * registry has no copy of this version, and no test uses the network: the
 * dev dependency `init` adds is pointed at a tarball of this build, which has
 * no dependencies, and npm runs offline (`npm_config_offline`, so the
 * commands run exactly as written).
 */

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const GOOD = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');
const BROKEN = GOOD.replace('id: 2022-10-25-messaging-outage', 'id: broken').replace(/^severity: .*$/m, 'severity: SEV9');
const BROKEN_LINE = BROKEN.split('\n').findIndex((line) => line.startsWith('severity:')) + 1;
/** Valid, but not in canonical form. */
const UNFORMATTED = GOOD.replace('id: 2022-10-25-messaging-outage', 'id: unformatted').replace(/^title: /m, 'title:    ');

interface Ran {
  command: string;
  code: number;
  output: string;
}

/** What CI gives the commands: a clean environment (none of the test runner's or npm's own variables), CI set, npm offline. */
function ciEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  // The Node running the tests runs npm and the tool too (under .ci/run's Node 22 and 24 as well).
  const PATH = [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
  const env: Record<string, string> = { PATH, HOME: process.env.HOME ?? tempDir('postmortem-home-'), CI: 'true' };
  // The cache npm was configured with: npm keeps its own files there.
  if (process.env.npm_config_cache) env.npm_config_cache = process.env.npm_config_cache;
  return { ...env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extra };
}

/**
 * Runs one command as CI runs a step or script line: bash, stopping at the
 * first failure, pipes included. Not `spawnSync`: the tests of this file run
 * at the same time, each mostly waiting for npm.
 */
function sh(command: string, cwd: string, env = ciEnvironment()): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ command, code: code ?? -1, output }));
  });
}

/** Runs the commands in order and stops at the first that fails, as a CI job does; returns what ran. */
async function runJob(commands: readonly string[], cwd: string): Promise<Ran[]> {
  const ran: Ran[] = [];
  for (const command of commands) {
    const result = await sh(command, cwd);
    ran.push(result);
    if (result.code !== 0) break;
  }
  return ran;
}

/** Runs a program (no shell) with CI's environment; `extra` adds to it. */
function execute(argv: string[], cwd: string, extra: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env: ciEnvironment(extra), stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

const describeRun = (ran: Ran[]) => ran.map((r) => `$ ${r.command}  (exit ${r.code})\n${r.output}`).join('\n');

let tarball: string | undefined;
/** This build as npm would publish it, packed once (dist/ is built before the tests run). */
function packed(): string {
  if (tarball) return tarball;
  const folder = tempDir('postmortem-pack-');
  const result = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], { cwd: ROOT, env: ciEnvironment(), encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const [{ filename }] = JSON.parse(result.stdout) as [{ filename: string }];
  tarball = join(folder, filename);
  return tarball;
}

/**
 * A repository set up by `init --ci <provider>` with one valid incident, as
 * CI checks it out once the team followed init's advice (`npm install`,
 * commit the lock file) — but with the dev dependency on this build's tarball.
 * Each call gets a fresh copy of one made once per provider.
 */
async function sampleRepository(provider: 'github' | 'gitlab'): Promise<string> {
  let made = repositories.get(provider);
  if (!made) {
    made = makeSampleRepository(provider);
    repositories.set(provider, made);
  }
  const dir = tempDir(`postmortem-${provider}-`);
  cpSync(await made, dir, { recursive: true });
  return dir;
}

const repositories = new Map<string, Promise<string>>();

async function makeSampleRepository(provider: 'github' | 'gitlab'): Promise<string> {
  const dir = tempDir(`postmortem-${provider}-made-`);
  const init = await runCli(['init', '--ci', provider], dir);
  assert.equal(init.code, 0, init.stdout + init.stderr);
  assert.match(init.stdout, /^Next: npm install$/m);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  assert.equal(pkg.devDependencies[PKG.name], `^${PKG.version}`);
  pkg.devDependencies[PKG.name] = `file:${packed()}`;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(dir, 'incidents', '2022-10-25-messaging-outage.yaml'), GOOD);
  // What the team commits after `npm install`: the lock file. CI's checkout has no node_modules, so none is made here.
  writeFileSync(join(dir, 'package-lock.json'), await lockFileFor(readFileSync(join(dir, 'package.json'), 'utf8')));
  return dir;
}

const lockFiles = new Map<string, Promise<string>>();
/** The lock file `npm install --package-lock-only` makes for a package.json; made once per content (init writes the same one for every provider). */
function lockFileFor(manifest: string): Promise<string> {
  let made = lockFiles.get(manifest);
  if (!made) {
    const dir = tempDir('postmortem-lock-');
    writeFileSync(join(dir, 'package.json'), manifest);
    made = sh('npm install --package-lock-only', dir).then((install) => {
      assert.equal(install.code, 0, install.output);
      return readFileSync(join(dir, 'package-lock.json'), 'utf8');
    });
    lockFiles.set(manifest, made);
  }
  return made;
}

/** The GitHub workflow of a repository set up by init, and the commands of its steps. */
function githubWorkflow(dir: string): { workflow: Workflow; steps: Workflow['jobs'][string]['steps']; commands: string[] } {
  const workflow = parse(readFileSync(join(dir, '.github', 'workflows', 'postmortem.yml'), 'utf8')) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  return { workflow, steps, commands: steps.flatMap((step) => (step.run === undefined ? [] : [step.run])) };
}

let githubValid: Promise<{ dir: string; valid: Ran[] }> | undefined;
/**
 * The GitHub sample repository once its workflow has run on the valid
 * incident, which the GitHub test checks. Its `npm ci` installs the tool for
 * the hooks too: the run on a broken incident that follows starts after
 * `npm ci`, so the packages stay as installed.
 */
function githubJobOnValidIncident(): Promise<{ dir: string; valid: Ran[] }> {
  githubValid ??= sampleRepository('github').then(async (dir) => ({ dir, valid: await runJob(githubWorkflow(dir).commands, dir) }));
  return githubValid;
}

/** The node_modules the GitHub job's `npm ci` installed, from the package.json and lock file every sample repository has. */
async function installedModules(): Promise<string> {
  const installed = await githubJobOnValidIncident();
  assert.equal(installed.valid[0]?.code, 0, `npm ci installs the tool:\n${describeRun(installed.valid)}`);
  return join(installed.dir, 'node_modules');
}

/**
 * A new folder set up by `init`, for hooks to run in, with the node_modules
 * of the GitHub sample repository: the tool installed once, as the hooks expect it.
 */
async function hookRepository(): Promise<string> {
  const modules = await installedModules();
  const dir = tempDir('postmortem-hooks-');
  assert.equal((await runCli(['init'], dir)).code, 0);
  symlinkSync(modules, join(dir, 'node_modules'));
  return dir;
}

/** This repository's hook definitions, checked against the keys pre-commit documents. */
function preCommitHooks(): HookDefinition[] {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as HookDefinition[];
  assert.deepEqual(hooks.map((hook) => hook.id), ['postmortem-validate', 'postmortem-fmt']);
  const KEYS = ['id', 'name', 'entry', 'language', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'always_run', 'fail_fast', 'verbose', 'pass_filenames', 'require_serial', 'description', 'language_version', 'minimum_pre_commit_version', 'args', 'stages'];
  for (const hook of hooks) {
    assert.deepEqual(Object.keys(hook).filter((key) => !KEYS.includes(key)), [], hook.id);
    for (const key of ['id', 'name', 'entry', 'language'] as const) assert.equal(typeof hook[key], 'string', `${hook.id}: ${key}`);
    // The project's own copy, which pre-commit need not install.
    assert.equal(hook.language, 'system');
    assert.notEqual(hook.pass_filenames, false, 'only the staged files are checked');
    // pre-commit splits `entry` as a shell would; these need no quoting.
    assert.match(hook.entry, /^node_modules\/\.bin\/postmortem [a-z -]+$/);
  }
  return hooks;
}

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; steps: { uses?: string; with?: Record<string, unknown>; run?: string }[] }>;
}

interface GitlabJob {
  image: string;
  rules: { if: string }[];
  script: string[];
  artifacts: { when: string; reports: { codequality: string } };
}

interface HookDefinition {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  types?: string[];
  args?: string[];
  pass_filenames?: boolean;
  [key: string]: unknown;
}

describe('CI files, run as written against a sample repository', { concurrency: true, timeout: 300_000 }, () => {
  it('GitHub: the workflow passes on valid incidents and fails at the validate step, with an annotation, on a broken one', async () => {
    // The job runs once on the valid incident (the hooks use what its `npm ci` installs).
    const { dir, valid } = await githubJobOnValidIncident();
    const { workflow, steps, commands } = githubWorkflow(dir);
    assert.deepEqual(Object.keys(workflow.on).sort(), ['pull_request', 'push']);
    // The steps that set up the machine are the runner's; here, this checkout and this Node.
    assert.deepEqual(
      steps.filter((step) => step.uses).map((step) => step.uses),
      ['actions/checkout@v4', 'actions/setup-node@v4'],
    );
    assert.equal(steps.find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['node-version'], 22);
    assert.equal(commands[0], 'npm ci');

    assert.deepEqual(valid.map((r) => r.code), commands.map(() => 0), describeRun(valid));

    // The job again on a broken incident: from the step after `npm ci`, whose packages are installed (its inputs are unchanged).
    writeFileSync(join(dir, 'incidents', 'broken.yaml'), BROKEN);
    const broken = await runJob(commands.slice(1), dir);
    const failed = broken[broken.length - 1]!;
    assert.equal(failed.command, 'npx postmortem validate --format github', describeRun(broken));
    assert.equal(failed.code, 1);
    assert.match(failed.output, new RegExp(`^::error file=incidents/broken\\.yaml,line=${BROKEN_LINE},col=\\d+,.*title=postmortem unknown-severity::`, 'm'));
  });

  it('GitLab: the job passes with an empty report, and on a broken incident fails yet leaves a Code Quality report naming the file and line', async () => {
    const dir = await sampleRepository('gitlab');
    const config = parse(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')) as Record<string, GitlabJob>;
    const job = config.postmortem!;
    assert.match(job.image, /^node:\d+$/);
    assert.deepEqual(job.rules.map((rule) => rule.if), ['$CI_PIPELINE_SOURCE == "merge_request_event"', '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH']);
    // Uploaded when the job fails too, from the file the script writes.
    assert.equal(job.artifacts.when, 'always');
    const reportFile = job.artifacts.reports.codequality;
    assert.ok(job.script.some((line) => line.endsWith(`> ${reportFile}`)), job.script.join('\n'));
    assert.equal(job.script[0], 'npm ci');
    // Its `npm ci` is the GitHub job's, on the same package.json and lock file, which that test runs as written:
    // the job runs from the next line, with the packages that one installed.
    const github = await githubJobOnValidIncident();
    for (const file of ['package.json', 'package-lock.json']) assert.equal(readFileSync(join(dir, file), 'utf8'), readFileSync(join(github.dir, file), 'utf8'), file);
    symlinkSync(await installedModules(), join(dir, 'node_modules'));

    const valid = await runJob(job.script.slice(1), dir);
    assert.deepEqual(valid.map((r) => r.code), job.script.slice(1).map(() => 0), describeRun(valid));
    assert.equal(readFileSync(join(dir, reportFile), 'utf8'), '[]\n');

    // The job again on a broken incident: from the line after `npm ci`, whose packages are installed (its inputs are unchanged).
    writeFileSync(join(dir, 'incidents', 'broken.yaml'), BROKEN);
    const broken = await runJob(job.script.slice(1), dir);
    const failed = broken[broken.length - 1]!;
    assert.equal(failed.command, `npx postmortem validate --format gitlab > ${reportFile}`, describeRun(broken));
    assert.equal(failed.code, 1);
    // The job log shows the problem, for whoever opens it.
    assert.match(failed.output, new RegExp(`^incidents/broken\\.yaml:${BROKEN_LINE}:\\d+: error: .*\\[unknown-severity\\]$`, 'm'));
    const issues = JSON.parse(readFileSync(join(dir, reportFile), 'utf8')) as CodeQualityIssue[];
    assert.ok(Array.isArray(issues) && issues.length > 0);
    for (const issue of issues) {
      assert.equal(typeof issue.description, 'string');
      assert.equal(typeof issue.check_name, 'string');
      assert.match(issue.fingerprint, /^[0-9a-f]{64}$/);
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity));
      assert.equal(issue.location.path, 'incidents/broken.yaml');
    }
    const severity = issues.find((issue) => issue.check_name === 'unknown-severity');
    assert.deepEqual(severity?.location, { path: 'incidents/broken.yaml', lines: { begin: BROKEN_LINE } });
    assert.equal(severity?.severity, 'major');
    assert.equal(new Set(issues.map((issue) => issue.fingerprint)).size, issues.length, 'one fingerprint per finding');
  });

  it('pre-commit: each hook of .pre-commit-hooks.yaml, run as pre-commit runs it, checks the staged incident files with the project’s own copy', async () => {
    const hooks = preCommitHooks();
    const dir = await hookRepository();
    // Not the hook's files: other YAML, and incident-like files outside incidents/.
    const staged: Record<string, string> = {
      'incidents/2022-10-25-messaging-outage.yaml': GOOD,
      'incidents/broken.yml': BROKEN,
      'incidents/unformatted.yaml': UNFORMATTED,
      'postmortem.config.yaml': 'timezone: UTC\n',
      'docs/incidents/notes.yaml': 'not: an incident\n',
      'README.md': '# Incidents\n',
    };
    for (const [path, text] of Object.entries(staged)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    /** As pre-commit runs a hook: `entry` split as a shell would, then `args`, then the staged files `files` and `types` select, in the repository's root. */
    const runHook = async (hook: HookDefinition, changed: string[]) => {
      const selected = changed.filter((path) => new RegExp(hook.files).test(path) && (!hook.types?.includes('yaml') || /\.ya?ml$/.test(path)));
      const argv = [...hook.entry.split(' '), ...(hook.args ?? []), ...selected];
      return { selected, ...(await execute(argv, dir)) };
    };
    const [validate, fmt] = hooks as [HookDefinition, HookDefinition];

    const all = await runHook(validate, Object.keys(staged));
    assert.deepEqual(all.selected, ['incidents/2022-10-25-messaging-outage.yaml', 'incidents/broken.yml', 'incidents/unformatted.yaml']);
    assert.equal(all.code, 1, all.output);
    assert.match(all.output, new RegExp(`^incidents/broken\\.yml:${BROKEN_LINE}:\\d+: error: .*\\[unknown-severity\\]$`, 'm'));
    assert.match(all.output, /^3 files: 2 ok, 1 invalid/m, 'only the files given are checked');
    const clean = await runHook(validate, ['incidents/2022-10-25-messaging-outage.yaml', 'README.md']);
    assert.equal(clean.code, 0, clean.output);
    assert.match(clean.output, /^1 file: 1 ok, 0 invalid/m);

    const unformatted = await runHook(fmt, ['incidents/unformatted.yaml', 'incidents/2022-10-25-messaging-outage.yaml']);
    assert.equal(unformatted.code, 1, unformatted.output);
    assert.match(unformatted.output, /^would reformat incidents\/unformatted\.yaml$/m);
    assert.equal(readFileSync(join(dir, 'incidents', 'unformatted.yaml'), 'utf8'), UNFORMATTED, '--check changes nothing');
    const formatted = await runHook(fmt, ['incidents/2022-10-25-messaging-outage.yaml']);
    assert.equal(formatted.code, 0, formatted.output);
  });

  // The pre-commit program itself, where it is installed (Debian's `pre-commit` package, or pip's): it clones the hook repository
  // (here a local one, so no network) and runs the hooks on what is staged.
  const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  it('pre-commit: `repo:` and `id:` in a team’s .pre-commit-config.yaml run the hooks, with the pre-commit program', { skip: preCommit.status === 0 || process.env.CI ? false : 'the pre-commit program is not installed (.ci/run installs it; under CI this test runs and fails without it)' }, async () => {
    // The hook repository: this one's hook definitions, committed, so that `rev:` names them.
    const hooksRepo = tempDir('postmortem-hooks-repo-');
    writeFileSync(join(hooksRepo, '.pre-commit-hooks.yaml'), readFileSync(join(ROOT, '.pre-commit-hooks.yaml')));
    const git = (args: string[], cwd: string) => execute(['git', '-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], cwd);
    for (const args of [['init', '--quiet'], ['add', '.pre-commit-hooks.yaml'], ['commit', '--quiet', '-m', 'hooks']]) assert.equal((await git(args, hooksRepo)).code, 0);
    const rev = (await git(['rev-parse', 'HEAD'], hooksRepo)).output.trim();

    const dir = await hookRepository();
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
    writeFileSync(join(dir, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hooksRepo}\n    rev: ${rev}\n    hooks:\n      - id: postmortem-validate\n      - id: postmortem-fmt\n`);
    writeFileSync(join(dir, 'incidents', '2022-10-25-messaging-outage.yaml'), GOOD);
    writeFileSync(join(dir, 'incidents', 'broken.yaml'), BROKEN);
    assert.equal((await git(['init', '--quiet'], dir)).code, 0);
    assert.equal((await git(['add', '--all'], dir)).code, 0);
    const env = { PRE_COMMIT_HOME: tempDir('postmortem-pre-commit-home-') };

    const staged = await execute(['pre-commit', 'run'], dir, env);
    assert.equal(staged.code, 1, staged.output);
    assert.match(staged.output, /^Validate incident files\.+Failed$/m);
    assert.match(staged.output, new RegExp(`^incidents/broken\\.yaml:${BROKEN_LINE}:\\d+: error: .*\\[unknown-severity\\]$`, 'm'));
    assert.match(staged.output, /^Check incident files are formatted\.+Passed$/m);

    const good = await execute(['pre-commit', 'run', '--files', 'incidents/2022-10-25-messaging-outage.yaml', '.gitignore'], dir, env);
    assert.equal(good.code, 0, good.output);
    assert.match(good.output, /^Validate incident files\.+Passed$/m);
  });
});
