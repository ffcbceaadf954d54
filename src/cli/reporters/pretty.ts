import { createColors } from 'picocolors';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { visibleControls } from '../../diagnostics/quote.js';
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
  for (const raw of diagnostics) {
    const d = printable(raw);
    const severity = d.severity === 'error' ? c.red(c.bold('error')) : c.yellow(c.bold('warning'));
    out += `${c.bold(`${d.file}:${d.line}:${d.column}`)}: ${severity}: ${d.message} ${c.dim(`[${d.rule}]`)}\n`;
    const line = linesOf(raw.file)?.[d.line - 1];
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

/**
 * The diagnostic with every text a terminal shows made inert: a file named
 * `\e[2J.yaml` must not clear the screen (quoted values are escaped already;
 * paths and the messages naming them are escaped here, for every message).
 */
export function printable(d: Diagnostic): Diagnostic {
  const shown: Diagnostic = { ...d, file: visibleControls(d.file), message: visibleControls(d.message) };
  if (d.hint !== undefined) shown.hint = visibleControls(d.hint);
  if (d.related) shown.related = { ...d.related, file: visibleControls(d.related.file), message: visibleControls(d.related.message) };
  return shown;
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
    parts.push(`${summary.written} written, ${summary.unchanged} unchanged in ${visibleControls(options.build.out)}`);
  }
  const line = parts.join('; ');
  const coloured = summary.errors > 0 || summary.invalid > 0 ? c.red(line) : summary.warnings > 0 ? c.yellow(line) : c.green(line);
  return `${coloured}\n`;
}
