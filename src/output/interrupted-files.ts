import { unlinkSync } from 'node:fs';

/**
 * The files this process makes for a moment (the temporary file of an atomic
 * write, the lock it holds on an incident file or a site's manifest), to be
 * removed if a signal stops it before it removes them itself. Ctrl-C during
 * `fmt` or `publish` left `incidents/<id>.yaml.lock` and
 * `.<name>.postmortem-….tmp` behind: harmless (the next run takes them over
 * or removes them) but shown by `git status` until then. Only the CLI reacts
 * to signals (`removeInterruptedFiles` in src/cli/bin.ts); the library just
 * says which files are its own for now.
 */
const pending = new Map<string, () => boolean>();

/**
 * Notes `path` as this process's for now; `stillOurs` says, when the signal
 * comes, whether it still is (a lock another command took over is not).
 * Returns what to call once the file is gone or kept for good.
 */
export function removeIfInterrupted(path: string, stillOurs: () => boolean = () => true): () => void {
  pending.set(path, stillOurs);
  return () => {
    pending.delete(path);
  };
}

/** Removes every file still noted, at once (a signal handler cannot wait): what remains is whole files only. */
export function removeInterruptedFiles(): void {
  for (const [path, stillOurs] of pending) {
    try {
      if (stillOurs()) unlinkSync(path);
    } catch {
      // Gone already, or not ours to remove: nothing to clean.
    }
  }
  pending.clear();
}
