import { fileDiagnostic } from '../../diagnostics/file-diagnostics.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';

/**
 * Problems that leave a file untouched: past a syntax error the structure is
 * the parser's guess, anchors and aliases would be expanded or lost, a list
 * or a mapping used as a key has no place in the order of keys, and a second
 * document or a top level that is not a mapping is not an incident to put in
 * order. Everything else (unknown keys, wrong types, bad times) is
 * for `validate`; formatting such a file helps to fix it.
 */
export const BLOCKING_RULES: ReadonlySet<string> = new Set(['line-endings', 'yaml-syntax', 'yaml-tab-indent', 'yaml-too-deep', 'yaml-alias', 'yaml-complex-key', 'yaml-multiple-documents', 'not-a-mapping']);

/** The canonical form would be over the size every command reads an incident file up to. */
export function formattedTooLarge(file: string, bytes: number): Diagnostic {
  return fileDiagnostic(file, {
    rule: 'format-failed',
    message: `Cannot format this file: in canonical form it would be ${bytes.toLocaleString('en-US')} bytes, over the 1 MiB limit for an incident file; it was left as it is`,
    hint: 'Shorten the longest texts, or move detail (logs, long timelines) into linked documents, so the formatted file stays under 1 MiB.',
  });
}

/** The formatter could not do its job on this file: a bug, reported instead of damaging the file. */
export function formatFailed(file: string, reason: string): Diagnostic {
  return fileDiagnostic(file, {
    rule: 'format-failed',
    message: `Cannot format this file: ${reason}; it was left as it is`,
    hint: 'This is a bug in postmortem fmt; please report it with the file.',
  });
}
