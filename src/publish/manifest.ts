import { createHash } from 'node:crypto';
import { lstat, mkdir, readFile, realpath, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { RuleId } from '../diagnostics/rules.js';
import type { PageSource, SiteFile } from './target.js';

/** The record of what `publish` wrote, kept in the output folder itself. */
export const MANIFEST_NAME = '.postmortem-manifest.json';

export interface ManifestEntry {
  /** Relative to the output folder, `/` separators. */
  path: string;
  /** SHA-256 of the bytes written, hex. */
  sha256: string;
  source?: PageSource;
}

export interface Manifest {
  version: 1;
  target: string;
  files: ManifestEntry[];
}

/** The rules a site sync can break. */
export type PublishRule = Extract<RuleId, 'output-unwritable' | 'publish-not-ours' | 'publish-manifest-invalid' | 'publish-manifest-outside' | 'publish-page-edited'>;

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

/**
 * Makes the output folder hold exactly `files`, touching only what publish
 * itself wrote before:
 * - a file is written (atomically) only when its bytes differ from the disk,
 *   so unchanged pages keep their modification time;
 * - a file that exists but is not in the old manifest belongs to someone
 *   else: it is never overwritten, and the page is reported instead;
 * - a file of the old manifest that is not produced any more is deleted,
 *   unless `keep` says so, or it was changed since publish wrote it (then
 *   it is left in place and dropped from the manifest, with a warning);
 * - a manifest entry that is absolute, has `..`, or leads out of the folder
 *   through a link is ignored, never followed;
 * - folders are created as needed and never removed (publish writes few,
 *   and an empty folder harms nobody);
 * - the manifest is rewritten last, atomically, and only when it changed.
 * A manifest that cannot be read stops the run before anything is written.
 */
export async function syncSite(request: SyncRequest): Promise<SyncResult> {
  const result: SyncResult = { written: [], unchanged: [], removed: [], kept: [], problems: [] };
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

  const next: ManifestEntry[] = [];
  const produced = new Set<string>();
  for (const file of [...request.files].sort((a, b) => compare(a.path, b.path))) {
    produced.add(file.path);
    const target = resolve(request.out, file.path);
    const entry: ManifestEntry = { path: file.path, sha256: sha256(file.text), ...(file.source ? { source: file.source } : {}) };
    const current = await readFile(target, 'utf8').catch(() => null);
    const ours = previous.get(file.path);
    if (current !== null && !ours) {
      result.problems.push({
        rule: 'publish-not-ours',
        path: file.path,
        severity: 'error',
        message: `Will not overwrite ${file.path}: the output folder already has this file and publish did not write it`,
        hint: `Move or rename your file; publish never changes files its manifest (${MANIFEST_NAME}) does not list.`,
      });
      continue;
    }
    if (current === file.text) {
      result.unchanged.push(file.path);
      next.push(entry);
      continue;
    }
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFileAtomic(target, file.text, { fsync: false });
      result.written.push(file.path);
      next.push(entry);
    } catch (error) {
      result.problems.push(unwritable(file.path, error));
      if (ours && current !== null) next.push(ours);
    }
  }

  for (const entry of previous.values()) {
    if (produced.has(entry.path)) continue;
    const target = resolve(request.out, entry.path);
    if (request.keep(entry)) {
      result.kept.push(entry.path);
      next.push(entry);
      continue;
    }
    const stat = await lstat(target).catch(() => null);
    if (!stat) continue;
    const current = stat.isFile() ? await readFile(target, 'utf8').catch(() => null) : null;
    if (current === null || sha256(current) !== entry.sha256) {
      result.problems.push({
        rule: 'publish-page-edited',
        path: entry.path,
        severity: 'warning',
        message: `Left ${entry.path} in place: it is no longer published, but it was changed since publish wrote it`,
        hint: 'Delete it yourself if the changes are not needed; publish has stopped tracking it.',
      });
      continue;
    }
    try {
      await unlink(target);
      result.removed.push(entry.path);
    } catch (error) {
      result.problems.push(unwritable(entry.path, error));
      next.push(entry);
    }
  }

  const manifest: Manifest = { version: 1, target: request.target, files: next.sort((a, b) => compare(a.path, b.path)) };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  if ((await readFile(manifestPath, 'utf8').catch(() => null)) !== text) {
    try {
      await mkdir(request.out, { recursive: true });
      await writeFileAtomic(manifestPath, text);
    } catch (error) {
      result.problems.push(unwritable(MANIFEST_NAME, error));
    }
  }
  return result;
}

/** The old manifest; an empty one when there is none; `null` (with a problem) when it cannot be trusted. */
async function readManifest(path: string, problems: SyncProblem[]): Promise<Manifest | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, target: '', files: [] };
    problems.push(unwritable(MANIFEST_NAME, error));
    return null;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!isManifest(data)) {
    problems.push({
      rule: 'publish-manifest-invalid',
      path: MANIFEST_NAME,
      severity: 'error',
      message: `Cannot read ${MANIFEST_NAME}: it is not a manifest publish wrote; nothing was written`,
      hint: 'Restore it from version control, or delete it and the pages publish wrote, then publish again.',
    });
    return null;
  }
  return data;
}

function isManifest(data: unknown): data is Manifest {
  if (typeof data !== 'object' || data === null) return false;
  const { version, target, files } = data as Record<string, unknown>;
  return version === 1 && typeof target === 'string' && Array.isArray(files) && files.every(isEntry);
}

function isEntry(entry: unknown): entry is ManifestEntry {
  if (typeof entry !== 'object' || entry === null) return false;
  const { path, sha256: hash, source } = entry as Record<string, unknown>;
  if (typeof path !== 'string' || typeof hash !== 'string') return false;
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
