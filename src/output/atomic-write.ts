import { link, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type OutputText, writePieces } from './output-text.js';
import { removeIfInterrupted } from './interrupted-files.js';
import { temporaryName } from './temporary-files.js';

export interface AtomicWriteOptions {
  /** Flush the bytes to disk before the rename (files people wrote, not generated ones). */
  fsync: boolean;
  /** Permission bits to give the file (those of the file it replaces); default: 0o666 less the umask. */
  mode?: number;
}

/**
 * Replaces `<folder>/<name>` with `data` (written piece by piece as it is
 * made, when it comes in pieces) so that readers see the old file or
 * the new one, never half of one: the bytes go to a temporary file beside it
 * (created exclusively, so it never opens an existing file or a link), which
 * is then renamed over the name. A rename replaces a link rather than
 * writing through it; `checkTarget` refuses links before we get here. On
 * failure the temporary file is removed; if the process dies first, its
 * marked name lets a later run remove it (`removeStaleTemporaryFiles`).
 */
export async function replaceAtomically(folder: string, name: string, data: OutputText, options: AtomicWriteOptions): Promise<void> {
  const temporary = join(folder, temporaryName(name));
  const settled = removeIfInterrupted(temporary);
  try {
    await writeNew(temporary, data, options);
    await rename(temporary, join(folder, name));
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  } finally {
    settled();
  }
}

/**
 * Creates `<folder>/<name>` with `data` only if nothing (not even a dangling
 * link) has that name, never leaving half a file: the temporary file is
 * hard-linked into place, which fails if the name is taken, even by a process
 * racing us. Returns whether it was created.
 */
export async function createExclusively(folder: string, name: string, data: string): Promise<boolean> {
  const temporary = join(folder, temporaryName(name));
  const settled = removeIfInterrupted(temporary);
  try {
    await writeNew(temporary, data, { fsync: true });
    await link(temporary, join(folder, name));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
    settled();
  }
}

async function writeNew(path: string, data: OutputText, options: AtomicWriteOptions): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    // Text made in pieces is written as it is made (see OutputText).
    for (const piece of writePieces(data)) await handle.write(piece, null, 'utf8');
    if (options.mode !== undefined) await handle.chmod(options.mode);
    if (options.fsync) await handle.sync();
  } finally {
    await handle.close();
  }
}
