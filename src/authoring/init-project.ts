import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { DEFAULT_SEVERITIES, type SeverityLevel, loadConfig } from '../config/config.js';
import { schemaForConfig, schemaText } from '../schema/schema-for-config.js';
import { OutputFolder } from '../output/output-folder.js';
import { readRegularFile } from '../source/read-regular-file.js';
import type { WriteProblem } from '../output/write-problem.js';
import { yamlInline } from './yaml-text.js';

const PACKAGE_NAME = 'incident-postmortem';
/** A package.json larger than this is not read (its dependencies only decide a hint). */
const MAX_PACKAGE_JSON_BYTES = 16 * 1024 * 1024;

export interface InitOptions {
  /** Also write a CI workflow. */
  ci?: 'github';
  /** This tool's version, pinned in the workflow. */
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
  leftAlone: { path: string; advice?: string }[];
  /** Files not written: a folder on the way is a link out of the project folder, or cannot be written. */
  refused: { path: string; problem: WriteProblem }[];
}

/**
 * Sets up `folder` for incident files. Nothing that exists is ever
 * overwritten, not even by a race: each file is created exclusively, and what
 * was already there (a link too) is reported as left alone (with what to
 * add by hand, where that matters). Files are written through
 * `OutputFolder`, `folder` being the folder written into: one whose folder is
 * a link out of it (`.vscode -> ~/.vscode`) is refused and reported, and the
 * others are still set up.
 */
export async function initProject(folder: string, options: InitOptions): Promise<InitResult> {
  const result: InitResult = { created: [], leftAlone: [], refused: [] };
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
    if (created) result.created.push(entry.path);
    else result.leftAlone.push({ path: entry.path, ...(entry.whenPresent ? { advice: entry.whenPresent } : {}) });
  };
  await place(configEntry());
  // The schema lists the severity levels of the configuration now in place, which may be an existing one.
  const severities = await configuredSeverities(folder);
  for (const entry of await projectEntries(options, severities, await dependsOnThisTool(folder))) await place(entry);
  return result;
}

function configEntry(): ProjectEntry {
  return { path: 'postmortem.config.yaml', text: configText() };
}

/** Everything `init` sets up after the configuration. */
async function projectEntries(
  options: InitOptions,
  severities: readonly SeverityLevel[],
  usesPackage: boolean,
): Promise<ProjectEntry[]> {
  const settings = editorSettings();
  return [
    { path: 'incidents/', text: null },
    { path: 'schema/incident.schema.json', text: schemaText(await schemaForConfig('incident', { severities: [...severities] })) },
    { path: 'schema/config.schema.json', text: schemaText(await schemaForConfig('config', { severities: [] })) },
    {
      path: '.vscode/settings.json',
      text: `${JSON.stringify(settings, null, 2)}\n`,
      whenPresent: `To map incident files to the schema, add to it:\n${JSON.stringify(settings, null, 2).replace(/^\{\n|\n\}$/g, '')}`,
    },
    ...(options.ci === 'github'
      ? [{ path: '.github/workflows/postmortem.yml', text: githubWorkflow(options.version, usesPackage) }]
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
    '# A folder whose .hbs files override the built-in templates by name.',
    '# templates: templates',
    '',
    '# Derived figures, each the time between two milestones: redefine or add your own.',
    '# metrics:',
    '#   time to resolve: { from: detected, to: resolved }',
    '',
  ].join('\n');
}

/**
 * Validates incident files on every pull request, with problems shown as
 * annotations on the changed lines. Where the project already depends on
 * this package its locked version is used; otherwise the version that wrote
 * the workflow is pinned, so CI never changes under the team's feet.
 */
function githubWorkflow(version: string, usesPackage: boolean): string {
  const run = usesPackage ? 'npx postmortem' : `npx --yes --package ${PACKAGE_NAME}@${version} postmortem`;
  return [
    '# Checks incident files on every pull request; problems appear as annotations on the diff.',
    'name: Incidents',
    'on:',
    '  pull_request:',
    '  push:',
    '    branches: [main]',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  validate:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 22',
    ...(usesPackage ? ['      - run: npm ci'] : []),
    '      - name: Validate incidents',
    `        run: ${run} validate --format github`,
    '      - name: Check formatting',
    `        run: ${run} fmt --check --format github`,
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

async function dependsOnThisTool(folder: string): Promise<boolean> {
  try {
    // The checked reader: a named pipe called package.json must not hang init.
    const read = await readRegularFile(join(folder, 'package.json'), MAX_PACKAGE_JSON_BYTES);
    if (!read.ok) return false;
    const pkg = JSON.parse(read.bytes.toString('utf8')) as Record<string, Record<string, string> | undefined>;
    return Boolean(pkg.dependencies?.[PACKAGE_NAME] ?? pkg.devDependencies?.[PACKAGE_NAME]);
  } catch {
    return false;
  }
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
