import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { displayPath } from '../../pipeline/paths.js';
import { type ResolvedConfig, loadConfig } from '../../config/config.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { RunResult } from '../../pipeline/run.js';
import { EXIT_INVALID, EXIT_OK, UsageError } from '../exit-codes.js';
import { type CliIo, useColour } from '../io.js';
import type { CommonArgs } from '../main.js';
import { formatGithub } from '../reporters/github.js';
import { formatJson } from '../reporters/json.js';
import { formatPretty, formatSummary } from '../reporters/pretty.js';

/** Loads the configuration; its problems are printed and turn into exit code 1. */
export async function configFor(args: CommonArgs, io: CliIo): Promise<{ config: ResolvedConfig } | { exitCode: number }> {
  const { config, diagnostics } = await loadConfig(io.cwd, args.config);
  if (diagnostics.length) printDiagnostics(diagnostics, args, io, io.stdout);
  if (diagnostics.some((d) => d.severity === 'error' || args.strict)) return { exitCode: EXIT_INVALID };
  return { config };
}

export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  args: CommonArgs,
  io: CliIo,
  write: (text: string) => void,
): void {
  if (args.format === 'github') write(formatGithub(diagnostics));
  else if (args.format === 'json') write(`${JSON.stringify({ diagnostics }, null, 2)}\n`);
  else write(formatPretty(diagnostics, { colour: useColour(io), readSource: sourceReader(io) }));
}

/** Prints a run's problems and summary in the chosen format; returns the exit code. */
export function reportRun(result: RunResult, args: CommonArgs, io: CliIo, build?: { out: string }): number {
  if (args.format === 'json') {
    io.stdout(formatJson(result));
  } else {
    printDiagnostics(result.diagnostics, args, io, io.stdout);
    io.stdout(formatSummary(result.summary, { colour: useColour(io) && args.format === 'pretty', build }));
  }
  const failed = result.summary.errors > 0 || result.summary.invalid > 0 || (args.strict && result.summary.warnings > 0);
  return failed ? EXIT_INVALID : EXIT_OK;
}

function sourceReader(io: CliIo) {
  return (file: string): string | undefined => {
    try {
      return readFileSync(resolve(io.cwd, file), 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** Prints the result, or writes it atomically to `--out` (creating folders). */
export async function emit(text: string, args: { out?: string }, io: CliIo): Promise<void> {
  if (args.out === undefined) {
    io.stdout(text);
    return;
  }
  const target = resolve(io.cwd, args.out);
  try {
    await mkdir(dirname(target), { recursive: true });
    const writeFileAtomic = (await import('write-file-atomic')).default;
    await writeFileAtomic(target, text);
  } catch (error) {
    throw new UsageError(`cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  io.stderr(`wrote ${displayPath(target, io.cwd)}\n`);
}
