import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { MANIFEST_NAME } from './manifest.js';

/** Which manifest entries publish may act on: a manifest is a file anyone can edit, so an entry never leads it out of the site. */

/** A plain relative path below the folder: no `..`, not absolute, no backslashes, not the manifest. */
export function isSafePath(path: string): boolean {
  if (path === '' || path.includes('\\') || path.includes('\0') || isAbsolute(path) || posix.isAbsolute(path)) return false;
  if (/^[a-zA-Z]:/.test(path)) return false;
  const parts = path.split('/');
  return parts.every((part) => part !== '' && part !== '.' && part !== '..') && path !== MANIFEST_NAME;
}

/** The file's folder, with links resolved, is the output folder or below it. */
export async function staysInside(out: string, path: string): Promise<boolean> {
  const root = await realpath(out).catch(() => resolve(out));
  const folder = await realpath(dirname(resolve(out, path))).catch(() => null);
  if (folder === null) return true; // Nothing there to delete.
  const rel = relative(root, folder);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
