import { lstat, mkdir, readlink, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { type WriteProblem, errorCode, unwritableHint } from './write-problem.js';

/** Where a write may land: the folder to write in (as reached from the root, and resolved), and whether the file exists. */
export interface CheckedTarget {
  ok: true;
  /** `<root>/<folders of the path>`, created as needed. */
  folder: string;
  /** `folder` with every link resolved: inside the root's real path. */
  realFolder: string;
  name: string;
  absolute: string;
  /** What has the name already: nothing, a regular file, or a link (which only `create` accepts, as a name taken). */
  existing: 'none' | 'file' | 'link';
}

export type TargetCheck = CheckedTarget | { ok: false; problem: WriteProblem };

/** How a problem names paths and what is written: `Cannot write <subject> to <path>`. */
export interface Wording {
  show: (absolute: string) => string;
  subject?: string;
}

/**
 * Checks, component by component with `lstat`, that writing `path` (relative,
 * `/`-separated) below `root` cannot land outside `root`, creating missing
 * folders on the way:
 * - `root` is the folder the user named; links in it or above it are theirs;
 * - a folder on the way that is a link is followed only when its real path is
 *   inside the root's real path (a site's `assets -> shared/assets` kept in
 *   the site), and refused when it leads out or nowhere;
 * - the file itself must be absent, a regular file or a link (reported as
 *   such: see `linkAtTarget`); a folder, device or pipe there is refused.
 * Problems are returned, not thrown.
 */
export async function checkTarget(root: string, path: string, wording: Wording): Promise<TargetCheck> {
  const parts = path.split('/');
  const target = join(root, ...parts);
  const unwritable = (reason: string, hint = unwritableHint(reason)): TargetCheck => ({
    ok: false,
    problem: { rule: 'output-unwritable', message: `Cannot write ${wording.subject ? `${wording.subject} to ` : ''}${wording.show(target)}: ${reason}`, hint },
  });
  if (parts.some((part) => part === '' || part === '.' || part === '..' || part.includes(sep) || part.includes('\0'))) {
    return unwritable('not a path inside the output folder', 'This is a bug in postmortem; please report it.');
  }
  let realRoot: string;
  try {
    await mkdir(root, { recursive: true });
    realRoot = await realpath(root);
  } catch (error) {
    return unwritable(errorCode(error));
  }

  let folder = root;
  for (const part of parts.slice(0, -1)) {
    const next = join(folder, part);
    const info = await lstat(next).catch(() => null);
    if (!info) {
      // Created one level at a time, so a link that appears on the way is still looked at.
      const made = await mkdir(next).then(() => null, (error: unknown) => errorCode(error));
      if (made !== null && made !== 'EEXIST') return unwritable(made);
      if (made === 'EEXIST') return checkTarget(root, path, wording);
    } else if (info.isSymbolicLink()) {
      const real = await realpath(next).catch(() => null);
      if (real === null || !isInside(realRoot, real)) {
        const pointsTo = await readlink(next).catch(() => '?');
        return {
          ok: false,
          problem: {
            rule: 'output-symlink',
            message: `Will not write ${wording.show(target)}: the folder ${wording.show(next)} is a symbolic link to ${pointsTo}, ${real === null ? 'which does not exist' : `outside ${wording.show(root)}`}`,
            hint: `Replace the link with a real folder, or point it at a folder inside ${wording.show(root)}; nothing was written for this file.`,
          },
        };
      }
      if (!(await stat(real)).isDirectory()) return unwritable('ENOTDIR');
    } else if (!info.isDirectory()) {
      return unwritable('ENOTDIR');
    }
    folder = next;
  }

  const info = await lstat(target).catch(() => null);
  if (info?.isDirectory()) return unwritable('EISDIR', `Move the folder ${wording.show(target)} away; nothing was written for this file.`);
  if (info && !info.isFile() && !info.isSymbolicLink()) return unwritable('not a regular file', `Move ${wording.show(target)} away; nothing was written for this file.`);

  let realFolder: string;
  try {
    realFolder = await realpath(folder);
  } catch (error) {
    return unwritable(errorCode(error));
  }
  return { ok: true, folder, realFolder, name: parts.at(-1)!, absolute: target, existing: info === null ? 'none' : info.isSymbolicLink() ? 'link' : 'file' };
}

/**
 * A link where a file is to be written is refused wherever it points:
 * writing through it changes another file (outside the folder, or another
 * page), and replacing it silently loses the link someone made.
 */
export async function linkAtTarget(target: string, show: (absolute: string) => string): Promise<WriteProblem> {
  const pointsTo = await readlink(target).catch(() => '?');
  return {
    rule: 'output-symlink',
    message: `Will not write ${show(target)}: it is a symbolic link (to ${pointsTo}); writing would change the file it points to, or silently replace the link`,
    hint: 'Remove the link (or move it away) and run the command again; a regular file is then written in its place.',
  };
}

/** `path` is `folder` or below it; both real paths. */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
