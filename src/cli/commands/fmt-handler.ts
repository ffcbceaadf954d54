import { type FormatRun, type FormatStatus, formatIncidentFiles } from '../../authoring/format-files.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../../diagnostics/file-diagnostics.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { hasInternalError } from '../../pipeline/run.js';
import type { CliIo } from '../io.js';
import type { FmtArgs } from './fmt.js';
import { formatGithub } from '../reporters/github.js';
import { configFor, printDiagnostics, printGitlabReport } from './shared.js';
import { visibleControls } from '../../diagnostics/quote.js';

/**
 * `postmortem fmt [paths..] [--check]`: rewrites incident files in canonical
 * form. Exit 1 when a file could not be formatted, or with `--check` when a
 * file would change.
 */
export async function runFmt(args: FmtArgs, io: CliIo): Promise<number> {
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const run = await formatIncidentFiles({
    config: loaded.config,
    inputs: args.paths,
    cwd: io.cwd,
    check: args.check,
    onWait: (message) => io.stderr(visibleControls(`postmortem: ${message}\n`)),
    debug: Boolean(io.env.POSTMORTEM_DEBUG),
  });

  if (args.format === 'json') {
    io.stdout(`${JSON.stringify(run, null, 2)}\n`);
  } else if (args.format === 'github') {
    io.stdout(formatGithub(withUnformatted(run)));
    for (const file of run.files) if (file.status === 'formatted') io.stdout(`formatted ${visibleControls(file.file)}\n`);
    io.stdout(summaryLine(run, args.check));
  } else if (args.format === 'gitlab') {
    // Standard output is the report alone; what was formatted, and the summary, are on standard error.
    for (const file of run.files) if (file.status === 'formatted') io.stderr(`formatted ${visibleControls(file.file)}\n`);
    printGitlabReport(withUnformatted(run), io, summaryLine(run, args.check));
  } else {
    for (const file of run.files) {
      const line = LINES[file.status];
      if (line) io.stdout(`${line} ${visibleControls(file.file)}\n`);
    }
    if (run.diagnostics.length > 0) printDiagnostics(run.diagnostics, args, io, 'stdout');
    io.stdout(summaryLine(run, args.check));
  }
  const failed = run.diagnostics.some((d) => d.severity === 'error') || (args.check && run.summary.changed > 0);
  if (hasInternalError(run.diagnostics)) return EXIT_USAGE;
  return failed ? EXIT_INVALID : EXIT_OK;
}

const LINES: Record<FormatStatus, string | undefined> = {
  formatted: 'formatted',
  'would-reformat': 'would reformat',
  unchanged: undefined,
  failed: undefined,
};

/** `3 files: 1 formatted, 2 already formatted`, and how many could not be. */
function summaryLine(run: FormatRun, check: boolean): string {
  const { files, changed, unchanged, failed } = run.summary;
  const parts = [`${changed} ${check ? 'would be reformatted' : 'formatted'}`, `${unchanged} already formatted`];
  if (failed > 0) parts.push(`${failed} not formatted`);
  return `${files} file${files === 1 ? '' : 's'}: ${parts.join(', ')}\n`;
}

/** The run's problems and, with `--check`, one on each file that would change (an annotation, a Code Quality finding). */
function withUnformatted(run: FormatRun): Diagnostic[] {
  return [...run.diagnostics, ...run.files.filter((f) => f.status === 'would-reformat').map(notFormatted)];
}

/** With `--check --format github` or `gitlab`, a problem at each file that would change. */
function notFormatted(file: { file: string }): Diagnostic {
  return fileDiagnostic(file.file, { rule: 'not-formatted', message: 'File is not in canonical form', hint: 'Run `postmortem fmt` on it and commit the result.' });
}
