import { lstat, realpath } from 'node:fs/promises';
import { readRegularFile } from '../source/read-regular-file.js';
import { createExclusively, replaceAtomically } from './atomic-write.js';
import { checkTarget, linkAtTarget } from './check-target.js';
import { type OutputText, wholeText } from './output-text.js';
import { removeStaleTemporaryFiles } from './temporary-files.js';
import { type WriteProblem, errorCode, unwritableHint } from './write-problem.js';

export interface WriteOptions {
  /** Leave a file that already holds these bytes alone (its modification time stays): `unchanged`. */
  skipUnchanged?: boolean;
  /** Flush to disk before the rename: for files people wrote (incident files), not generated ones. */
  fsync?: boolean;
  /** Named in messages: `Cannot write <subject> to <path>`. */
  subject?: string;
}

export type WriteOutcome = { ok: true; status: 'written' | 'unchanged' } | { ok: false; problem: WriteProblem };
export type CreateOutcome = { ok: true; status: 'created' | 'exists' } | { ok: false; problem: WriteProblem };

/**
 * The one way the tool writes files: every command that writes (build,
 * publish, fmt, log, resolve, new, init, `--out`) is given the folder the
 * user asked it to write into, and writes each file through this, by its
 * path relative to that folder. Each write is checked first (`checkTarget`:
 * nothing lands outside the folder through a link, no link is replaced),
 * then made atomically (`replaceAtomically`). The first write into each
 * folder removes the temporary files that interrupted runs left there
 * (`removeStaleTemporaryFiles`). A refused or failed write comes back as a
 * `WriteProblem`, so the caller reports it and goes on with other files.
 */
export class OutputFolder {
  private readonly swept = new Set<string>();

  /**
   * @param root the folder the user named, absolute; created when missing.
   * @param show how messages show an absolute path (relative to the working directory, say).
   */
  constructor(
    readonly root: string,
    private readonly show: (absolute: string) => string = (absolute) => absolute,
  ) {}

  /**
   * Writes `path` (relative to the root, `/`-separated), replacing a regular
   * file there. Text in pieces is written as it is made; an error that is not
   * the file system's (a bug while making the text) is thrown, after the
   * temporary file is removed.
   */
  async write(path: string, text: OutputText, options: WriteOptions = {}): Promise<WriteOutcome> {
    // Leaving an unchanged file alone means comparing it whole.
    const whole = options.skipUnchanged ? wholeText(text) : null;
    const checked = await checkTarget(this.root, path, { show: this.show, subject: options.subject });
    if (!checked.ok) return checked;
    if (checked.existing === 'link') return { ok: false, problem: await linkAtTarget(checked.absolute, this.show) };
    await this.sweep(checked.realFolder);
    try {
      let mode: number | undefined;
      if (checked.existing === 'file') {
        if (whole !== null && (await sameText(checked.absolute, whole))) return { ok: true, status: 'unchanged' };
        // A replaced file keeps its permissions (an executable hook, a file kept private).
        mode = (await lstat(checked.absolute)).mode & 0o7777;
      }
      // Checked again just before writing: a folder swapped for a link since the check is not followed.
      if ((await realpath(checked.folder)) !== checked.realFolder) return this.refuseMoved(checked.absolute);
      await replaceAtomically(checked.realFolder, checked.name, whole ?? text, { fsync: options.fsync ?? false, ...(mode === undefined ? {} : { mode }) });
      return { ok: true, status: 'written' };
    } catch (error) {
      if (!isSystemError(error)) throw error;
      return { ok: false, problem: this.unwritable(checked.absolute, error, options.subject) };
    }
  }

  /** Creates `path` only if nothing has that name (`exists` otherwise); never replaces anything. */
  async create(path: string, text: string): Promise<CreateOutcome> {
    const checked = await checkTarget(this.root, path, { show: this.show });
    if (!checked.ok) return checked;
    // A link where the file would go is a name taken, like a file: left alone, never followed.
    if (checked.existing !== 'none') return { ok: true, status: 'exists' };
    await this.sweep(checked.realFolder);
    try {
      if ((await realpath(checked.folder)) !== checked.realFolder) return this.refuseMoved(checked.absolute);
      return { ok: true, status: (await createExclusively(checked.realFolder, checked.name, text)) ? 'created' : 'exists' };
    } catch (error) {
      return { ok: false, problem: this.unwritable(checked.absolute, error) };
    }
  }

  /** Once per folder and run: an interrupted run's temporary files go before this run adds its own. */
  private async sweep(realFolder: string): Promise<void> {
    if (this.swept.has(realFolder)) return;
    this.swept.add(realFolder);
    await removeStaleTemporaryFiles(realFolder);
  }

  private refuseMoved(target: string): WriteOutcome & { ok: false } {
    return {
      ok: false,
      problem: {
        rule: 'output-symlink',
        message: `Will not write ${this.show(target)}: its folder was replaced while the file was being written`,
        hint: 'Something else is changing the output folder; run the command again when it is done.',
      },
    };
  }

  private unwritable(target: string, error: unknown, subject?: string): WriteProblem {
    const code = errorCode(error);
    return { rule: 'output-unwritable', message: `Cannot write ${subject ? `${subject} to ` : ''}${this.show(target)}: ${code}`, hint: unwritableHint(code) };
  }
}

/** Whether the regular file at `path` holds `text` (a pipe swapped in since the check is not read). */
async function sameText(path: string, text: string): Promise<boolean> {
  const read = await readRegularFile(path, Buffer.byteLength(text));
  return read.ok && read.bytes.toString('utf8') === text;
}

/** An error from the file system (`ENOSPC`, `EACCES`…), as opposed to one of ours. */
function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
