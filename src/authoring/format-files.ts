import { lockIncidentFile } from './file-lock.js';
import type { ResolvedConfig } from '../config/config.js';
import { type Diagnostic, compareDiagnostics } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import type { InputFile } from '../pipeline/incident-files.js';
import { inputFiles, internalError } from '../pipeline/run.js';
import { decodeSource, hasByteOrderMark, readCheckedBytes } from '../source/source-file.js';
import { incidentWriteTarget } from '../output/incident-target.js';
import { formatIncidentSource } from './format-incident.js';

/** What `fmt` did with one file. `would-reformat` is `--check`'s `formatted`. */
export type FormatStatus = 'formatted' | 'would-reformat' | 'unchanged' | 'failed';

export interface FormattedFile {
  file: string;
  status: FormatStatus;
}

export interface FormatSummary {
  files: number;
  /** Rewritten, or with `check`, to be rewritten. */
  changed: number;
  unchanged: number;
  /** Left as they were because of a problem (in `diagnostics`). */
  failed: number;
}

export interface FormatRun {
  /** In path order. */
  files: FormattedFile[];
  /** Why files could not be formatted, and inputs that matched nothing; sorted. */
  diagnostics: Diagnostic[];
  summary: FormatSummary;
}

export interface FormatRunOptions {
  config: ResolvedConfig;
  /** Files, folders or glob patterns; default: the configured incidents folder. */
  inputs?: readonly string[];
  cwd: string;
  /** Write nothing: only tell which files would change. */
  check: boolean;
  /** Told, once per file, when its lock has been held by another command for a while (the wait goes on). */
  onWait?: (message: string) => void;
  /** How one file's text is formatted; a library caller (or a test) may wrap it. Default: `formatIncidentSource`. */
  formatSource?: typeof formatIncidentSource;
  /** An `internal-error` carries the stack trace. */
  debug?: boolean;
}

/**
 * `postmortem fmt`: puts every input file in canonical form
 * (`formatIncidentSource`), writing only the files that change, each
 * atomically and under its lock. A file that cannot be read or formatted is
 * reported and left as it is; the others are still formatted.
 */
export async function formatIncidentFiles(options: FormatRunOptions): Promise<FormatRun> {
  const { files: inputs, diagnostics } = await inputFiles({ config: options.config, inputs: options.inputs, cwd: options.cwd });
  const files: FormattedFile[] = [];
  for (const input of inputs) {
    try {
      files.push(await formatOne(input, options, diagnostics));
    } catch (error) {
      // A bug on one file is that file's problem (see `internalError`): the others are still formatted, and the run exits 2.
      diagnostics.push(internalError(input.display, error, options.debug));
      files.push({ file: input.display, status: 'failed' });
    }
  }
  const count = (...statuses: FormatStatus[]) => files.filter((f) => statuses.includes(f.status)).length;
  return {
    files,
    diagnostics: diagnostics.sort(compareDiagnostics),
    summary: {
      files: files.length,
      changed: count('formatted', 'would-reformat'),
      unchanged: count('unchanged'),
      failed: count('failed'),
    },
  };
}

/** One file of `fmt`: read, format, and write it when it changes; its problems go into `diagnostics`. */
async function formatOne(input: InputFile, options: FormatRunOptions, diagnostics: Diagnostic[]): Promise<FormattedFile> {
  const read = await readWithBom(input);
  if (!read.ok) {
    diagnostics.push(...read.diagnostics);
    return { file: input.display, status: 'failed' };
  }
  const result = (options.formatSource ?? formatIncidentSource)({ path: input.display, text: read.text }, { zone: options.config.timezone });
  if (!result.ok) {
    diagnostics.push(...result.diagnostics);
    return { file: input.display, status: 'failed' };
  }
  if (!result.changed) return { file: input.display, status: 'unchanged' };
  if (options.check) return { file: input.display, status: 'would-reformat' };
  const written = await writeFormatted(input, options.config.timezone, options.onWait, { from: read.text, text: result.text });
  if ('diagnostics' in written) diagnostics.push(...written.diagnostics);
  return { file: input.display, status: 'diagnostics' in written ? 'failed' : written.status };
}

/**
 * Writes a file that needs formatting, holding its lock (`<file>.lock`, the
 * one `log` and `resolve` take), so that an event logged meanwhile is never
 * written over: under the lock the file is read again, and formatted again
 * only if it changed since `formatted` was made from it (formatting a large
 * file twice doubled the time of `fmt`).
 */
async function writeFormatted(
  given: InputFile,
  zone: string,
  onWait: ((message: string) => void) | undefined,
  formatted: { from: string; text: string },
): Promise<{ status: 'formatted' | 'unchanged' } | { diagnostics: Diagnostic[] }> {
  // A link is formatted where it leads (the link stays), after the check of `incidentWriteTarget`; locked as the real file.
  const target = await incidentWriteTarget(given);
  if (!target.ok) return { diagnostics: [fileDiagnostic(given.display, target.problem)] };
  const input = target.real;
  const lock = await lockIncidentFile(input, { onWait });
  if (!lock.ok) return { diagnostics: [unwritable(input, lock.message)] };
  try {
    const read = await readWithBom(input);
    if (!read.ok) return { diagnostics: read.diagnostics };
    const result = read.text === formatted.from ? { ok: true as const, text: formatted.text, changed: true } : formatIncidentSource({ path: input.display, text: read.text }, { zone });
    if (!result.ok) return { diagnostics: result.diagnostics };
    if (!result.changed) return { status: 'unchanged' };
    const written = await target.folder.write(target.name, result.text, { fsync: true });
    if (!written.ok) return { diagnostics: [fileDiagnostic(input.display, written.problem)] };
    return { status: 'formatted' };
  } catch (error) {
    return { diagnostics: [unwritable(input, (error as NodeJS.ErrnoException).code ?? String(error))] };
  } finally {
    await lock.release();
  }
}

function unwritable(input: InputFile, reason: string): Diagnostic {
  return fileDiagnostic(input.display, {
    rule: 'output-unwritable',
    message: `Cannot write the formatted file: ${reason}`,
    hint: 'Check that the file and its folder are writable, then run `postmortem fmt` again; the file was left as it was.',
  });
}

/**
 * Reads a file as `readSourceFile` does (same limits and messages), but keeps
 * its byte-order mark: a formatted file keeps it too.
 */
async function readWithBom(input: InputFile): Promise<{ ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] }> {
  const read = await readCheckedBytes(input.absolute, input.display);
  if (!read.ok) return { ok: false, diagnostics: read.diagnostics.list };
  const decoded = decodeSource(read.bytes, input.display);
  if (!decoded.ok) return { ok: false, diagnostics: decoded.diagnostics.list };
  const bom = hasByteOrderMark(read.bytes);
  return { ok: true, text: bom ? `\uFEFF${decoded.source.text}` : decoded.source.text };
}
