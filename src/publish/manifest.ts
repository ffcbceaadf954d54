import { createHash } from 'node:crypto';
import { lstat, mkdir, realpath, unlink } from 'node:fs/promises';
import { type HeldLock, lockFile } from '../authoring/file-lock.js';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import type { RuleId } from '../diagnostics/rules.js';
import { OutputFolder } from '../output/output-folder.js';
import { removeStaleTemporaryFiles } from '../output/temporary-files.js';
import { readRegularFile } from '../source/read-regular-file.js';
import type { WriteProblem } from '../output/write-problem.js';
import type { PageSource, SiteFile } from './target.js';

/** The record of what `publish` wrote, kept in the output folder itself. */
export const MANIFEST_NAME = '.postmortem-manifest.json';
/** A manifest lists a site's pages, a line each: far below this. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export interface ManifestEntry {
  /** Relative to the output folder, `/` separators. */
  path: string;
  /** SHA-256 of the bytes written, hex. */
  sha256: string;
  /**
   * Only in the manifest saved while a run writes its pages: the SHA-256 of
   * the bytes this page replaces. A run stopped before it got to the page
   * leaves those bytes, and they are still publish's.
   */
  replaces?: string;
  source?: PageSource;
}

export interface Manifest {
  version: 1;
  target: string;
  files: ManifestEntry[];
}

/** The rules a site sync can break. */
export type PublishRule = Extract<RuleId, 'output-unwritable' | 'output-symlink' | 'publish-not-ours' | 'publish-manifest-invalid' | 'publish-manifest-outside' | 'publish-page-edited'>;

/** A problem with one file of the site (or the manifest itself, `path` = MANIFEST_NAME). */
export interface SyncProblem {
  rule: PublishRule;
  path: string;
  severity: 'error' | 'warning';
  message: string;
  hint: string;
}

export interface SyncRequest {
  /** The output folder, absolute. */
  out: string;
  target: string;
  files: readonly SiteFile[];
  /** Whether a page the old manifest lists, and this run does not produce, stays as it is. */
  keep: (entry: ManifestEntry) => boolean;
  /** Overwrite, or delete, pages publish wrote that were changed by hand since (`publish --force`). */
  force?: boolean;
  /** How messages show the output folder; default: `out`. */
  display?: string;
  /** Called once when another run has held the site for a while, with a sentence saying which. */
  onWait?: (message: string) => void;
}

export interface SyncResult {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Pages of the old manifest left in place (see `keep`). */
  kept: string[];
  problems: SyncProblem[];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A page this run writes, and what its manifest entry becomes once it is written. */
interface PlannedWrite {
  file: SiteFile;
  entry: ManifestEntry;
  /** The old entry, when the page is on disk with bytes publish wrote (or `--force` takes it). */
  ours?: ManifestEntry;
  /** The bytes on disk now, `null` when there is no file. */
  current: string | null;
}

/**
 * Makes the output folder hold exactly `files`, touching only what publish
 * itself wrote before:
 * - a file is written (atomically) only when its bytes differ from the disk,
 *   so unchanged pages keep their modification time;
 * - a file whose bytes are exactly what this run would write is ours, listed
 *   in the manifest or not (a run stopped before its manifest was saved);
 * - any other file that is not in the old manifest belongs to someone else:
 *   it is never overwritten, and the page is reported instead (a warning
 *   for a navigation file the site may have its own of, see `SiteFile`);
 * - a file of the old manifest whose bytes are not the ones publish wrote
 *   was edited by hand: it is reported and left alone, unless `force`;
 * - a file of the old manifest that is not produced any more is deleted,
 *   unless `keep` says so, or it was changed since publish wrote it (then
 *   it is left in place and dropped from the manifest, with a warning);
 * - a manifest entry that is absolute, has `..`, or leads out of the folder
 *   through a link is ignored, never followed;
 * - folders are created as needed and never removed (publish writes few,
 *   and an empty folder harms nobody).
 * The manifest never lags behind the disk, so a run killed at any moment
 * (a cancelled CI job) leaves a folder the next run completes: before the
 * first page is touched, the manifest is saved with every page about to be
 * written or deleted, each with the hash it will have and the one it
 * `replaces`; after the last, it is saved again without those. Both saves
 * are atomic and happen only when something changes.
 * A manifest that cannot be read, or saved before writing, stops the run
 * before anything is written.
 */
export async function syncSite(request: SyncRequest): Promise<SyncResult> {
  const result: SyncResult = { written: [], unchanged: [], removed: [], kept: [], problems: [] };
  // Two runs into one site (two CI jobs, a person and CI) take turns: each reads the manifest the other left.
  const lock = await lockSite(request, result.problems);
  if (!lock) return result;
  try {
    // What a run killed while taking the lock left (the lock record's temporary file) goes now, as every write's sweep does.
    await removeStaleTemporaryFiles(lock.realOut);
    return await syncLocked(request, lock.held, result);
  } finally {
    await lock.held.release();
  }
}

/**
 * The lock on the manifest, `<out>/.postmortem-manifest.json.lock` (hidden,
 * so docs engines skip it), in the real output folder, which is created for
 * it: the manifest's own link, if it is one, never carries it elsewhere.
 */
async function lockSite(request: SyncRequest, problems: SyncProblem[]): Promise<{ held: HeldLock; realOut: string } | null> {
  let realOut: string;
  try {
    await mkdir(request.out, { recursive: true });
    realOut = await realpath(request.out);
  } catch (error) {
    problems.push(unwritable(MANIFEST_NAME, error));
    return null;
  }
  const display = request.display ?? request.out;
  const held = await lockFile({ absolute: join(realOut, MANIFEST_NAME), display, shownLock: join(display, `${MANIFEST_NAME}.lock`) }, { onWait: request.onWait });
  if (!held.ok) {
    problems.push({ rule: 'output-unwritable', path: `${MANIFEST_NAME}.lock`, severity: 'error', message: held.message, hint: held.hint });
    return null;
  }
  return { held, realOut };
}

async function syncLocked(request: SyncRequest, lock: HeldLock, result: SyncResult): Promise<SyncResult> {
  const manifestPath = join(request.out, MANIFEST_NAME);
  const old = await readManifest(manifestPath, result.problems);
  if (old === null) return result;

  const previous = new Map<string, ManifestEntry>();
  for (const entry of old.files) {
    if (isSafePath(entry.path) && (await staysInside(request.out, entry.path))) previous.set(entry.path, entry);
    else {
      result.problems.push({
        rule: 'publish-manifest-outside',
        path: MANIFEST_NAME,
        severity: 'warning',
        message: `Ignored the manifest entry \`${entry.path}\`: it points outside the output folder`,
        hint: 'Publish only ever deletes files inside its output folder that it wrote; remove that entry from the manifest.',
      });
    }
  }

  /** The manifest as it will be after the run, by path. */
  const next = new Map<string, ManifestEntry>();
  const writes: PlannedWrite[] = [];
  const produced = new Set<string>();
  for (const file of [...request.files].sort((a, b) => compare(a.path, b.path))) {
    produced.add(file.path);
    const target = resolve(request.out, file.path);
    const entry: ManifestEntry = { path: file.path, sha256: sha256(file.text), ...(file.source ? { source: file.source } : {}) };
    // A link, pipe or device there is not read (it may never end): the write below refuses it.
    const current = await readPublishedText(target);
    const ours = previous.get(file.path);
    if (current === file.text) {
      result.unchanged.push(file.path);
      next.set(file.path, entry);
      continue;
    }
    if (current !== null && !ours) {
      result.problems.push(notOurs(file));
      continue;
    }
    if (current !== null && ours && !holdsWhatPublishWrote(ours, current) && !request.force) {
      result.problems.push({
        rule: 'publish-page-edited',
        path: file.path,
        severity: 'error',
        message: `Did not update ${file.path}${file.source ? ` (the page of \`${file.source.id}\`)` : ''}: it was edited since publish wrote it`,
        hint: 'Move the changes into the incident file (or a template), then publish with --force to overwrite the page.',
      });
      next.set(file.path, settled(ours, current));
      continue;
    }
    writes.push({ file, entry, ...(current !== null && ours ? { ours } : {}), current });
  }

  const removals: ManifestEntry[] = [];
  for (const entry of previous.values()) {
    if (produced.has(entry.path)) continue;
    const target = resolve(request.out, entry.path);
    const stat = await lstat(target).catch(() => null);
    const current = await readPublishedText(target);
    if (request.keep(entry)) {
      result.kept.push(entry.path);
      next.set(entry.path, settled(entry, current));
      continue;
    }
    if (!stat) continue;
    if (current === null || (!holdsWhatPublishWrote(entry, current) && !request.force)) {
      result.problems.push({
        rule: 'publish-page-edited',
        path: entry.path,
        severity: 'warning',
        message: `Left ${entry.path} in place: it is no longer published, but it was changed since publish wrote it`,
        hint: 'Delete it yourself if the changes are not needed (or publish with --force); publish has stopped tracking it.',
      });
      continue;
    }
    removals.push(entry);
  }

  if (writes.length > 0 || removals.length > 0) {
    const intent = new Map(next);
    for (const { entry, current } of writes) intent.set(entry.path, current === null ? entry : { ...entry, replaces: sha256(current) });
    for (const entry of removals) intent.set(entry.path, entry);
    const lost = lock.lost();
    if (lost) {
      result.problems.push({ rule: 'output-unwritable', path: MANIFEST_NAME, severity: 'error', message: `Did not write the site: ${lost.message}`, hint: 'Publish again once the other run has finished.' });
      return result;
    }
    const saved = await saveManifest(manifestPath, request, intent, result.problems);
    if (!saved) return result;
  }

  const folder = siteFolder(request.out);
  for (const { file, entry, ours, current } of writes) {
    // Through OutputFolder: never through a link out of the site (a linked `assets/`), never over a link.
    const written = await folder.write(file.path, file.text);
    if (written.ok) {
      result.written.push(file.path);
      next.set(file.path, entry);
    } else {
      result.problems.push(notWritten(file.path, written.problem));
      if (ours && current !== null) next.set(file.path, settled(ours, current));
    }
  }

  for (const entry of removals) {
    try {
      await unlink(resolve(request.out, entry.path));
      result.removed.push(entry.path);
    } catch (error) {
      result.problems.push(unwritable(entry.path, error));
      next.set(entry.path, entry);
    }
  }

  await saveManifest(manifestPath, request, next, result.problems);
  return result;
}

/** The text of a regular file; `null` when there is none, or something else (a link, a pipe) has the name. */
async function readPublishedText(path: string): Promise<string | null> {
  const info = await lstat(path).catch(() => null);
  if (!info?.isFile()) return null;
  const read = await readRegularFile(path, Number.MAX_SAFE_INTEGER);
  return read.ok ? read.bytes.toString('utf8') : null;
}

/** Whether `current` is the bytes publish wrote for `entry`, or, for a run stopped midway, the bytes it was replacing. */
function holdsWhatPublishWrote(entry: ManifestEntry, current: string): boolean {
  const hash = sha256(current);
  return hash === entry.sha256 || hash === entry.replaces;
}

/** An entry with no `replaces`, naming whichever of its two hashes the file holds. */
function settled(entry: ManifestEntry, current: string | null): ManifestEntry {
  const { replaces, ...rest } = entry;
  if (replaces !== undefined && current !== null && sha256(current) === replaces) return { ...rest, sha256: replaces };
  return rest;
}

function notOurs(file: SiteFile): SyncProblem {
  if (file.siteMayOwn) {
    return {
      rule: 'publish-not-ours',
      path: file.path,
      severity: 'warning',
      message: `Left the site's own ${file.path} as it is: publish did not write it, so its navigation page is not written`,
      hint: 'Link the report page from it, or delete it to have publish write one listing every incident.',
    };
  }
  return {
    rule: 'publish-not-ours',
    path: file.path,
    severity: 'error',
    message: `Will not overwrite ${file.path}: the output folder already has this file and publish did not write it`,
    hint: `Move or rename your file; publish never changes files its manifest (${MANIFEST_NAME}) does not list.`,
  };
}

/** Writes the manifest atomically when its text changed; `false` (with a problem) when it could not. */
async function saveManifest(path: string, request: SyncRequest, entries: ReadonlyMap<string, ManifestEntry>, problems: SyncProblem[]): Promise<boolean> {
  const manifest: Manifest = { version: 1, target: request.target, files: [...entries.values()].sort((a, b) => compare(a.path, b.path)) };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const saved = await readRegularFile(path, MAX_MANIFEST_BYTES);
  if (saved.ok && saved.bytes.toString('utf8') === text) return true;
  const written = await siteFolder(request.out).write(MANIFEST_NAME, text, { fsync: true });
  if (!written.ok) problems.push(notWritten(MANIFEST_NAME, written.problem));
  return written.ok;
}

/** The output folder, with paths in messages relative to it, as `SyncProblem.path` is. */
function siteFolder(out: string): OutputFolder {
  return new OutputFolder(out, (absolute) => relative(out, absolute).split(sep).join('/'));
}

function notWritten(path: string, problem: WriteProblem): SyncProblem {
  return { ...problem, path, severity: 'error' };
}

/** The old manifest; an empty one when there is none; `null` (with a problem) when it cannot be trusted. */
async function readManifest(path: string, problems: SyncProblem[]): Promise<Manifest | null> {
  // The checked reader: a named pipe in the manifest's place must not hang publish.
  const read = await readRegularFile(path, MAX_MANIFEST_BYTES);
  if (!read.ok) {
    if (read.reason === 'error' && read.code === 'ENOENT') return { version: 1, target: '', files: [] };
    if (read.reason === 'error') problems.push(unwritable(MANIFEST_NAME, { code: read.code }));
    else problems.push(invalidManifest());
    return null;
  }
  const text = read.bytes.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!isManifest(data)) {
    problems.push(invalidManifest());
    return null;
  }
  return data;
}

/** The manifest is not JSON publish wrote, or not even a regular file (a named pipe, a huge file). */
function invalidManifest(): SyncProblem {
  return {
    rule: 'publish-manifest-invalid',
    path: MANIFEST_NAME,
    severity: 'error',
    message: `Cannot read ${MANIFEST_NAME}: it is not a manifest publish wrote; nothing was written`,
    hint: 'Restore it from version control, or delete it and the pages publish wrote, then publish again.',
  };
}

function isManifest(data: unknown): data is Manifest {
  if (typeof data !== 'object' || data === null) return false;
  const { version, target, files } = data as Record<string, unknown>;
  return version === 1 && typeof target === 'string' && Array.isArray(files) && files.every(isEntry);
}

function isEntry(entry: unknown): entry is ManifestEntry {
  if (typeof entry !== 'object' || entry === null) return false;
  const { path, sha256: hash, replaces, source } = entry as Record<string, unknown>;
  if (typeof path !== 'string' || typeof hash !== 'string' || (replaces !== undefined && typeof replaces !== 'string')) return false;
  if (source === undefined) return true;
  if (typeof source !== 'object' || source === null) return false;
  const { file, id } = source as Record<string, unknown>;
  return typeof file === 'string' && typeof id === 'string';
}

/** A plain relative path below the folder: no `..`, not absolute, no backslashes, not the manifest. */
export function isSafePath(path: string): boolean {
  if (path === '' || path.includes('\\') || path.includes('\0') || isAbsolute(path) || posix.isAbsolute(path)) return false;
  if (/^[a-zA-Z]:/.test(path)) return false;
  const parts = path.split('/');
  return parts.every((part) => part !== '' && part !== '.' && part !== '..') && path !== MANIFEST_NAME;
}

/** The file's folder, with links resolved, is the output folder or below it. */
async function staysInside(out: string, path: string): Promise<boolean> {
  const root = await realpath(out).catch(() => resolve(out));
  const folder = await realpath(dirname(resolve(out, path))).catch(() => null);
  if (folder === null) return true; // Nothing there to delete.
  const rel = relative(root, folder);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function unwritable(path: string, error: unknown): SyncProblem {
  return {
    rule: 'output-unwritable',
    path,
    severity: 'error',
    message: `Cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    hint: 'Check that the output folder is writable and the disk is not full.',
  };
}

/** By code unit, so the manifest's order never depends on the locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
