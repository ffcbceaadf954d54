import type { RuleId } from '../diagnostics/rules.js';

/**
 * Why a file was not written, as data: the caller reports it at the place
 * that explains it best (the output path, or the incident file behind a
 * page) and goes on with the other files.
 */
export interface WriteProblem {
  rule: Extract<RuleId, 'output-symlink' | 'output-unwritable'>;
  message: string;
  hint: string;
}

/** `ENOSPC`, `EACCES`…: the part of an error a person can act on. */
export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String((error as Error).message ?? error);
}

/** What to do about a write that failed with `code`, as the person at the terminal can act on it. */
export function unwritableHint(code: string): string {
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'A file stands where a folder of this path goes: move it, or write to another folder; nothing was written for this file.';
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied: check who may write to the output folder; nothing was written for this file.';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'The disk (or your quota) is full: free some space; nothing was written for this file.';
    case 'EROFS':
      return 'The output folder is on a read-only file system: write to another folder; nothing was written for this file.';
    default:
      return 'Check that the output folder is writable and the disk is not full; nothing was written for this file.';
  }
}
