import { basename } from 'node:path';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';

/** What TemplateRenderError needs of a template: its file, whose name the chain shows. */
interface TemplateFile {
  file: string;
}

/**
 * A template that failed on one real view, after check-template.ts passed it:
 * in strict mode, data the view does not promise, such as an `x-` key this
 * incident does not have (`{{custom.[x-jira]}}`), or a field of a part that
 * is `null` here. Positioned in the template that failed, with the chain of
 * templates that included it. A problem of the templates, not a bug.
 */
export class TemplateRenderError extends Error {
  override name = 'TemplateRenderError';

  private constructor(
    readonly detail: string,
    readonly file: string,
    readonly position: Position,
    /** `postmortem.hbs`, `impact.hbs`: the templates from the main one to the failing one. */
    readonly chain: string[],
  ) {
    super(chain.length > 1 ? `${detail} (${chain.join(' → ')})` : detail);
  }

  /** The error Handlebars threw while rendering `template`, positioned where Handlebars says. */
  static at(template: TemplateFile, error: unknown): TemplateRenderError {
    const raw = error instanceof Error ? error.message : String(error);
    const where = error as { lineNumber?: unknown; column?: unknown; endLineNumber?: unknown; endColumn?: unknown };
    const line = typeof where.lineNumber === 'number' ? where.lineNumber : 1;
    const column = typeof where.column === 'number' ? where.column + 1 : 1;
    const position: Position = {
      line,
      column,
      endLine: typeof where.endLineNumber === 'number' ? where.endLineNumber : line,
      endColumn: typeof where.endColumn === 'number' ? where.endColumn + 1 : column,
    };
    return new TemplateRenderError(describe(raw), template.file, position, [basename(template.file)]);
  }

  /** The same error, seen from the template that included the failing one. */
  through(template: TemplateFile): TemplateRenderError {
    return new TemplateRenderError(this.detail, this.file, this.position, [basename(template.file), ...this.chain]);
  }
}

/** Handlebars' `"x-jira" not defined in [object Object] - 3:2`, in our words. */
function describe(message: string): string {
  const text = message.split('\n')[0]!.replace(/ - \d+:\d+$/, '');
  const missing = /^"(.*)" not defined in (.*)$/.exec(text);
  if (!missing) return text;
  const [, field, parent] = missing;
  if (parent === 'null' || parent === 'undefined') return `Unexpected \`${field}\` of a part that is null for this incident`;
  return `Unexpected missing \`${field}\`: this incident does not have it`;
}

/**
 * The diagnostic for an incident whose postmortem a template failed to
 * render: on the template, at the failing place, with the incident as the
 * related place.
 */
export function templateRenderDiagnostic(incidentFile: string, error: TemplateRenderError): Diagnostic {
  return {
    file: error.file,
    ...error.position,
    severity: 'error',
    rule: 'template-error',
    message: `Cannot render ${incidentFile}: ${error.message}`,
    hint: 'Test optional data before using it: `{{#if custom.[x-key]}}…{{/if}}`, `{{#with part}}…{{/with}}`.',
    related: { file: incidentFile, message: 'the incident being rendered' },
  };
}
