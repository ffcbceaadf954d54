import { createHash, randomBytes } from 'node:crypto';
import { lstat, readdir, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { processIsRunning } from './process-identity.js';

/**
 * Temporary files of our atomic writes are named
 * `.<name>.postmortem-<host>-<pid>-<random>.tmp`: hidden (docs engines and
 * globs skip dot files), and marked with the machine and process that wrote
 * them, so a later run can prove one is ours and its writer is gone.
 */
const TEMPORARY_NAME = /^\..*\.postmortem-([0-9a-f]{8})-(\d+)-[0-9a-f]{12}\.tmp$/;

/** Long enough for any write, however slow the disk: past it, even a live pid is taken to be a reused one. */
export const TEMPORARY_FILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The target's name is shortened so the temporary name stays under the 255-byte limit of file names. */
const NAME_CHARACTERS = 40;

const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

export function temporaryName(name: string): string {
  return `.${name.slice(0, NAME_CHARACTERS)}.postmortem-${HOST}-${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}

export interface CleanupOptions {
  /** Milliseconds since the epoch; default: now. */
  now?: number;
  /** Whether a process of this machine is alive; default: asks the operating system. */
  isRunning?: (pid: number) => boolean;
}

/**
 * Removes from `folder` (not below it) the temporary files that an
 * interrupted write of ours left behind, and nothing else. A file is removed
 * only when its name carries our marker, it is a regular file (not a link),
 * and its writer is gone: the name's machine is this one and its process is
 * not running, or the file is older than `TEMPORARY_FILE_MAX_AGE_MS` (a
 * process of another machine sharing the folder, or a reused pid). A
 * temporary file of this very process is never touched: its write may be
 * under way. Every write goes through `OutputFolder`, which calls this once
 * per folder and run; it is exported for tests that kill a writer. Returns
 * the names removed; a folder that cannot be read removes nothing.
 */
export async function removeStaleTemporaryFiles(folder: string, options: CleanupOptions = {}): Promise<string[]> {
  const now = options.now ?? Date.now();
  const isRunning = options.isRunning ?? processIsRunning;
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const marker = TEMPORARY_NAME.exec(name);
    if (!marker) continue;
    const pid = Number(marker[2]);
    const ourMachine = marker[1] === HOST;
    if (ourMachine && pid === process.pid) continue;
    const path = join(folder, name);
    const info = await lstat(path).catch(() => null);
    if (!info?.isFile()) continue;
    const writerGone = (ourMachine && !isRunning(pid)) || now - info.mtimeMs > TEMPORARY_FILE_MAX_AGE_MS;
    if (!writerGone) continue;
    // Another run may have removed it first: that is fine.
    if (await unlink(path).then(() => true, () => false)) removed.push(name);
  }
  return removed.sort();
}
