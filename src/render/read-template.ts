import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type Handlebars from 'handlebars';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { TEMPLATE_SIZE, readSourceFile } from '../source/source-file.js';

/**
 * Reading a template file and reporting its syntax errors, each problem a
 * `template-error` positioned in the file.
 */

export type ReadTemplate = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * A template's text, through the same reader as incident files (size limit,
 * UTF-8 with the first bad byte positioned); a folder named `x.hbs` is
 * reported as such. Every problem is a `template-error`.
 */
export async function readTemplate(file: string): Promise<ReadTemplate> {
  try {
    if ((await stat(file)).isDirectory()) {
      const diagnostic = fileDiagnostic(file, {
        rule: 'template-error',
        message: `Unexpected folder \`${basename(file)}\`, expected a template file`,
        hint: 'Every `.hbs` entry of a templates folder is read as a template: rename or move the folder.',
      });
      return { ok: false, diagnostic };
    }
  } catch {
    // readSourceFile reports it
  }
  const read = await readSourceFile(file, file, TEMPLATE_SIZE);
  if (read.ok) return { ok: true, text: read.source.text };
  const problem = read.diagnostics.list[0]!;
  return { ok: false, diagnostic: { ...problem, rule: 'template-error', message: `Cannot read template: ${problem.message}` } };
}

/** The lexer Handlebars parses with, which still holds the position of the token a parse error stopped at. */
interface HandlebarsParser {
  lexer?: { yylloc?: { first_line: number; first_column: number; last_line: number; last_column: number } };
}

/** What the parser expected, in a template author's words, most telling first. */
const EXPECTED_TOKENS: [string, string][] = [
  ['CLOSE', '`}}`'],
  ['CLOSE_SEXPR', '`)`'],
  ['OPEN_ENDBLOCK', 'a closing `{{/…}}`'],
  ['ID', 'a name'],
  ['EOF', 'the end of the file'],
];

/**
 * A Handlebars syntax error as a diagnostic on the template file. A parse
 * error's message names only its line (and Jison's token names); the lexer
 * still holds the offending token, so the column is exact and the message
 * can quote it. Other syntax errors (`if doesn't match each`) carry their
 * position.
 */
export function syntaxDiagnostic(file: string, text: string, error: unknown, env: typeof Handlebars): Diagnostic {
  const raw = error instanceof Error ? error.message : String(error);
  const handlebars = error as { lineNumber?: unknown; column?: unknown; endLineNumber?: unknown; endColumn?: unknown };
  let position = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  let message = raw.split('\n')[0]!.replace(/ - \d+:\d+$/, '');
  if (typeof handlebars.lineNumber === 'number' && typeof handlebars.column === 'number') {
    position = {
      line: handlebars.lineNumber,
      column: handlebars.column + 1,
      endLine: typeof handlebars.endLineNumber === 'number' ? handlebars.endLineNumber : handlebars.lineNumber,
      endColumn: (typeof handlebars.endColumn === 'number' ? handlebars.endColumn : handlebars.column) + 1,
    };
    const mismatch = /^(\S+) doesn't match (\S+)$/.exec(message);
    if (mismatch) message = `Unexpected \`{{/${mismatch[2]}}}\` closing \`{{#${mismatch[1]}}}\`, expected \`{{/${mismatch[1]}}}\``;
  } else if (raw.startsWith('Parse error')) {
    const token = (env as unknown as { Parser?: HandlebarsParser }).Parser?.lexer?.yylloc;
    if (token) position = { line: token.first_line, column: token.first_column + 1, endLine: token.last_line, endColumn: token.last_column + 1 };
    const got = /got '([^']+)'/.exec(raw)?.[1];
    const expecting = /Expecting (.*), got/.exec(raw)?.[1] ?? '';
    const found = got === 'EOF' ? 'end of the file' : `\`${quoted(text, position) || got}\``;
    const expected = EXPECTED_TOKENS.find(([name]) => expecting.includes(`'${name}'`))?.[1];
    message = `Unexpected ${found}${expected ? `, expected ${expected}` : ''}`;
  }
  return {
    file,
    ...position,
    severity: 'error',
    rule: 'template-error',
    message,
    hint: 'Fix the Handlebars syntax: every `{{` needs its `}}`, and every `{{#block}}` its `{{/block}}`.',
  };
}

/** The source text a one-line position covers. */
function quoted(text: string, position: { line: number; column: number; endLine: number; endColumn: number }): string {
  if (position.endLine !== position.line) return '';
  return (text.split(/\r?\n/)[position.line - 1] ?? '').slice(position.column - 1, position.endColumn - 1);
}
