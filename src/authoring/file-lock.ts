import type { InputFile } from '../pipeline/collect-files.js';

/**
 * How long to wait for another command editing the same incident file (`log`,
 * `resolve`, `fmt`). A lock is held only to read, check and write a few
 * kilobytes (tens of milliseconds; a few hundred on a loaded machine), so
 * twenty processes started at once on two cores wait a few seconds at worst.
 * Randomised backoff from 15 ms up to 0.4–0.8 s over about 90 tries gives up
 * only after about a minute; a lock whose holder died is taken over once it
 * is 10 s old.
 */
const LOCK_RETRIES = { retries: 90, minTimeout: 15, maxTimeout: 400, factor: 1.4 };
const STALE_MS = 10_000;

export type LockRetries = typeof LOCK_RETRIES;

export type HeldLock = {
  ok: true;
  release: () => Promise<void>;
  /** Set when the lock was lost while held (its folder removed or taken over): nothing may be written then. */
  lost: () => Error | undefined;
};

/**
 * Takes the lock on an incident file (a `<file>.lock` folder, see
 * proper-lockfile), which every command that rewrites incident files takes.
 * `{ ok: false }` when another command kept it for the whole wait.
 */
export async function lockIncidentFile(file: InputFile, retries: LockRetries = LOCK_RETRIES): Promise<HeldLock | { ok: false; message: string; hint: string }> {
  // Loaded only when a file is about to change: `validate` and `fmt --check` never need it.
  const lockfile = (await import('proper-lockfile')).default;
  let lost: Error | undefined;
  try {
    const release = await lockfile.lock(file.absolute, {
      stale: STALE_MS,
      retries: { ...retries, randomize: true },
      onCompromised: (error) => {
        lost = error;
      },
    });
    return { ok: true, release: () => release().catch(() => undefined), lost: () => lost };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    return {
      ok: false,
      message: `${file.display} stayed locked by another postmortem command (${file.display}.lock) for too long`,
      hint: `Try again; if no postmortem command is running, remove the folder ${file.display}.lock.`,
    };
  }
}
