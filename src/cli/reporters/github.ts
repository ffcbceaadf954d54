import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { printable } from './pretty.js';

/** GitHub Actions workflow commands: each diagnostic becomes an annotation on its line. */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  let out = '';
  // The annotation lines are printed in the job's log too: paths and messages are made inert there as in a terminal.
  for (const d of diagnostics.map(printable)) {
    const properties = [
      `file=${escapeProperty(d.file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `endLine=${d.endLine}`,
      `endColumn=${d.endColumn}`,
      `title=${escapeProperty(`postmortem ${d.rule}`)}`,
    ].join(',');
    const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
    out += `::${d.severity} ${properties}::${escapeData(message)}\n`;
  }
  return out;
}

// As in @actions/core: data escapes %, CR and LF; properties also ':' and ','.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
