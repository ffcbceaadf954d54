import { type Diagnostic, compareDiagnostics } from '../../diagnostics/diagnostic.js';
import { type FileOutcome, RunTally, type Summary } from '../../pipeline/run.js';
import { useColour } from '../io.js';
import type { CliIo } from '../io.js';
import type { CommonArgs } from '../options.js';
import { formatSummary } from '../reporters/pretty.js';
import { gitlabIssues } from '../reporters/gitlab.js';
import { printDiagnostics, printForPeople, runExitCode } from './shared.js';
import { hasInternalError } from '../../pipeline/run.js';
import { EXIT_USAGE } from '../exit-codes.js';

/**
 * Prints a run file by file, as each file is checked, instead of keeping
 * every outcome and problem until the end: a run over a hundred thousand
 * files then holds its counts, not a hundred thousand results. The output is
 * byte for byte what `reportRun` prints for the whole run: files arrive in
 * path order, which is the order problems are sorted in, and the problems
 * with the inputs themselves (a path that matched nothing) are merged in at
 * their place. Only problems known after the last file (`late`) come after
 * the files' own, where a run that keeps everything would sort them in. The JSON document lists the files as they come and keeps only
 * the problems (they are printed after the files). The GitLab report is an
 * array of the problems, each written as its file comes; the same problems
 * and the summary go to standard error for people (see `printForPeople`).
 */
export class RunStream {
  private readonly tally = new RunTally();
  /** Problems with the inputs, sorted, not printed yet. */
  private readonly loose: Diagnostic[];
  /** JSON only: the problems, printed after the files. */
  private readonly problems: Diagnostic[] = [];
  private filesWritten = 0;
  /** GitLab only: the findings written so far. */
  private issuesWritten = 0;

  constructor(
    private readonly args: CommonArgs,
    private readonly io: CliIo,
    inputDiagnostics: readonly Diagnostic[],
  ) {
    this.loose = [...inputDiagnostics].sort(compareDiagnostics);
    this.tally.problems(inputDiagnostics);
  }

  private internalError = false;

  /** One file's result; files must come in path order. */
  file(outcome: FileOutcome, diagnostics: readonly Diagnostic[]): void {
    this.tally.file(outcome, diagnostics);
    if (hasInternalError(diagnostics)) this.internalError = true;
    const sorted = [...diagnostics].sort(compareDiagnostics);
    if (this.args.format === 'json') {
      this.io.stdout(`${this.filesWritten === 0 ? '{\n  "files": [\n' : ',\n'}    ${nested(outcome, '    ')}`);
      this.filesWritten += 1;
      this.problems.push(...sorted);
      return;
    }
    const merged: Diagnostic[] = [];
    for (const d of sorted) {
      while (this.loose.length > 0 && compareDiagnostics(this.loose[0]!, d) < 0) merged.push(this.loose.shift()!);
      merged.push(d);
    }
    if (merged.length > 0) this.print(merged);
  }

  /**
   * Problems known only after the last file (a `related` id no file
   * declared): counted in the summary, and printed after every file's own
   * problems, each with its file and position. The JSON document sorts them
   * in with the rest; a file's line, written as the file came, keeps the
   * counts of its own problems.
   */
  late(diagnostics: readonly Diagnostic[]): void {
    this.tally.problems(diagnostics);
    const sorted = [...diagnostics].sort(compareDiagnostics);
    if (this.args.format === 'json') this.problems.push(...sorted);
    else if (sorted.length > 0) this.print(sorted);
  }

  private print(diagnostics: Diagnostic[]): void {
    if (this.args.format !== 'gitlab') {
      printDiagnostics(diagnostics, this.args, this.io, 'stdout');
      return;
    }
    for (const issue of gitlabIssues(diagnostics)) {
      this.io.stdout(`${this.issuesWritten === 0 ? '[\n' : ',\n'}  ${nested(issue, '  ')}`);
      this.issuesWritten += 1;
    }
    printForPeople(diagnostics, this.io);
  }

  /** Prints what is left and the summary; returns the exit code. */
  finish(build?: { out: string }): number {
    const summary: Summary = this.tally.summary;
    if (this.args.format === 'json') {
      const diagnostics = [...this.loose, ...this.problems].sort(compareDiagnostics);
      const files = this.filesWritten === 0 ? '{\n  "files": [],\n' : '\n  ],\n';
      this.io.stdout(`${files}  "diagnostics": ${nested(diagnostics, '  ')},\n  "summary": ${nested(summary, '  ')}\n}\n`);
    } else if (this.args.format === 'gitlab') {
      if (this.loose.length > 0) this.print(this.loose.splice(0));
      this.io.stdout(this.issuesWritten === 0 ? '[]\n' : '\n]\n');
      printForPeople([], this.io, formatSummary(summary, { colour: false, build }));
    } else {
      if (this.loose.length > 0) printDiagnostics(this.loose.splice(0), this.args, this.io, 'stdout');
      this.io.stdout(formatSummary(summary, { colour: useColour(this.io) && this.args.format === 'pretty', build }));
    }
    // A bug met on one file: the others were processed, and the run says it failed as the tool's own failure.
    return this.internalError ? EXIT_USAGE : runExitCode(summary, this.args);
  }
}

/** `JSON.stringify(value, null, 2)` as it reads nested at `indent` in a larger document (its first line goes where the caller puts it). */
function nested(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}
