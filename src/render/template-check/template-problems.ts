import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Place } from './walk-context.js';

/** The problems the template check finds, in the order found, each once. */
export class TemplateProblems {
  private readonly diagnostics = new Map<string, Diagnostic>();

  /** Reports a problem at `node`, naming the chain of partials that led there unless the message already does. */
  report(node: hbs.AST.Node, place: Place, message: string, hint: string, namesChain = false): void {
    const start = node.loc?.start ?? { line: 1, column: 0 };
    const end = node.loc?.end ?? start;
    const via = place.chain.length > 1 && !namesChain ? ` (${place.chain.map((link) => link.label).join(' → ')})` : '';
    const diagnostic: Diagnostic = {
      file: place.file,
      line: start.line,
      column: start.column + 1,
      endLine: end.line,
      endColumn: end.column + 1,
      severity: 'error',
      rule: 'template-error',
      message: message + via,
      hint,
    };
    // A partial included from several places is reported once per problem.
    const key = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}:${message}`;
    if (!this.diagnostics.has(key)) this.diagnostics.set(key, diagnostic);
  }

  /** Reports a warning at `node`: the template still works as written. */
  warn(node: hbs.AST.Node, place: Place, rule: string, message: string, hint: string): void {
    const start = node.loc?.start ?? { line: 1, column: 0 };
    const end = node.loc?.end ?? start;
    const key = `${place.file}:${start.line}:${start.column + 1}:${message}`;
    if (this.diagnostics.has(key)) return;
    const position = { line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
    this.diagnostics.set(key, { file: place.file, ...position, severity: 'warning', rule, message, hint });
  }

  list(): Diagnostic[] {
    return [...this.diagnostics.values()];
  }
}
