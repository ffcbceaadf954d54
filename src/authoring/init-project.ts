import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { DEFAULT_SEVERITIES, type SeverityLevel, loadConfig } from '../config/config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { schemaForConfig, schemaText } from '../schema/schema-for-config.js';
import { OutputFolder } from '../output/output-folder.js';
import { BUILD_MANIFEST } from '../pipeline/build-cache.js';
import { UNDO_MEMORY } from './last-log.js';
import { readRegularFile } from '../source/read-regular-file.js';
import type { WriteProblem } from '../output/write-problem.js';
import { CI_FILES, type CiProvider, ciFileAdvice, ciFileText } from './ci-files.js';
import { PACKAGE_NAME, planDevDependency } from './dev-dependency.js';
import { yamlInline } from './yaml-text.js';

/** A package.json larger than this is not read: no real one comes near it. */
const MAX_PACKAGE_JSON_BYTES = 16 * 1024 * 1024;

export interface InitOptions {
  /** Also write a CI job, and make the tool a dev dependency for it to install. */
  ci?: CiProvider;
  /** This tool's version: the dev dependency added is `^version`. */
  version: string;
  /** How problems show a path; default: absolute. */
  show?: (absolute: string) => string;
}

/** One thing `init` sets up, by its path relative to the project folder; `null` text is a folder. */
export interface ProjectEntry {
  path: string;
  text: string | null;
  /** What to tell the person when the entry already exists. */
  whenPresent?: string;
}

export interface InitResult {
  created: string[];
  /** Files changed in place, with what changed (package.json, given the tool as a dev dependency). */
  updated: { path: string; change: string }[];
  leftAlone: { path: string; advice?: string }[];
  /** Files not written: a folder on the way is a link out of the project folder, or cannot be written. */
  refused: { path: string; problem: WriteProblem }[];
  /** Files left alone because they are broken (a package.json that is not JSON), at the place they break. */
  problems: Diagnostic[];
  /**
   * With `--ci`: the lock file does not pin the tool yet (package.json was
   * created or changed, or there is no package-lock.json), so `npm install`
   * must run and its lock file be committed before CI's `npm ci` works.
   */
  installNeeded: boolean;
}

/**
 * Sets up `folder` for incident files. Nothing that exists is ever
 * overwritten, not even by a race: each file is created exclusively, and what
 * was already there (a link too) is reported as left alone (with what to
 * add by hand, where that matters). The one exception is package.json with
 * `ci`: the tool is added to its devDependencies, the rest kept as it is.
 * Files are written through `OutputFolder`, `folder` being the folder
 * written into: one whose folder is a link out of it (`.vscode ->
 * ~/.vscode`) is refused and reported, and the others are still set up.
 */
export async function initProject(folder: string, options: InitOptions): Promise<InitResult> {
  const result: InitResult = { created: [], updated: [], leftAlone: [], refused: [], problems: [], installNeeded: false };
  const project = new OutputFolder(folder, options.show);
  const place = async (entry: ProjectEntry) => {
    let created: boolean;
    if (entry.text === null) created = await createFolder(join(folder, entry.path));
    else {
      const outcome = await project.create(entry.path, entry.text);
      if (!outcome.ok) {
        result.refused.push({ path: entry.path, problem: outcome.problem });
        return;
      }
      created = outcome.status === 'created';
    }
    if (created) {
      result.created.push(entry.path);
      return;
    }
    // No advice for a file that is just what init writes (init run again).
    const ours = entry.text !== null && (await holds(join(folder, entry.path), entry.text));
    result.leftAlone.push({ path: entry.path, ...(entry.whenPresent && !ours ? { advice: entry.whenPresent } : {}) });
  };
  await place(configEntry());
  // The schema lists the severity levels of the configuration now in place, which may be an existing one.
  const severities = await configuredSeverities(folder);
  for (const entry of await projectEntries(options, severities)) {
    await place(entry);
    // git keeps no empty folder: on a fresh clone, CI's first run would find no incidents folder.
    if (entry.path === INCIDENTS_FOLDER && result.created.includes(INCIDENTS_FOLDER)) await place({ path: `${INCIDENTS_FOLDER}.gitkeep`, text: '' });
  }
  if (options.ci) await addDevDependency(folder, project, options, result);
  return result;
}

const INCIDENTS_FOLDER = 'incidents/';

function configEntry(): ProjectEntry {
  return { path: 'postmortem.config.yaml', text: configText() };
}

/** Everything `init` sets up after the configuration. */
async function projectEntries(options: InitOptions, severities: readonly SeverityLevel[]): Promise<ProjectEntry[]> {
  const settings = editorSettings();
  return [
    { path: INCIDENTS_FOLDER, text: null },
    { path: 'schema/incident.schema.json', text: schemaText(await schemaForConfig('incident', { severities: [...severities] })) },
    { path: 'schema/config.schema.json', text: schemaText(await schemaForConfig('config', { severities: [] })) },
    {
      path: '.vscode/settings.json',
      text: `${JSON.stringify(settings, null, 2)}\n`,
      whenPresent: `To map incident files to the schema, add to it:\n${JSON.stringify(settings, null, 2).replace(/^\{\n|\n\}$/g, '')}`,
    },
    {
      path: '.gitignore',
      text:
        `# What \`postmortem build\` remembers of its last run: hashes and times of this machine's files.\n${BUILD_MANIFEST}\n` +
        `# What \`postmortem undo\` remembers of the last \`log\` into each incident file, on this machine.\n${UNDO_MEMORY}\n`,
      whenPresent: `To keep build's manifest (times of this machine) and undo's memory out of the repository, add to it:\n${BUILD_MANIFEST}\n${UNDO_MEMORY}`,
    },
    ...(options.ci
      ? [{ path: CI_FILES[options.ci], text: ciFileText(options.ci), whenPresent: ciFileAdvice(options.ci) }]
      : []),
  ];
}

/** The `yaml.schemas` setting read by the YAML extension of VS Code (and yaml-language-server in other editors). */
function editorSettings(): Record<string, unknown> {
  return {
    'yaml.schemas': {
      './schema/incident.schema.json': ['incidents/**/*.yaml', 'incidents/**/*.yml'],
      './schema/config.schema.json': ['postmortem.config.yaml', 'postmortem.config.yml'],
    },
  };
}

function configText(): string {
  const severities = DEFAULT_SEVERITIES.flatMap((level) => [
    `  - id: ${yamlInline(level.id)}`,
    `    description: ${yamlInline(level.description)}`,
  ]);
  return [
    '# yaml-language-server: $schema=./schema/config.schema.json',
    '# postmortem configuration. Every key is optional; the values below are the defaults.',
    '',
    '# Where incident files are read from, and where `postmortem build` writes postmortems.',
    'incidents: incidents',
    'out: postmortems',
    '',
    '# How times written without an offset are read, for incidents that name no `timezone`.',
    'timezone: UTC',
    '',
    '# Severity levels, most severe first; every incident uses one of these ids.',
    '# After changing them, run `postmortem schema --out schema/incident.schema.json`',
    '# so that editors offer the new levels.',
    'severities:',
    ...severities,
    '',
    '# A folder whose postmortem/*.hbs and report/*.hbs files override the built-in',
    '# templates by name (postmortem/timeline.hbs, report/totals.hbs).',
    '# templates: templates',
    '',
    '# Derived figures, each the time between two milestones: redefine or add your own.',
    '# metrics:',
    '#   time to resolve: { from: detected, to: resolved }',
    '',
  ].join('\n');
}

/** The levels of the folder's own configuration file; the defaults when it has none or it is broken. */
async function configuredSeverities(folder: string): Promise<readonly SeverityLevel[]> {
  const file = join(folder, 'postmortem.config.yaml');
  if (!existsSync(file)) return DEFAULT_SEVERITIES;
  const loaded = await loadConfig(folder, file);
  return loaded.diagnostics.some((d) => d.severity === 'error') ? DEFAULT_SEVERITIES : loaded.config.severities;
}

/**
 * Makes the tool a dev dependency of the project, which the CI job installs
 * with `npm ci`: package.json is created, or changed in place (atomically,
 * through the project's OutputFolder, keeping its other keys and layout), or
 * left alone when it depends on the tool already or cannot be read as JSON.
 */
async function addDevDependency(folder: string, project: OutputFolder, options: InitOptions, result: InitResult): Promise<void> {
  const path = 'package.json';
  const absolute = join(folder, path);
  const shown = options.show?.(absolute) ?? absolute;
  // The checked reader: a named pipe called package.json must not hang init.
  const read = await readRegularFile(absolute, MAX_PACKAGE_JSON_BYTES);
  if (!read.ok && !(read.reason === 'error' && read.code === 'ENOENT')) {
    const why = read.reason === 'error' ? read.code : read.reason === 'too-large' ? `${read.size} bytes` : `a ${read.kind}, not a file`;
    result.problems.push(
      fileDiagnostic(shown, {
        rule: 'package-json-invalid',
        message: `Cannot read package.json (${why}); it was left alone`,
        hint: `Add "${PACKAGE_NAME}": "^${options.version}" to the devDependencies of the project's package.json yourself; CI installs the tool from there.`,
      }),
    );
    return;
  }
  const plan = planDevDependency(read.ok ? read.bytes.toString('utf8') : null, options.version);
  switch (plan.kind) {
    case 'present':
      result.installNeeded = !hasLockFile(folder);
      return;
    case 'invalid':
      result.problems.push({ file: shown, ...plan.position, severity: 'error', rule: 'package-json-invalid', message: plan.message, hint: plan.hint });
      return;
    case 'create': {
      const outcome = await project.create(path, plan.text);
      if (!outcome.ok) result.refused.push({ path, problem: outcome.problem });
      // Made by something else since it was read: whatever it is now, it is not overwritten.
      else if (outcome.status === 'exists') result.leftAlone.push({ path, advice: `Add "${PACKAGE_NAME}": "${plan.range}" to its devDependencies; CI installs the tool from there.` });
      else {
        result.created.push(path);
        result.installNeeded = true;
      }
      return;
    }
    case 'add': {
      const outcome = await project.write(path, plan.text, { fsync: true });
      if (!outcome.ok) result.refused.push({ path, problem: outcome.problem });
      else {
        result.updated.push({ path, change: `${PACKAGE_NAME} ${plan.range} added to devDependencies` });
        result.installNeeded = true;
      }
    }
  }
}

/** Whether the regular file at `path` holds exactly `text` (read with the checked reader: a pipe there must not hang init). */
async function holds(path: string, text: string): Promise<boolean> {
  const read = await readRegularFile(path, Buffer.byteLength(text));
  return read.ok && read.bytes.toString('utf8') === text;
}

/** Whether `npm ci` has a lock file to install from (it may not pin the tool yet). */
function hasLockFile(folder: string): boolean {
  return existsSync(join(folder, 'package-lock.json')) || existsSync(join(folder, 'npm-shrinkwrap.json'));
}

async function createFolder(path: string): Promise<boolean> {
  try {
    await mkdir(path, { recursive: false });
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') {
      await mkdir(path, { recursive: true });
      return true;
    }
    throw error;
  }
}
