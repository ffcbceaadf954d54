import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { access, lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { INCIDENT_FILE } from '../pipeline/collect-files.js';
import type { InputFile } from '../pipeline/incident-files.js';
import { OutputFolder } from './output-folder.js';
import { type WriteProblem, errorCode } from './write-problem.js';

/** Where an edit of an incident file goes: the real file, written in its own folder. */
export interface IncidentWriteTarget {
  ok: true;
  /** The file to lock, read and replace: `file` with every link resolved; shown as `file` was. */
  real: InputFile;
  folder: OutputFolder;
  /** The real file's name in `folder`. */
  name: string;
}

/**
 * `log`, `resolve` and `fmt` edit incident files in place. An incident file
 * may be a symbolic link (people keep incident files in another folder and
 * link them in): then the file the link leads to is edited, and the link
 * stays a link. The check of where a link leads: to a regular file whose
 * name ends in `.yaml` or `.yml`; a link to a folder, a device, a pipe or any
 * other file (a shell profile, say) is refused, so a planted link cannot turn
 * an edit into a write elsewhere. The file itself must be a regular file. The
 * edit is then written in the real file's folder through `OutputFolder`, like
 * every other write, and the lock is taken on the real file, so two commands
 * reaching it by different paths still take turns. A read-only file is
 * refused (`readOnlyFile`).
 */
export async function incidentWriteTarget(file: InputFile): Promise<IncidentWriteTarget | { ok: false; problem: WriteProblem }> {
  const unwritable = (reason: string): { ok: false; problem: WriteProblem } => ({
    ok: false,
    problem: {
      rule: 'output-unwritable',
      message: `Cannot write ${file.display}: ${reason}`,
      hint: 'Check that the file exists, is a regular file and is writable; it was left as it was.',
    },
  });
  let real: string;
  let info: Stats;
  try {
    const link = await lstat(file.absolute);
    real = await realpath(file.absolute);
    info = await lstat(real);
    if (link.isSymbolicLink() && !(info.isFile() && INCIDENT_FILE.test(real))) {
      const pointsTo = await readlink(file.absolute).catch(() => real);
      return {
        ok: false,
        problem: {
          rule: 'output-symlink',
          message: `Will not edit ${file.display}: it is a symbolic link to ${pointsTo}, which is not a regular .yaml or .yml file`,
          hint: 'An incident file may be a link, but only to an incident file; replace the link with the file it should be.',
        },
      };
    }
  } catch (error) {
    return unwritable(errorCode(error));
  }
  if (!info.isFile()) return unwritable('not a regular file');
  const readOnly = await readOnlyFile(real, info);
  if (readOnly) {
    const hint =
      readOnly === READ_ONLY_FILE_SYSTEM
        ? 'Edit a copy on a writable file system; the file was left as it was.'
        : `Its permissions say it is not to be changed; if it may be, make it writable (\`chmod u+w ${file.display}\`) and run the command again. It was left as it was.`;
    return { ok: false, problem: { rule: 'output-unwritable', message: `Will not edit ${file.display}: ${readOnly}`, hint } };
  }
  const show = (absolute: string) => (absolute === real ? file.display : absolute);
  return { ok: true, real: { absolute: real, display: file.display }, folder: new OutputFolder(dirname(real), show), name: basename(real) };
}

const READ_ONLY_FILE_SYSTEM = 'it is on a read-only file system';

/**
 * Why the file is not to be changed, or `undefined`. An edit replaces the
 * file by a rename, which its own permissions do not stop: a file that is
 * read-only, for us or for everyone (which root, who may write anything,
 * would otherwise never see), is refused instead, as an editor would.
 */
async function readOnlyFile(path: string, info: Stats): Promise<string | undefined> {
  if ((info.mode & 0o222) === 0) return 'it is read-only';
  try {
    await access(path, constants.W_OK);
    return undefined;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EROFS') return READ_ONLY_FILE_SYSTEM;
    return code === 'EACCES' || code === 'EPERM' ? 'you may not write it (its permissions)' : undefined;
  }
}
