import { relative, sep } from 'node:path';
import { OutputFolder } from '../output/output-folder.js';
import { readRegularFile } from '../source/read-regular-file.js';
import { MANIFEST_NAME, MAX_MANIFEST_BYTES, type Manifest, type ManifestEntry, compare, isManifest } from './manifest.js';
import { type SyncProblem, invalidManifest, notWritten, unwritable } from './sync-problems.js';

/** Reading and saving the manifest in the site folder, never trusting what is there. */

/** The old manifest; an empty one when there is none; `null` (with a problem) when it cannot be trusted. */
export async function readManifest(path: string, problems: SyncProblem[]): Promise<Manifest | null> {
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

/** Writes the manifest atomically when its text changed; `false` (with a problem) when it could not. */
export async function saveManifest(path: string, request: { out: string; target: string; display?: string }, entries: ReadonlyMap<string, ManifestEntry>, problems: SyncProblem[]): Promise<boolean> {
  const manifest: Manifest = { version: 1, target: request.target, files: [...entries.values()].sort((a, b) => compare(a.path, b.path)) };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const saved = await readRegularFile(path, MAX_MANIFEST_BYTES);
  if (saved.ok && saved.bytes.toString('utf8') === text) return true;
  const written = await siteFolder(request.out, request.display).write(MANIFEST_NAME, text, { fsync: true });
  if (!written.ok) problems.push(notWritten(MANIFEST_NAME, written.problem));
  return written.ok;
}

/**
 * The output folder, with paths in messages relative to it, as
 * `SyncProblem.path` is; the folder itself (a link out of it is refused as
 * leading "outside" it) as `display` shows it.
 */
export function siteFolder(out: string, display = out): OutputFolder {
  return new OutputFolder(out, (absolute) => relative(out, absolute).split(sep).join('/') || display);
}
