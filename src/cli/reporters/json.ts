import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FileOutcome, Summary } from '../../pipeline/run.js';

/** One JSON document: per-file outcomes, every diagnostic, and the summary. */
export function formatJson(result: { files: FileOutcome[]; diagnostics: readonly Diagnostic[]; summary: Summary }): string {
  return `${JSON.stringify({ files: result.files, diagnostics: result.diagnostics, summary: result.summary }, null, 2)}\n`;
}
