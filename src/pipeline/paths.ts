import { isAbsolute, relative, sep } from 'node:path';

/** A path as shown in messages: relative to `cwd` when inside it, with `/` separators. */
export function displayPath(absolutePath: string, cwd: string): string {
  const rel = relative(cwd, absolutePath);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolutePath;
  return shown.split(sep).join('/');
}

/**
 * What the shown path of every file in `folder` (or below it) starts with:
 * `displayPath` of such a file is this prefix and the file's path from the
 * folder. '' for the working directory itself.
 */
export function shownPrefix(folder: string, cwd: string): string {
  if (relative(cwd, folder) === '') return '';
  const shown = displayPath(folder, cwd);
  return shown.endsWith('/') ? shown : `${shown}/`;
}
