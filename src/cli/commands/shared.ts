import { basename, dirname, resolve } from 'node:path';
import { displayPath } from '../../pipeline/paths.js';
import { type ResolvedConfig, loadConfig } from '../../config/config.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../../diagnostics/file-diagnostics.js';
import { visibleControls } from '../../diagnostics/quote.js';
import { type OutputText, writePieces } from '../../output/output-text.js';
import { readRegularFileSync } from '../../source/read-regular-file.js';
import { MAX_FILE_BYTES } from '../../source/source-file.js';
import type { RunResult } from '../../pipeline/run.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { hasInternalError, summarise } from '../../pipeline/run.js';
import { type CliIo, useColour } from '../io.js';
import type { CommonArgs } from '../options.js';
import { formatGithub } from '../reporters/github.js';
import { formatGitlab } from '../reporters/gitlab.js';
import { formatJson } from '../reporters/json.js';
import { formatPretty, formatSummary } from '../reporters/pretty.js';

/** Loads the configuration; its problems are printed and turn into exit code 1. */
export async function configFor(args: CommonArgs, io: CliIo): Promise<{ config: ResolvedConfig } | { exitCode: number }> {
  const { config, diagnostics } = await loadConfig(io.cwd, args.config);
  const stops = diagnostics.some((d) => d.severity === 'error' || args.strict);
  // A run stopped here reports as every run does (in JSON, its `files`, `diagnostics` and `summary`), over no file.
  if (stops) {
    reportRun(summarise([], diagnostics), args, io);
    return { exitCode: EXIT_INVALID };
  }
  // A GitLab report is one JSON array, a JSON result one document: warnings that let the command go on are for people, beside it.
  if (diagnostics.length && (args.format === 'gitlab' || args.format === 'json')) printForPeople(diagnostics, io);
  else if (diagnostics.length) printDiagnostics(diagnostics, args, io, 'stdout');
  return { config };
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], args: CommonArgs, io: CliIo, to: 'stdout' | 'stderr'): void {
  const write = (text: string) => io[to](text);
  if (args.format === 'github') write(formatGithub(diagnostics));
  else if (args.format === 'gitlab') write(formatGitlab(diagnostics));
  else if (args.format === 'json') write(`${JSON.stringify({ diagnostics }, null, 2)}\n`);
  else write(formatPretty(diagnostics, { colour: useColour(io, to), readSource: sourceReader(io) }));
}

/**
 * With `--format gitlab`, standard output holds the report alone (it is
 * redirected to the report file in CI); the problems and the summary are
 * also printed for people, on standard error, where the job log shows them.
 */
export function printForPeople(diagnostics: readonly Diagnostic[], io: CliIo, summary?: string): void {
  if (diagnostics.length) io.stderr(formatPretty(diagnostics, { colour: false, readSource: sourceReader(io) }));
  if (summary !== undefined) io.stderr(summary);
}

/** `--format gitlab`: the Code Quality report on standard output, the same problems and the summary for people on standard error. */
export function printGitlabReport(diagnostics: readonly Diagnostic[], io: CliIo, summary: string): void {
  io.stdout(formatGitlab(diagnostics));
  printForPeople(diagnostics, io, summary);
}

/** Prints a run's problems and summary in the chosen format; returns the exit code. */
export function reportRun(result: RunResult, args: CommonArgs, io: CliIo, build?: { out: string }): number {
  if (args.format === 'json') {
    io.stdout(formatJson(result));
  } else if (args.format === 'gitlab') {
    printGitlabReport(result.diagnostics, io, formatSummary(result.summary, { colour: false, build }));
  } else {
    printDiagnostics(result.diagnostics, args, io, 'stdout');
    io.stdout(formatSummary(result.summary, { colour: useColour(io) && args.format === 'pretty', build }));
  }
  return resultExitCode(result, args);
}

/**
 * The exit code of a run whose result is in hand (validate, build, publish,
 * report, actions, export): 2 when a file met a bug (the others were still
 * processed), else as `runExitCode`.
 */
export function resultExitCode(result: Pick<RunResult, 'summary' | 'diagnostics'>, args: Pick<CommonArgs, 'strict'>): number {
  return hasInternalError(result.diagnostics) ? EXIT_USAGE : runExitCode(result.summary, args);
}

/** 1 when a file is invalid or has errors (or, with `--strict`, warnings); else 0. */
export function runExitCode(summary: RunResult['summary'], args: Pick<CommonArgs, 'strict'>): number {
  const failed = summary.errors > 0 || summary.invalid > 0 || (args.strict && summary.warnings > 0);
  return failed ? EXIT_INVALID : EXIT_OK;
}

/** The sources problems can point into (incident and configuration files, templates); code frames come only from these. */
const SOURCE_FILE = /\.(ya?ml|hbs)$/;

function sourceReader(io: CliIo) {
  return (file: string): string | undefined => {
    // A problem positioned at an output file (a link it refused to write through, say) shows no frame: never read what it points to.
    if (!SOURCE_FILE.test(file)) return undefined;
    // The checked reader: a named pipe with a problem reported at it must not hang the reporter.
    const read = readRegularFileSync(resolve(io.cwd, file), MAX_FILE_BYTES);
    return read.ok ? read.bytes.toString('utf8') : undefined;
  };
}

/**
 * Prints the result, or writes it to `--out` (creating folders) through
 * `OutputFolder`, the file's folder being the one asked for: a link named by
 * `--out` is refused, not written through or replaced. A file that cannot be
 * written is reported at its path on standard error (standard output may be
 * meant for the result); the exit code is then EXIT_USAGE, `--out` being
 * part of the command line. Returns `null` when written.
 */
export async function emit(text: OutputText, args: { out?: string }, io: CliIo): Promise<number | null> {
  if (args.out === undefined) {
    for (const piece of writePieces(text)) io.stdout(piece);
    return null;
  }
  const target = resolve(io.cwd, args.out);
  const show = (absolute: string) => displayPath(absolute, io.cwd);
  // Loaded here: `validate` and the other commands that only print never write a file.
  const { OutputFolder } = await import('../../output/output-folder.js');
  const written = await new OutputFolder(dirname(target), show).write(basename(target), text, { fsync: true });
  if (!written.ok) {
    io.stderr(formatPretty([fileDiagnostic(show(target), written.problem)], { colour: useColour(io, 'stderr') }));
    return EXIT_USAGE;
  }
  io.stderr(`wrote ${visibleControls(show(target))}\n`);
  return null;
}
