/** A place in a source file; lines and columns start at 1. */
export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Severity = 'error' | 'warning';

/** Another place involved in a problem (the first of two duplicate ids, say). */
export interface RelatedLocation extends Partial<Position> {
  file: string;
  message: string;
}

/**
 * A problem found in an input file. Problems are data, never exceptions:
 * every stage pushes them into a list and later stages keep going.
 */
export interface Diagnostic extends Position {
  file: string;
  severity: Severity;
  /** Stable identifier of the rule, e.g. `unknown-key`; see `rules.ts`. */
  rule: string;
  message: string;
  /** How to fix it, in one sentence. */
  hint?: string;
  related?: RelatedLocation;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
