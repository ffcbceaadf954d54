import assert from 'node:assert/strict';
import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestFn, type TestOptions, it as nodeIt } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type CliIo, clock } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { type ResolvedConfig, defaultConfig, loadConfig } from '../src/config/config.js';
import type { Incident } from '../src/model/incident.js';
import { checkIncidentSource } from '../src/pipeline/check-incident.js';
import { loadTemplates } from '../src/render/templates.js';
import { type TemplateSet } from '../src/render/template-family.js';
import { decodeSource } from '../src/source/source-file.js';
import { THOROUGH } from './depth.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES = join(ROOT, 'test', 'fixtures');

/** The sample incidents in incidents/, newest impact start (or first event, for the near miss) first. */
export const SAMPLES_NEWEST_FIRST = [
  '2025-06-10-upi-payment-failures',
  '2025-01-14-certificate-expiry-near-miss',
  '2024-07-02-cdn-edge-errors',
  '2024-03-29-order-confirmation-delays',
  '2022-10-25-messaging-outage',
] as const;
/** The built CLI; POSTMORTEM_TEST_BIN points the subprocess tests at a copy of it (one that a concurrent `npm run build` cannot remove). */
export const BIN = process.env.POSTMORTEM_TEST_BIN ?? join(ROOT, 'dist', 'bin', 'postmortem.js');
/** How a postmortem's milestone chart begins: Mermaid front matter for SVG labels, then a top-to-bottom flowchart. */
export const MILESTONE_CHART_START = '---\nconfig:\n  htmlLabels: false\n---\nflowchart TB\n';

const temporary: string[] = [];

/**
 * A new empty folder in the system's temporary folder, removed when the
 * test process exits (set POSTMORTEM_KEEP_TEMP=1 to look at it afterwards).
 */
export function tempDir(prefix: string): string {
  if (temporary.length === 0 && process.env.POSTMORTEM_KEEP_TEMP !== '1') {
    process.once('exit', () => {
      for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
    });
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** Every file under the folder, relative with `/` separators, sorted. */
export function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

/** Set UPDATE_FIXTURES=1 to rewrite expected files, then review them with `git diff`. */
/** A fresh project folder: incidents/ with the given files, and a configuration file when given. */
export function incidentProject(files: Record<string, string>, config?: string, prefix = 'postmortem-project-'): string {
  const dir = tempDir(prefix);
  mkdirSync(join(dir, 'incidents'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'incidents', name), text);
  if (config !== undefined) writeFileSync(join(dir, 'postmortem.config.yaml'), config);
  return dir;
}

export const UPDATE = process.env.UPDATE_FIXTURES === '1';

/** Compares `actual` with the expected file, or writes it when updating. */
export function expectFile(path: string, actual: string): { expected: string; actual: string } {
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) throw new Error(`Missing expected file ${path}; run the tests with UPDATE_FIXTURES=1 and review the diff`);
    writeFileSync(path, actual);
  }
  return { expected: readFileSync(path, 'utf8'), actual };
}

/** The configuration of a fixture folder: its `config.yaml`, or the defaults. */
export async function fixtureConfig(folder: string): Promise<ResolvedConfig> {
  if (!existsSync(join(folder, 'config.yaml'))) return defaultConfig(folder);
  const loaded = await loadConfig(folder, 'config.yaml');
  if (loaded.diagnostics.length) throw new Error(`Bad fixture config in ${folder}: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.config;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output; `terminal` stands in for what a terminal gives (TTY flags, prompts, a progress bar). */
export async function runCli(
  argv: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
  terminal: Pick<Partial<CliIo>, 'stdinIsTTY' | 'stdoutIsTTY' | 'stderrIsTTY' | 'prompts' | 'progress' | 'stdin'> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTTY: false,
    stdinIsTTY: false,
    now: clock(env.POSTMORTEM_NOW),
    ...terminal,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Resolves when `text` appears in what `child` prints, or rejects when it exits first. */
export function printed(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) resolve();
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', () => reject(new Error(`exited before printing ${JSON.stringify(text)}: ${output}`)));
  });
}

/** Runs the built CLI as a real process, with no stdin and a bare environment (no CI, no TZ). */
export function runBinary(argv: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI one way or the other, with the same arguments and result. */
export type Runner = (argv: string[], cwd: string, env?: Record<string, string>) => Promise<CliRun> | CliRun;

/** Registers one case of a CLI table, as `it` does. */
export interface CaseIt {
  (name: string, fn: TestFn): void;
  (name: string, options: TestOptions, fn: TestFn): void;
}

/**
 * Whether every case of every CLI table also runs as a subprocess
 * (POSTMORTEM_TEST_SUBPROCESS=all, or the thorough depth); `npm test` runs a
 * representative subset that way.
 */
export const EVERY_CASE_AS_SUBPROCESS = process.env.POSTMORTEM_TEST_SUBPROCESS === 'all' || THOROUGH;

/** One way to run a table of CLI cases: its name, its runner, and how its cases are registered. */
export interface Way {
  how: 'in-process' | 'subprocess';
  run: Runner;
  /** A case of the table: always run in-process; as a subprocess only under POSTMORTEM_TEST_SUBPROCESS=all. */
  it: CaseIt;
  /**
   * A case that `npm test` also runs as a subprocess: one at least per command
   * of the table, and each behaviour only a real process shows (exit codes,
   * standard output and error kept apart, the environment, signals, file
   * descriptors, the stack, what the binary bundles).
   */
  itEveryWay: CaseIt;
}

/** Registers the case: node:test's own `it`, so a failure points at the test file. */
const registered: CaseIt = nodeIt;
/** Registers nothing: a case this run leaves to the other way. */
const notHere: CaseIt = () => undefined;

/**
 * Both ways to run the CLI, so a table of cases runs in-process and against
 * the built binary. Every case runs in-process, where it costs no Node
 * start-up; `itEveryWay` cases run as a subprocess too.
 */
export const RUNNERS: readonly Way[] = [
  { how: 'in-process', run: (argv, cwd, env) => runCli(argv, cwd, env), it: registered, itEveryWay: registered },
  { how: 'subprocess', run: (argv, cwd, env) => runBinary(argv, cwd, env), it: EVERY_CASE_AS_SUBPROCESS ? registered : notHere, itEveryWay: registered },
];

/** Fields of the messaging-outage sample that a postmortem template shows, for tests that fill them with random text. */
export const SAMPLE_TEXT_FIELDS: readonly (string | number)[][] = [
  ['title'],
  ['summary'],
  ['impact', 'description'],
  ['timeline', 1, 'text'],
  ['timeline', 2, 'by'],
  ['timeline', 3, 'text'],
  ['trigger'],
  ['root_cause'],
  ['contributing_factors', 0],
  ['detection'],
  ['resolution'],
  ['lessons', 'went_well', 0],
  ['lessons', 'went_wrong', 1],
  ['action_items', 0, 'title'],
  ['action_items', 1, 'owner'],
  ['links', 0, 'title'],
  ['impact', 'metrics', 0, 'name'],
  ['roles', 'incident_commander'],
];

/** Pieces of text with every piece of inline and block Markdown syntax, joined at random into field values. */
export const MARKDOWN_PIECES: readonly string[] = [
  ...['word', 'Zoë', '42', '3.', '1)', ' ', '  ', '\n', '\n\n', '*', '**', '_', '__', '`', '```', '~', '~~', '[', ']', '(', ')'],
  ...['!', '<', '>', '<b>', '&', '&amp;', '#', '# ', '|', '\\', '-', '- ', '+ ', '=', '.', ':', 'https://x.example/a_b', '[l](https://x.example)'],
  ...['`code`', '*em*', '**strong**', '_em_', 'a_b', '> quote', '1. item', '\t', '---', '\u00a0', 'é', '\u{1F600}', '![i](https://x.example/i.png)'],
];

/** The postmortem templates of `folders` over the built-in ones (none: the built-in ones alone). */
export async function templatesFrom(folders: string[] = []): Promise<TemplateSet> {
  const loaded = await loadTemplates(folders);
  assert.ok(loaded.ok);
  return loaded.templates;
}

/** The checked model of an incident file's text, or `null` when the text is not a valid incident. */
export function incidentOf(text: string, name = 'incident.yaml', config: ResolvedConfig = defaultConfig(ROOT)): Incident | null {
  const read = decodeSource(new TextEncoder().encode(text), name);
  if (!read.ok) return null;
  return checkIncidentSource(read.source, config).value;
}
