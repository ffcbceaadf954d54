import { createHash } from 'node:crypto';
import type { PageSource } from './target.js';

/**
 * The manifest: what `publish` wrote into a site folder, each page with the
 * hash of its bytes, so a later run knows which files are its own to update
 * or delete and which were edited by hand. Read and saved by
 * manifest-file.ts; the sync that keeps it is sync-site.ts.
 */

/** The record of what `publish` wrote, kept in the output folder itself. */
export const MANIFEST_NAME = '.postmortem-manifest.json';
/** A manifest lists a site's pages, a line each: far below this. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

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

/** SHA-256 in hex of bytes, or of text's UTF-8 bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Whether `current` is the bytes publish wrote for `entry`, or, for a run stopped midway, the bytes it was replacing. */
export function holdsWhatPublishWrote(entry: ManifestEntry, current: Uint8Array): boolean {
  const hash = sha256(current);
  return hash === entry.sha256 || hash === entry.replaces;
}

/** An entry with no `replaces`, naming whichever of its two hashes the file holds. */
export function settled(entry: ManifestEntry, current: Uint8Array | null): ManifestEntry {
  const { replaces, ...rest } = entry;
  if (replaces !== undefined && current !== null && sha256(current) === replaces) return { ...rest, sha256: replaces };
  return rest;
}

/** Whether parsed JSON has the shape publish writes; anything else is not trusted. */
export function isManifest(data: unknown): data is Manifest {
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

/** By code unit, so the manifest's order never depends on the locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
