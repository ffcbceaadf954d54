import { resolve } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { displayPath } from '../../pipeline/paths.js';

/**
 * Diagnostics with their files named relative to the working directory, as
 * incident files are: template problems arrive with the absolute paths the
 * templates were loaded from (the library has no working directory).
 */
export function shownDiagnostics(diagnostics: readonly Diagnostic[], cwd: string): Diagnostic[] {
  return diagnostics.map((d) => {
    const shown: Diagnostic = { ...d, file: displayPath(resolve(cwd, d.file), cwd) };
    if (d.related) shown.related = { ...d.related, file: displayPath(resolve(cwd, d.related.file), cwd) };
    return shown;
  });
}
