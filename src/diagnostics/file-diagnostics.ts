import type { LineCounter } from 'yaml';
import type { Diagnostic, Position, RelatedLocation, Severity } from './diagnostic.js';
import type { RuleId } from './rules.js';

/** A source offset range, `[start, end)`, as `yaml` nodes carry them. */
export type OffsetRange = readonly [number, number];

export interface Report {
  rule: RuleId;
  message: string;
  hint?: string;
  severity?: Severity;
  related?: RelatedLocation;
}

/** Collects the problems of one file, turning source offsets into lines and columns. */
export class FileDiagnostics {
  readonly list: Diagnostic[] = [];

  constructor(
    readonly file: string,
    private readonly lineCounter?: LineCounter,
  ) {}

  position(range: OffsetRange | undefined): Position {
    if (!range || !this.lineCounter) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const start = this.lineCounter.linePos(range[0]);
    const end = this.lineCounter.linePos(Math.max(range[0], range[1]));
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  }

  add(range: OffsetRange | undefined, report: Report): void {
    const diagnostic: Diagnostic = {
      file: this.file,
      ...this.position(range),
      severity: report.severity ?? 'error',
      rule: report.rule,
      message: report.message,
    };
    if (report.hint) diagnostic.hint = report.hint;
    if (report.related) diagnostic.related = report.related;
    this.list.push(diagnostic);
  }

  get hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }
}

/** A problem of a whole file (unreadable, unwritable…), placed at its start. */
export function fileDiagnostic(file: string, report: Report): Diagnostic {
  const diagnostics = new FileDiagnostics(file);
  diagnostics.add(undefined, report);
  return diagnostics.list[0]!;
}
