import { createHash } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import type { InputFile } from '../pipeline/incident-files.js';
import { OutputFolder } from '../output/output-folder.js';
import { readRegularFile } from '../source/read-regular-file.js';
import type { TextEdit } from './edit-incident.js';
import { lockFile } from './file-lock.js';

/**
 * What `undo` and `amend` remember of the last `log` (or `resolve`) into each
 * incident file: one step, kept in `.postmortem-undo.json` in the project's
 * incidents folder (the configuration's folder when there is none), keyed by
 * the path of the real incident file from there, so a file reached through a
 * link or by another path has one entry, and nothing is written outside the
 * project. An entry holds the hash of the text the log wrote and how to get
 * the text before it back; it is used only while the file still has that
 * hash, so an entry left stale by any other change (an editor, `fmt`, a
 * second `log` racing this one) is refused, never applied. Nothing in it
 * depends on the clock. The file is updated under its own lock and written
 * atomically.
 */
export const UNDO_MEMORY = '.postmortem-undo.json';

/** Reverses one change: the text before it is `text[0, prefix)` + `restore` + the last `suffix` characters of `text`. */
export interface Reversal {
  prefix: number;
  suffix: number;
  restore: string;
}

export interface LastLog extends Reversal {
  /** sha256 (hex) of the file's text (without a byte-order mark) just after the log. */
  sha256: string;
  /** The logged event: its 1-based place in the timeline, in file order, and its time and kind as written, for messages. */
  event: number;
  at: string;
  kind: string;
}

/** A reversal of more than this is not remembered: `undo` then says there is nothing to take back. */
const MAX_RESTORE = 256 * 1024;
/** The memory of a folder stays well under what is read back. */
const MAX_MEMORY_BYTES = 16 * 1024 * 1024;

export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The reversal of `before` → `after`: the one span where they differ. */
export function reversalOf(before: string, after: string): Reversal {
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before[prefix] === after[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < shortest - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix += 1;
  return { prefix, suffix, restore: before.slice(prefix, before.length - suffix) };
}

export function reverse(text: string, reversal: Reversal): string {
  return `${text.slice(0, reversal.prefix)}${reversal.restore}${text.slice(text.length - reversal.suffix)}`;
}

/** The entry for `before` → `after`, or `undefined` when the change is too large to remember. */
export function lastLogEntry(before: string, after: string, event: { index: number; at: string; kind: string }): LastLog | undefined {
  const reversal = reversalOf(before, after);
  if (reversal.restore.length > MAX_RESTORE) return undefined;
  return { ...reversal, sha256: textHash(after), event: event.index, at: event.at, kind: event.kind };
}

/** The edit, its result also saying what text it was made to (the last time it ran: under the lock, that is what was replaced). */
export function recordingBefore<T>(edit: TextEdit<T>): TextEdit<T & { before: string }> {
  return (original) => {
    const changed = edit(original);
    return changed.ok ? { ...changed, result: { ...changed.result, before: original } } : changed;
  };
}

/** The remembered last log into `file`, if any (whether it still applies is for the caller to check against the file's hash). */
export async function recallLastLog(file: InputFile, config: ProjectFolders): Promise<LastLog | undefined> {
  const place = await placeOf(file, config);
  return (await readMemory(place.memory))[place.name];
}

/** Sets (or, with `undefined`, forgets) the entry of `file`. */
export async function rememberLastLog(file: InputFile, config: ProjectFolders, entry: LastLog | undefined): Promise<{ ok: true } | { ok: false; message: string }> {
  const place = await placeOf(file, config);
  const lock = await lockFile({ absolute: place.memory, display: place.memory });
  if (!lock.ok) return { ok: false, message: lock.message };
  try {
    const memory = await readMemory(place.memory);
    if (!entry && !Object.hasOwn(memory, place.name)) return { ok: true };
    const others = Object.entries(memory).filter(([name]) => name !== place.name);
    const entries = entry ? [...others, [place.name, entry] as const] : others;
    const sorted = Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const written = await new OutputFolder(dirname(place.memory)).write(UNDO_MEMORY, `${JSON.stringify({ version: 1, files: sorted })}\n`, { subject: 'what undo remembers' });
    return written.ok ? { ok: true } : { ok: false, message: written.problem.message };
  } finally {
    await lock.release();
  }
}

/** The folders of the configuration the memory may live in. */
export type ProjectFolders = Pick<ResolvedConfig, 'incidents' | 'root'>;

async function placeOf(file: InputFile, config: ProjectFolders): Promise<{ memory: string; name: string }> {
  const real = await realpath(file.absolute).catch(() => file.absolute);
  const folder = (await stat(config.incidents).catch(() => null))?.isDirectory() ? config.incidents : config.root;
  const realFolder = await realpath(folder).catch(() => folder);
  return { memory: join(folder, UNDO_MEMORY), name: relative(realFolder, real).split(sep).join('/') };
}

/** The entries of a memory file; one that is missing or not of this shape holds none (and is replaced on the next write). */
async function readMemory(path: string): Promise<Record<string, LastLog>> {
  const read = await readRegularFile(path, MAX_MEMORY_BYTES);
  if (!read.ok) return {};
  let data: unknown;
  try {
    data = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    return {};
  }
  const files = isRecord(data) && data.version === 1 && isRecord(data.files) ? data.files : {};
  return Object.fromEntries(Object.entries(files).filter((entry): entry is [string, LastLog] => isLastLog(entry[1])));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLastLog(value: unknown): value is LastLog {
  if (!isRecord(value)) return false;
  const counts = ['prefix', 'suffix', 'event'].every((key) => Number.isSafeInteger(value[key]) && (value[key] as number) >= 0);
  return counts && ['restore', 'sha256', 'at', 'kind'].every((key) => typeof value[key] === 'string');
}
