import { type Diagnostic, compareDiagnostics } from '../diagnostics/diagnostic.js';
import { runFiles } from '../pipeline/run-files.js';
import { type RunOptions, type RunResult, RunTally, inputFiles, outcomeOf } from '../pipeline/run.js';
import type { Incident } from '../model/incident.js';
import { type IncidentRecord, StringPool, toRecord } from './records.js';

/** On large runs, `freeMemory` is called every this many files. */
const FILES_BETWEEN_COLLECTIONS = 1000;

export interface CollectOptions extends RunOptions {
  /** Keep each incident's timeline too (`export --what events`). */
  events?: boolean;
  /** Called after each file, for a progress bar. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /**
   * Called every thousand files, to free what reading them left behind. The
   * CLI passes a forced garbage collection; the library never changes the
   * process it runs in by itself.
   */
  freeMemory?: () => void;
}

/** The records, the problems and the counts: no per-file outcome, since only the records are worth their memory. */
export interface CollectedRecords extends Omit<RunResult, 'files'> {
  /** The valid incidents, in path order. */
  records: IncidentRecord[];
}

/**
 * Checks every input file as `validate` does (ids unique across the files, in
 * path order) and keeps a small record of each valid incident. One model is
 * alive at a time and files are only counted, so memory grows with the
 * records (and the problems), not with the files.
 */
export async function collectRecords(options: CollectOptions): Promise<CollectedRecords> {
  const { files, diagnostics } = await inputFiles(options);
  const severityIds = options.config.severities.map((level) => level.id);
  const records: IncidentRecord[] = [];
  const pool = new StringPool();
  const tally = new RunTally();
  tally.problems(diagnostics);
  const problems: Diagnostic[] = [...diagnostics];
  const recordOf = (incident: Incident) => ({ value: toRecord(incident, severityIds, { events: options.events ?? false, pool }) });
  for await (const item of runFiles(files, options, recordOf)) {
    if ('late' in item) {
      const late = item.late.map((problem) => problem.diagnostic);
      tally.problems(late);
      problems.push(...late);
      continue;
    }
    const { index, result } = item;
    if (result.value) records.push(result.value);
    tally.file(outcomeOf(result), result.diagnostics);
    problems.push(...result.diagnostics);
    await options.onProgress?.(index + 1, files.length);
    if (index % FILES_BETWEEN_COLLECTIONS === FILES_BETWEEN_COLLECTIONS - 1) options.freeMemory?.();
  }
  return { diagnostics: problems.sort(compareDiagnostics), summary: tally.summary, records };
}
