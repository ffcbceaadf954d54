import { randomBytes } from 'node:crypto';
import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Creates `path` with `text` only if nothing is there yet, and never leaves a
 * half-written file: the text goes to a temporary file beside it, which is
 * then hard-linked into place. The link fails if the name is taken, even by a
 * process racing us, so nothing is ever overwritten. Returns whether it was
 * created.
 */
export async function createFileExclusive(path: string, text: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temporary, text, { flag: 'wx' });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}
