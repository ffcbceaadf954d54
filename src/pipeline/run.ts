import type { ResolvedConfig } from '../config/config.js';
import { type Diagnostic, compareDiagnostics } from '../diagnostics/diagnostic.js';
import type { Incident } from '../model/incident.js';
import { collectIncidentFiles } from './collect-files.js';
import type { FileResult } from './file-result.js';
import { IncidentFiles } from './incident-files.js';
import { missingIncidentsFolder } from './incidents-folder.js';
import { type FileSettings, keepModel } from './process-file.js';
import type { LateProblem } from './related-ids.js';
import { runFiles } from './run-files.js';

export { hasInternalError, internalError } from './internal-error.js';

export interface RunOptions extends FileSettings {
  config: ResolvedConfig;
  /** Files, folders or glob patterns; default: the configured incidents folder. */
  inputs?: readonly string[];
  cwd: string;
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
  /** The output already had this content and was left untouched (build only). */
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
}

export interface ValidateResult extends RunResult {
  /** The valid incidents, in path order. */
  incidents: Incident[];
}

/** The files a run reads: the inputs, or the configured incidents folder. */
export async function inputFiles(options: RunOptions): Promise<{ files: IncidentFiles; diagnostics: Diagnostic[] }> {
  if (options.inputs?.length) return collectIncidentFiles(options.inputs, options.cwd);
  const missing = await missingIncidentsFolder(options.config, options.cwd);
  if (missing) return { files: IncidentFiles.of(options.cwd, []), diagnostics: [missing] };
  return collectIncidentFiles([options.config.incidents], options.cwd);
}

/**
 * Reads and checks every input file in path order, including the checks
 * across files, and returns every outcome, problem and valid model: for a
 * library caller that wants them all. The CLI streams instead (`runFiles`
 * with a `RunTally`), so its memory does not grow with the number of files.
 */
export async function validateIncidents(options: RunOptions): Promise<ValidateResult> {
  const { files, diagnostics } = await inputFiles(options);
  const incidents: Incident[] = [];
  const outcomes: FileOutcome[] = [];
  const problems: Diagnostic[] = [...diagnostics];
  for await (const item of runFiles(files, options, keepModel)) {
    if ('late' in item) {
      problems.push(...countLate(outcomes, item.late));
      continue;
    }
    const { result } = item;
    if (result.value) incidents.push(result.value);
    outcomes.push(outcomeOf(result));
    problems.push(...result.diagnostics);
  }
  return { ...summarise(outcomes, problems), incidents };
}

/**
 * A run's summary, counted file by file as results arrive, keeping nothing
 * of the files themselves: a run over a hundred thousand files holds its
 * counts, not a hundred thousand outcomes.
 */
export class RunTally {
  readonly summary: Summary = { files: 0, ok: 0, invalid: 0, errors: 0, warnings: 0, written: 0, unchanged: 0 };

  /** Counts one file and its problems. */
  file(outcome: FileOutcome, diagnostics: readonly Diagnostic[]): void {
    const summary = this.summary;
    summary.files += 1;
    if (outcome.status === 'ok') summary.ok += 1;
    else summary.invalid += 1;
    if (outcome.output && !outcome.unchanged) summary.written += 1;
    if (outcome.unchanged) summary.unchanged += 1;
    this.problems(diagnostics);
  }

  /** Counts problems that belong to no checked file (an input that matched nothing). */
  problems(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) {
      if (d.severity === 'error') this.summary.errors += 1;
      else if (d.severity === 'warning') this.summary.warnings += 1;
    }
  }
}

/**
 * Problems known only after the run (see `RunEnd`), counted in the outcomes
 * of their files, which a run that keeps its outcomes holds in path order;
 * returns the problems.
 */
export function countLate(outcomes: readonly FileOutcome[], late: readonly LateProblem[]): Diagnostic[] {
  for (const { index, diagnostic } of late) {
    const outcome = outcomes[index];
    if (!outcome) continue;
    if (diagnostic.severity === 'error') outcome.errors += 1;
    else outcome.warnings += 1;
  }
  return late.map((problem) => problem.diagnostic);
}

/** A file's line in the run's result: valid when a value came out of its last stage. */
export function outcomeOf(result: FileResult<unknown>): FileOutcome {
  return {
    file: result.file,
    id: result.id,
    status: result.value !== null ? 'ok' : 'invalid',
    errors: result.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: result.diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

export function summarise(files: FileOutcome[], diagnostics: Diagnostic[]): RunResult {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  const summary: Summary = {
    files: files.length,
    ok: files.filter((f) => f.status === 'ok').length,
    invalid: files.filter((f) => f.status === 'invalid').length,
    errors: sorted.filter((d) => d.severity === 'error').length,
    warnings: sorted.filter((d) => d.severity === 'warning').length,
    written: files.filter((f) => f.output && !f.unchanged).length,
    unchanged: files.filter((f) => f.unchanged).length,
  };
  return { files, diagnostics: sorted, summary };
}
