import { lstat, mkdir, realpath, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type HeldLock, lockFile } from '../authoring/file-lock.js';
import { removeStaleTemporaryFiles } from '../output/temporary-files.js';
import { readRegularFile } from '../source/read-regular-file.js';
import { MANIFEST_NAME, type ManifestEntry, compare, holdsWhatPublishWrote, settled, sha256 } from './manifest.js';
import { readManifest, saveManifest, siteFolder } from './manifest-file.js';
import { isSafePath, staysInside } from './manifest-paths.js';
import { type SyncProblem, entryOutside, lockLost, notLocked, notOurs, notWritten, pageEdited, retiredPageEdited, unwritable } from './sync-problems.js';
import type { SiteFile } from './target.js';

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

/** A page this run writes, and what its manifest entry becomes once it is written. */
interface PlannedWrite {
  file: SiteFile;
  entry: ManifestEntry;
  /** The old entry, when the page is on disk with bytes publish wrote (or `--force` takes it). */
  ours?: ManifestEntry;
  /** The bytes on disk now, `null` when there is no file. */
  current: Buffer | null;
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
    problems.push(notLocked(held));
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
      result.problems.push(entryOutside(entry.path));
    }
  }

  /** The manifest as it will be after the run, by path. */
  const next = new Map<string, ManifestEntry>();
  const writes: PlannedWrite[] = [];
  const produced = new Set<string>();
  for (const file of [...request.files].sort((a, b) => compare(a.path, b.path))) {
    produced.add(file.path);
    const target = resolve(request.out, file.path);
    // Compared and hashed as bytes: a page's text is encoded once, and the site's copy never decoded.
    const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    const entry: ManifestEntry = { path: file.path, sha256: sha256(bytes), ...(file.source ? { source: file.source } : {}) };
    // A link, pipe or device there is not read (it may never end): the write below refuses it.
    const current = await readPublishedBytes(target);
    const ours = previous.get(file.path);
    if (current?.equals(bytes)) {
      result.unchanged.push(file.path);
      next.set(file.path, entry);
      continue;
    }
    if (current !== null && !ours) {
      result.problems.push(notOurs(file));
      continue;
    }
    if (current !== null && ours && !holdsWhatPublishWrote(ours, current) && !request.force) {
      result.problems.push(pageEdited(file));
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
    const current = await readPublishedBytes(target);
    if (request.keep(entry)) {
      result.kept.push(entry.path);
      next.set(entry.path, settled(entry, current));
      continue;
    }
    if (!stat) continue;
    if (current === null || (!holdsWhatPublishWrote(entry, current) && !request.force)) {
      result.problems.push(retiredPageEdited(entry.path));
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
      result.problems.push(lockLost(lost.message));
      return result;
    }
    const saved = await saveManifest(manifestPath, request, intent, result.problems);
    if (!saved) return result;
  }

  const folder = siteFolder(request.out, request.display);
  for (const { file, entry, ours, current } of writes) {
    // Through OutputFolder: never through a link out of the site (a linked `assets/`), never over a link.
    const written = await folder.write(file.path, textOf(file.content));
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

/** A site file's content as the writer takes it: bytes are UTF-8 (see SiteFile), so decoding them writes them back as they are. */
function textOf(content: string | Uint8Array): string {
  return typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
}

/** The bytes of a regular file; `null` when there is none, or something else (a link, a pipe) has the name. */
async function readPublishedBytes(path: string): Promise<Buffer | null> {
  const info = await lstat(path).catch(() => null);
  if (!info?.isFile()) return null;
  const read = await readRegularFile(path, Number.MAX_SAFE_INTEGER);
  return read.ok ? read.bytes : null;
}
