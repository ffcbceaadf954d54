import { isAbsolute, relative, sep } from 'node:path';

/** A path as shown in messages: relative to `cwd` when inside it, with `/` separators. */
export function displayPath(absolutePath: string, cwd: string): string {
  const rel = relative(cwd, absolutePath);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolutePath;
  return shown.split(sep).join('/');
}
