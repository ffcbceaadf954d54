import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { excerpt } from '../diagnostics/quote.js';

/** An unexpected exception while processing `file`, as a diagnostic at the file; the stack is printed with POSTMORTEM_DEBUG=1. */
export function internalError(file: string, error: unknown, debug = false): Diagnostic {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return fileDiagnostic(file, {
    rule: 'internal-error',
    message: `Internal error while processing this file: ${excerpt(text, 200)}${stack}`,
    hint: 'This is a bug in postmortem, not in your file: please report it, with the output of the same command run with POSTMORTEM_DEBUG=1 (which prints the stack trace).',
  });
}

/** Whether a run met a bug (an `internal-error`): it exits 2 rather than 1. */
export function hasInternalError(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.rule === 'internal-error');
}
