import { createColors } from 'picocolors';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Summary } from '../../pipeline/run.js';
import { frameLine } from './code-frame.js';

export interface PrettyOptions {
  colour: boolean;
  /** Returns a file's text for the code frame, if it can be read. */
  readSource?: (file: string) => string | undefined;
}

/**
 * `file:line:column: severity: message [rule]`, the form editors and terminals
 * turn into links, then the offending line with a caret, the hint, and any
 * related place.
 */
export function formatPretty(diagnostics: readonly Diagnostic[], options: PrettyOptions): string {
  const c = createColors(options.colour);
  const sources = new Map<string, string[] | undefined>();
  const linesOf = (file: string) => {
    if (!sources.has(file)) sources.set(file, options.readSource?.(file)?.replace(/^\uFEFF/, '').split(/\r?\n/));
    return sources.get(file);
  };
  let out = '';
  for (const d of diagnostics) {
    const severity = d.severity === 'error' ? c.red(c.bold('error')) : c.yellow(c.bold('warning'));
    out += `${c.bold(`${d.file}:${d.line}:${d.column}`)}: ${severity}: ${d.message} ${c.dim(`[${d.rule}]`)}\n`;
    const line = linesOf(d.file)?.[d.line - 1];
    if (line !== undefined && line.trim() !== '') {
      const gutter = String(d.line);
      const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, line.length - d.column + 1);
      const frame = frameLine(line, d.column, width);
      out += `  ${c.dim(`${gutter} |`)} ${frame.text}\n`;
      out += `  ${' '.repeat(gutter.length)} ${c.dim('|')} ${' '.repeat(frame.caretStart)}${c.red('^'.repeat(frame.caretWidth))}\n`;
    }
    if (d.hint) out += `  ${c.cyan('hint')}: ${d.hint}\n`;
    if (d.related) {
      const where = d.related.line ? `${d.related.file}:${d.related.line}:${d.related.column}` : d.related.file;
      out += `  ${c.dim('note')}: ${where}: ${d.related.message}\n`;
    }
  }
  return out;
}

/** The final line of every run. */
export function formatSummary(summary: Summary, options: { colour: boolean; build?: { out: string } }): string {
  const c = createColors(options.colour);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [
    `${plural(summary.files, 'file')}: ${summary.ok} ok, ${summary.invalid} invalid`,
    `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`,
  ];
  if (options.build) {
    parts.push(`${summary.written} written, ${summary.unchanged} unchanged in ${options.build.out}`);
  }
  const line = parts.join('; ');
  const coloured = summary.errors > 0 || summary.invalid > 0 ? c.red(line) : summary.warnings > 0 ? c.yellow(line) : c.green(line);
  return `${coloured}\n`;
}
