import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, open, realpath, rename, rm, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { temporaryName } from '../output/temporary-files.js';
import type { InputFile } from '../pipeline/incident-files.js';
import { readRegularFile } from '../source/read-regular-file.js';
import { removeIfInterrupted } from '../output/interrupted-files.js';
import { processIsRunning, processStart } from '../output/process-identity.js';

/**
 * The lock that every command rewriting an incident file takes (`log`,
 * `resolve`, `fmt`): the file `<real path>.lock`, naming its holder.
 * `publish` takes the same lock on its manifest, for a whole sync.
 *
 * Waiting follows the holder, not the clock. A holder on this machine is
 * asked whether it is alive (`process.kill(pid, 0)`, and on Linux whether
 * that pid still started when the holder did, so a reused pid does not
 * count): while it is, the lock is never taken, however long it is held or
 * however loaded the machine; once it is gone, its lock is taken over at
 * once. Only a holder on another machine (a shared network folder) cannot be
 * asked: it touches its lock every few seconds, and its lock is taken over
 * when that stops. There is no retry budget: a person can stop the wait with
 * Ctrl-C, and `onWait` tells them who they are waiting for.
 *
 * No npm lock library asks whether the holder is alive (proper-lockfile and
 * lockfile judge by age alone, which steals the lock of a live holder on a
 * loaded machine), hence this small module.
 */

/** How often a holder touches its lock, for waiters on other machines. */
const REFRESH_MS = 5_000;
/** A lock record is one short line of JSON. */
const MAX_RECORD_BYTES = 64 * 1024;
/** A lock of another machine untouched for this long has lost its holder. */
const REMOTE_STALE_MS = 30_000;
/** A lock whose holder cannot be read (left by an older version of postmortem, say) is judged by its age alone. */
const UNKNOWN_STALE_MS = 10_000;
/** A wait longer than this is explained to the person waiting. */
const NOTICE_AFTER_MS = 3_000;
/** Polling backoff: from a few milliseconds up to a quarter of a second. */
const FIRST_POLL_MS = 5;
const LAST_POLL_MS = 250;

/** What a lock file holds. */
interface LockOwner {
  pid: number;
  host: string;
  /** When the process started, as the operating system tells it (Linux: boot id and start time); absent where it cannot be read. */
  start?: string;
  /** Unique to this taking of the lock. */
  id: string;
}

export interface LockOptions {
  /** Called once when the wait has been long, with a sentence saying for whom. */
  onWait?: (message: string) => void;
  /** Stops the wait: the lock is then not taken, and `{ ok: false }` says whom it was waiting for. */
  signal?: AbortSignal;
}

export type HeldLock = {
  ok: true;
  release: () => Promise<void>;
  /** Set when the lock is no longer ours (another machine took it over): nothing may be written then. */
  lost: () => Error | undefined;
};

export type LockRefusal = { ok: false; message: string; hint: string };

/**
 * Takes the lock on an incident file, waiting for as long as its holder is
 * alive. The lock is taken on the real file, so commands reaching it through
 * a symbolic link or another path take turns with each other. `{ ok: false }`
 * only when the lock cannot be made at all (a read-only folder).
 */
export async function lockIncidentFile(file: InputFile, options: LockOptions = {}): Promise<HeldLock | LockRefusal> {
  const real = await realpath(file.absolute).catch(() => file.absolute);
  return lockFile(real === file.absolute ? file : { absolute: real, display: file.display, shownLock: `${real}.lock` }, options);
}

/** What `lockFile` locks: `absolute` as it is (no link resolved), shown as `display`. */
export interface LockedFile extends InputFile {
  /** How messages show the lock file; default: `<display>.lock`. */
  shownLock?: string;
}

/**
 * Takes the lock `<absolute>.lock`, as `lockIncidentFile` does, without
 * resolving links: for a file the caller has placed itself (publish's
 * manifest, in the real output folder), whose own link must not carry the
 * lock elsewhere.
 */
export async function lockFile(file: LockedFile, options: LockOptions = {}): Promise<HeldLock | LockRefusal> {
  const path = `${file.absolute}.lock`;
  const shown = file.shownLock ?? `${file.display}.lock`;
  const owner: LockOwner = { pid: process.pid, host: hostname(), start: processStart(process.pid), id: randomUUID() };
  const record = `${JSON.stringify(owner)}\n`;
  const ours = () => {
    try {
      return readFileSync(path, 'utf8') === record;
    } catch {
      return false;
    }
  };
  // Noted before the lock is made, as ours only while it holds our record: a signal that comes between making it
  // and holding it still finds it to remove, and one that comes while another command holds it leaves that alone.
  const settled = removeIfInterrupted(path, ours);
  const started = Date.now();
  let noticed = false;
  for (let polls = 0; ; ) {
    const created = await createLock(path, record);
    if (created === true) return held(path, ours, settled);
    if (created !== false) {
      settled();
      return {
        ok: false,
        message: `Cannot create the lock ${shown}: ${created}`,
        hint: `Check that the folder of ${file.display} is writable; nothing was written.`,
      };
    }
    const lock = await inspect(path);
    if (lock === null) continue; // Released meanwhile: take it.
    const holder = judge(lock, Date.now());
    if (holder === 'gone') {
      await takeOver(path, lock);
      continue;
    }
    if (options.signal?.aborted) {
      settled();
      return { ok: false, message: `Stopped waiting for ${file.display}: ${whoHolds(shown, lock, holder)}`, hint: 'Nothing was written; try again once the other command has finished.' };
    }
    if (!noticed && Date.now() - started >= NOTICE_AFTER_MS) {
      noticed = true;
      options.onWait?.(`Waiting for ${file.display}: ${whoHolds(shown, lock, holder)}. Press Ctrl-C to stop waiting; nothing has been written.`);
    }
    const pause = Math.min(LAST_POLL_MS, FIRST_POLL_MS * 1.5 ** polls) * (0.5 + Math.random());
    await sleep(pause, undefined, { signal: options.signal }).catch(() => undefined);
    polls += 1;
  }
}

/** Codes of file systems without hard links (FAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Creates the lock complete or not at all: the record is written to a
 * temporary file (marked as ours, see temporary-files.ts), which is then
 * hard-linked to the lock's name; the link fails if the name is taken, even
 * on a network folder. Where there are no hard links, the lock is created
 * exclusively and then written (a waiter that reads it empty judges it by
 * age, which the writing outruns). `true` when created, `false` when taken,
 * or the error's code.
 */
async function createLock(path: string, record: string): Promise<boolean | string> {
  const temporary = join(dirname(path), temporaryName(basename(path)));
  const settled = removeIfInterrupted(temporary);
  try {
    await writeNew(temporary, record);
    await link(temporary, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (NO_HARD_LINKS.has(code)) {
      return writeNew(path, record).then(
        () => true,
        (failed: unknown) => ((failed as NodeJS.ErrnoException).code === 'EEXIST' ? false : ((failed as NodeJS.ErrnoException).code ?? String(failed))),
      );
    }
    return code === 'EEXIST' ? false : code;
  } finally {
    await unlink(temporary).catch(() => undefined);
    settled();
  }
}

async function writeNew(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

function held(path: string, ours: () => boolean, settled: () => void): HeldLock {
  const refresh = setInterval(() => {
    if (ours()) {
      const now = new Date();
      utimes(path, now, now).catch(() => undefined);
    }
  }, REFRESH_MS);
  // The touching never keeps the process alive on its own.
  refresh.unref();
  return {
    ok: true,
    // Read synchronously, right before a write, so nothing can come between the check and the write's start.
    lost: () => (ours() ? undefined : new Error(`another command took over ${basename(path)} (its holder was thought to be gone)`)),
    release: async () => {
      clearInterval(refresh);
      if (ours()) await unlink(path).catch(() => undefined);
      settled();
    },
  };
}

/** A lock found in place: its text (which identifies it), when it was last touched, and its holder if it can be read. */
interface FoundLock {
  identity: string;
  touched: number;
  owner?: LockOwner;
}

async function inspect(path: string): Promise<FoundLock | null> {
  const info = await stat(path).catch(() => null);
  if (!info) return null;
  if (!info.isFile()) return { identity: `folder ${info.ino} ${info.mtimeMs}`, touched: info.mtimeMs };
  // A lock record is a line of JSON; anything else in its place (a named pipe) is never read.
  const read = await readRegularFile(path, MAX_RECORD_BYTES);
  if (!read.ok) return read.reason === 'error' ? null : { identity: `${read.reason} ${info.ino} ${info.mtimeMs}`, touched: info.mtimeMs };
  const text = read.bytes.toString('utf8');
  return { identity: text, touched: info.mtimeMs, owner: parseOwner(text) };
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (!Number.isSafeInteger(value.pid) || (value.pid ?? 0) <= 0 || typeof value.host !== 'string' || typeof value.id !== 'string') return undefined;
    return { pid: value.pid!, host: value.host, id: value.id, ...(typeof value.start === 'string' ? { start: value.start } : {}) };
  } catch {
    return undefined;
  }
}

type Holder = 'alive' | 'gone' | 'remote' | 'unknown';

/** Whether the lock's holder still works: asked of the system on this machine, judged by the lock's age elsewhere. */
function judge(lock: FoundLock, now: number): Holder {
  const owner = lock.owner;
  if (!owner) return now - lock.touched > UNKNOWN_STALE_MS ? 'gone' : 'unknown';
  if (owner.host !== hostname()) return now - lock.touched > REMOTE_STALE_MS ? 'gone' : 'remote';
  if (!processIsRunning(owner.pid)) return 'gone';
  // The pid is in use; by the holder only if that process started when the holder did.
  const start = owner.start === undefined ? undefined : processStart(owner.pid);
  return start !== undefined && start !== owner.start ? 'gone' : 'alive';
}

/**
 * Removes a lock whose holder is gone, but only that lock: another waiter may
 * have taken over first and made its own. The lock is moved aside (one of
 * the racing waiters wins the move), and what was moved is checked: if it is
 * not the lock that was judged, it is put back.
 */
async function takeOver(path: string, judged: FoundLock): Promise<void> {
  // Its holder may have released it since it was judged, and another command locked the file: that lock is alive.
  const current = await inspect(path);
  if (current?.identity !== judged.identity) return;
  const aside = `${path}.${randomUUID()}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return; // Gone already: someone else took it over.
  }
  const moved = await inspect(aside);
  if (moved && moved.identity !== judged.identity) {
    // A live lock: back where it was, unless a new one is there already (its holder then sees the loss and writes nothing).
    await link(aside, path).catch(() => undefined);
  }
  await rm(aside, { recursive: true, force: true });
}

function whoHolds(shown: string, lock: FoundLock, holder: Exclude<Holder, 'gone'>): string {
  const owner = lock.owner;
  if (holder === 'alive' && owner) return `another postmortem command (process ${owner.pid}) is changing it`;
  if (holder === 'remote' && owner) return `another postmortem command on ${owner.host} (process ${owner.pid}) is changing it`;
  return `it is locked (${shown})`;
}
