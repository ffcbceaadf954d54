import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import type { RelatedId } from './related-ids.js';

/**
 * One file's way through a run, after any stage: the value that stage made
 * (a model, a postmortem, a report record, a page) or `null` when the file
 * cannot go on, and every problem found on the way. Stages never change a
 * result they are given; each returns a new one.
 */
export interface FileResult<T> {
  /** The file as shown in messages. */
  readonly file: string;
  /** The `id` the file declares, when it is a string: cross-file checks need it even for invalid files. */
  readonly id: string | null;
  /** Where that `id` is written. */
  readonly idPosition: Position | null;
  /** The ids the file names in `related`, for the check across files (see related-ids.ts); absent when there are none. */
  readonly related?: readonly RelatedId[];
  readonly diagnostics: readonly Diagnostic[];
  /** `null` when the file has errors, or a stage refused it. */
  readonly value: T | null;
}

/** A file that stopped before it had an id: unreadable, not YAML, too large, or a bug. */
export function failedFile(file: string, diagnostics: readonly Diagnostic[]): FileResult<never> {
  return { file, id: null, idPosition: null, diagnostics, value: null };
}

/** The result with a stage's value in place of the old one, and its problems added. */
export function withValue<T>(result: FileResult<unknown>, value: T | null, added: readonly Diagnostic[] = []): FileResult<T> {
  const made: FileResult<T> = { file: result.file, id: result.id, idPosition: result.idPosition, diagnostics: added.length ? [...result.diagnostics, ...added] : result.diagnostics, value };
  return result.related ? { ...made, related: result.related } : made;
}

/** The result refused by a later step (a duplicate id, a failed write), with the problem that says why. */
export function refused<T>(result: FileResult<T>, problem: Diagnostic): FileResult<T> {
  return withValue<T>(result, null, [problem]);
}
