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
