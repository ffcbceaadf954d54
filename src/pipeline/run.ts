import type { ResolvedConfig } from '../config/config.js';
import { type Diagnostic, compareDiagnostics } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { excerpt } from '../diagnostics/quote.js';
import type { Incident } from '../model/incident.js';
import { type CheckedIncident, checkIncidentFile } from './check-incident.js';
import { type InputFile, collectIncidentFiles } from './collect-files.js';
import { IdRegistry } from './unique-ids.js';

export interface RunOptions {
  config: ResolvedConfig;
  /** Files, folders or glob patterns; default: the configured incidents folder. */
  inputs?: readonly string[];
  cwd: string;
  /** Warnings fail the file too. */
  strict?: boolean;
  /** How one file is checked; a library caller (or a test) may wrap it. Default: `checkIncidentFile`. */
  checkFile?: typeof checkIncidentFile;
  /** An `internal-error` carries the stack trace (the CLI sets it from POSTMORTEM_DEBUG). */
  debug?: boolean;
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
export function inputFiles(options: RunOptions): Promise<{ files: InputFile[]; diagnostics: Diagnostic[] }> {
  const inputs = options.inputs?.length ? options.inputs : [options.config.incidents];
  return collectIncidentFiles(inputs, options.cwd);
}

/**
 * One file's check, with a bug in it (an exception) turned into that file's
 * `internal-error` instead of ending the run: in CI, one file tripping a bug
 * must not hide every other file's problems. The run then exits 2.
 */
async function checkGuarded(file: InputFile, options: RunOptions): Promise<CheckedIncident> {
  try {
    return await (options.checkFile ?? checkIncidentFile)(file.absolute, file.display, options.config);
  } catch (error) {
    return { file: file.display, diagnostics: [internalError(file.display, error, options.debug)], incident: null, id: null, idPosition: null };
  }
}

/** An unexpected exception while processing `file`, as a diagnostic at the file; the stack is printed with POSTMORTEM_DEBUG=1. */
export function internalError(file: string, error: unknown, debug = false): Diagnostic {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return fileDiagnostic(file, {
    rule: 'internal-error',
    message: `Internal error while processing this file: ${excerpt(text, 200)}${stack}`,
    hint: 'This is a bug in postmortem, not in your file: please report it, with the output of the same command run with POSTMORTEM_DEBUG=1 (which prints the stack trace).',
  });
}

/** Whether a run met a bug (an `internal-error`): it exits 2 rather than 1. */
export function hasInternalError(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.rule === 'internal-error');
}

/**
 * Every file read and checked in path order, with the checks across files:
 * an incident whose id an earlier file declared, or one with warnings under
 * `strict`, comes out with `incident: null`. One model is alive at a time.
 */
export async function* checkFiles(
  files: readonly InputFile[],
  options: RunOptions,
): AsyncGenerator<{ file: InputFile; index: number; checked: CheckedIncident }> {
  const ids = new IdRegistry();
  for (const [index, file] of files.entries()) {
    const checked = await checkGuarded(file, options);
    if (!ids.claim(checked) || (options.strict && checked.diagnostics.length > 0)) checked.incident = null;
    yield { file, index, checked };
  }
}

/**
 * Reads and checks every input file in path order, including the checks
 * across files, and returns every outcome, problem and valid model: for a
 * library caller that wants them all. The CLI streams instead (`checkFiles`
 * with a `RunTally`), so its memory does not grow with the number of files.
 */
export async function validateIncidents(options: RunOptions): Promise<ValidateResult> {
  const { files, diagnostics } = await inputFiles(options);
  const incidents: Incident[] = [];
  const outcomes: FileOutcome[] = [];
  const problems: Diagnostic[] = [...diagnostics];
  for await (const { checked } of checkFiles(files, options)) {
    if (checked.incident) incidents.push(checked.incident);
    outcomes.push(outcomeOf(checked, checked.incident !== null));
    problems.push(...checked.diagnostics);
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

export function outcomeOf(result: { file: string; id: string | null; diagnostics: Diagnostic[] }, ok: boolean): FileOutcome {
  return {
    file: result.file,
    id: result.id,
    status: ok ? 'ok' : 'invalid',
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
