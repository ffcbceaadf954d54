import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { lockIncidentFile } from './file-lock.js';
import type { ResolvedConfig } from '../config/config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { checkIncidentSource } from '../pipeline/check-incident.js';
import type { InputFile } from '../pipeline/incident-files.js';
import { incidentWriteTarget } from '../output/incident-target.js';
import { readRegularFile } from '../source/read-regular-file.js';
import { MAX_FILE_BYTES, decodeSource, hasByteOrderMark, readCheckedBytes } from '../source/source-file.js';
import type { EditProblem } from './edit-text.js';

/** A pure change to an incident file's text; `result` says what was done, for the message. */
export type TextEdit<T> = (text: string) => { ok: true; text: string; result: T } | EditProblem;

export type EditOutcome<T> =
  /** The change was written. `warnings` are the ones it brought (those the file already had are not repeated). */
  | { kind: 'written'; result: T; text: string; warnings: Diagnostic[] }
  /**
   * The change could not be made (a bad time, a timeline in flow style…); nothing was written.
   * `input` tells a problem with what was asked (a bad time) from one with the file; in the latter
   * case `diagnostics` holds the file's own errors, which may be what stands in the way.
   */
  | { kind: 'refused'; message: string; hint: string; input: boolean; diagnostics: Diagnostic[] }
  /** The changed file would be invalid: `diagnostics` (positioned in `text`, the refused version) are what it would bring. Nothing was written. */
  | { kind: 'invalid'; result: T; text: string; diagnostics: Diagnostic[] }
  /** The file cannot be read as an incident file at all (missing, too large, not UTF-8). */
  | { kind: 'unreadable'; diagnostics: Diagnostic[] }
  /** The file cannot be written (a link to something that is not an incident file, a full disk…). Nothing was written. */
  | { kind: 'unwritable'; diagnostics: Diagnostic[] }
  /** The lock could not be made (a read-only folder), or was lost. Nothing was written. */
  | { kind: 'locked'; message: string; hint: string };

export interface EditOptions {
  /** Warnings the change brings refuse it too. */
  strict?: boolean;
  /** Told, once, when the file's lock has been held by another command for a while (the wait goes on). */
  onWait?: (message: string) => void;
  /** Stops waiting for the lock: the outcome is then `locked`, and nothing is written. */
  signal?: AbortSignal;
}

/** Writers that ignore the lock (an editor saving the file): start again this many times at most. */
const MAX_REREADS = 5;

interface Attempt<T> {
  kind: 'ready';
  bytes: Buffer;
  output: string;
  result: T;
  text: string;
  warnings: Diagnostic[];
}

/**
 * The read-modify-validate-write cycle of the writing commands. The change is
 * first tried without the lock, so input that is refused (a bad time, an event
 * that would make the file invalid) leaves no trace at all; then, holding the
 * file's lock (`<file>.lock`, see file-lock.ts), the file is read again
 * (the change is made and checked again only if another writer changed it
 * meanwhile), and the result written atomically (a temporary file, then a
 * rename, see `OutputFolder`). A file that is a link is
 * edited where it leads, after the check of `incidentWriteTarget`; the link
 * stays. Whatever errors the file already had do not block the change; any
 * new error does.
 */
export async function editIncidentFile<T>(
  file: InputFile,
  config: ResolvedConfig,
  edit: TextEdit<T>,
  options: EditOptions = {},
): Promise<EditOutcome<T>> {
  const target = await incidentWriteTarget(file);
  if (!target.ok) return { kind: 'unwritable', diagnostics: [fileDiagnostic(file.display, target.problem)] };
  // Read, locked and written as the real file, so every command reaching it by any path takes the same lock.
  file = target.real;
  const dryRun = await attempt(file, config, edit, options);
  if (dryRun.kind !== 'ready') return dryRun;

  // A lock taken over by a command that judged its holder gone is lost before anything is written: lock again.
  for (let locks = 1; ; locks += 1) {
    const outcome = await editLocked(file, target, config, edit, options, dryRun);
    if (outcome !== LOST || locks >= MAX_LOCKS) return outcome === LOST ? lostLock(file) : outcome;
  }
}

/** How often an edit locks its file again after losing the lock. */
const MAX_LOCKS = 5;
const LOST = Symbol('lost the lock');

function lostLock<T>(file: InputFile): EditOutcome<T> {
  return { kind: 'locked', message: `Lost the lock on ${file.display} ${MAX_LOCKS} times: another command kept taking it over`, hint: 'Nothing was written; try again.' };
}

/**
 * One locked attempt at the edit; `LOST` when the lock was lost before the
 * write (nothing was written). The edit is a pure function of the file's
 * bytes: while the file still holds what the dry run read, the dry run's
 * result is the one to write, and the lock is held only to read and write.
 */
async function editLocked<T>(
  file: InputFile,
  target: Extract<Awaited<ReturnType<typeof incidentWriteTarget>>, { ok: true }>,
  config: ResolvedConfig,
  edit: TextEdit<T>,
  options: EditOptions,
  dryRun: Attempt<T>,
): Promise<EditOutcome<T> | typeof LOST> {
  const lock = await lockIncidentFile(file, { onWait: options.onWait, signal: options.signal });
  if (!lock.ok) return { kind: 'locked', message: lock.message, hint: lock.hint };
  try {
    let current = await readRegularFile(file.absolute, MAX_FILE_BYTES);
    for (let reread = 0; ; reread += 1) {
      const unchanged = current.ok && current.bytes.equals(dryRun.bytes);
      const done = unchanged ? dryRun : await attempt(file, config, edit, options);
      if (done.kind !== 'ready') return done;
      // A writer that does not take the lock may have saved the file meanwhile: never write over its change.
      if (!unchanged) current = await readRegularFile(file.absolute, MAX_FILE_BYTES);
      if (!current.ok || !current.bytes.equals(done.bytes)) {
        if (reread < MAX_REREADS) continue;
        return {
          kind: 'locked',
          message: `${file.display} kept changing while the change was being made`,
          hint: 'Nothing was written; save the file in your editor and try again.',
        };
      }
      if (lock.lost()) return LOST;
      const written = await target.folder.write(target.name, done.output, { fsync: true });
      if (!written.ok) return { kind: 'unwritable', diagnostics: [fileDiagnostic(file.display, written.problem)] };
      return { kind: 'written', result: done.result, text: done.text, warnings: done.warnings };
    }
  } finally {
    await lock.release();
  }
}

async function attempt<T>(
  file: InputFile,
  config: ResolvedConfig,
  edit: TextEdit<T>,
  options: EditOptions,
): Promise<Attempt<T> | Exclude<EditOutcome<T>, { kind: 'written' }>> {
  const read = await readCheckedBytes(file.absolute, file.display);
  if (!read.ok) return { kind: 'unreadable', diagnostics: read.diagnostics.list };
  const bytes = read.bytes;
  const decoded = decodeSource(bytes, file.display);
  if (!decoded.ok) return { kind: 'unreadable', diagnostics: decoded.diagnostics.list };
  const original = decoded.source.text;
  const before = () => checkIncidentSource(decoded.source, config).diagnostics;

  const changed = edit(original);
  if (!changed.ok) {
    const diagnostics = changed.input ? [] : before().filter((d) => d.severity === 'error');
    return { kind: 'refused', message: changed.message, hint: changed.hint, input: changed.input === true, diagnostics };
  }
  const after = checkIncidentSource({ path: file.display, text: changed.text }, config).diagnostics;
  // A changed file with no problem at all brought none: the file as it was need not be checked.
  const brought = after.length === 0 ? [] : introduced(before(), after);
  const blocking = brought.filter((d) => d.severity === 'error' || options.strict);
  if (blocking.length > 0) return { kind: 'invalid', result: changed.result, text: changed.text, diagnostics: blocking };

  // The byte-order mark, if any, stays.
  const bom = hasByteOrderMark(bytes) ? '\uFEFF' : '';
  return { kind: 'ready', bytes, output: `${bom}${changed.text}`, result: changed.result, text: changed.text, warnings: brought };
}

/**
 * The diagnostics of `after` that `before` did not have. Positions move when
 * lines are added, so problems are matched by rule and message, counting
 * repeats: a second identical warning is a new one.
 */
function introduced(before: readonly Diagnostic[], after: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, number>();
  const key = (d: Diagnostic) => `${d.severity}\u0000${d.rule}\u0000${d.message}`;
  for (const d of before) seen.set(key(d), (seen.get(key(d)) ?? 0) + 1);
  return after.filter((d) => {
    const left = seen.get(key(d)) ?? 0;
    if (left === 0) return true;
    seen.set(key(d), left - 1);
    return false;
  });
}
