import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import { type Diagnostic, compareDiagnostics } from '../diagnostics/diagnostic.js';
import type { Incident } from '../model/incident.js';
import { type CheckedIncident, checkIncidentFile } from './check-incident.js';
import { collectIncidentFiles } from './collect-files.js';
import { displayPath } from './paths.js';
import { checkUniqueIds } from './unique-ids.js';

export interface RunOptions {
  config: ResolvedConfig;
  /** Files, folders or glob patterns; default: the configured incidents folder. */
  inputs?: readonly string[];
  cwd: string;
  /** Warnings fail the file too. */
  strict?: boolean;
}

export type FileStatus = 'ok' | 'invalid';

export interface FileOutcome {
  file: string;
  id: string | null;
  status: FileStatus;
  errors: number;
  warnings: number;
  /** The postmortem written, shown relative to the working directory (build only). */
  output?: string;
  /** The output already had this content and was left untouched. */
  unchanged?: boolean;
}

export interface Summary {
  files: number;
  ok: number;
  invalid: number;
  errors: number;
  warnings: number;
  written: number;
  unchanged: number;
}

export interface RunResult {
  files: FileOutcome[];
  /** Every problem of the run, sorted by file, line and column. */
  diagnostics: Diagnostic[];
  summary: Summary;
  /** The valid incidents, in file order. */
  incidents: Incident[];
}

/** Reads and checks every input file, then runs the checks across files. */
export async function checkIncidents(options: RunOptions): Promise<{ checked: CheckedIncident[]; diagnostics: Diagnostic[] }> {
  const inputs = options.inputs?.length ? options.inputs : [options.config.incidents];
  const { files, diagnostics } = await collectIncidentFiles(inputs, options.cwd);
  const checked: CheckedIncident[] = [];
  for (const file of files) checked.push(await checkIncidentFile(file.absolute, file.display, options.config));
  checkUniqueIds(checked);
  if (options.strict) {
    for (const result of checked) if (result.diagnostics.length > 0) result.incident = null;
  }
  return { checked, diagnostics };
}

export async function validateIncidents(options: RunOptions): Promise<RunResult> {
  const { checked, diagnostics } = await checkIncidents(options);
  return summarise(checked, diagnostics, new Map());
}

export interface BuildOptions extends RunOptions {
  /** Output folder; default: the configured one. */
  out?: string;
  /** Renders one valid incident to Markdown. */
  render: (incident: Incident) => string;
}

/**
 * Validates every input and writes a postmortem for each valid incident.
 * Writes are atomic (temporary file, then rename); an invalid incident writes
 * nothing and leaves its earlier postmortem alone.
 */
export async function buildPostmortems(options: BuildOptions): Promise<RunResult> {
  const { checked, diagnostics } = await checkIncidents(options);
  const out = options.out ?? options.config.out;
  const written = new Map<CheckedIncident, { output: string; unchanged: boolean }>();
  const valid = checked.filter((result) => result.incident !== null);
  if (valid.length > 0) await mkdir(out, { recursive: true });
  const { default: writeFileAtomic } = await import('write-file-atomic');
  for (const result of valid) {
    const incident = result.incident!;
    const target = join(out, `${incident.id}.md`);
    const markdown = options.render(incident);
    const unchanged = (await readFile(target, 'utf8').catch(() => null)) === markdown;
    if (!unchanged) await writeFileAtomic(target, markdown, { fsync: false });
    written.set(result, { output: displayPath(target, options.cwd), unchanged });
  }
  return summarise(checked, diagnostics, written);
}

function summarise(
  checked: CheckedIncident[],
  runDiagnostics: Diagnostic[],
  written: Map<CheckedIncident, { output: string; unchanged: boolean }>,
): RunResult {
  const files: FileOutcome[] = checked.map((result) => {
    const outcome: FileOutcome = {
      file: result.file,
      id: result.id,
      status: result.incident ? 'ok' : 'invalid',
      errors: result.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: result.diagnostics.filter((d) => d.severity === 'warning').length,
    };
    const output = written.get(result);
    if (output) Object.assign(outcome, output);
    return outcome;
  });
  const diagnostics = [...runDiagnostics, ...checked.flatMap((result) => result.diagnostics)].sort(compareDiagnostics);
  const summary: Summary = {
    files: files.length,
    ok: files.filter((f) => f.status === 'ok').length,
    invalid: files.filter((f) => f.status === 'invalid').length,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    written: files.filter((f) => f.output && !f.unchanged).length,
    unchanged: files.filter((f) => f.unchanged).length,
  };
  const incidents = checked.flatMap((result) => (result.incident ? [result.incident] : []));
  return { files, diagnostics, summary, incidents };
}
