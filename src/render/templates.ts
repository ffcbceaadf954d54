import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { readSourceFile } from '../source/source-file.js';
import { type ParsedTemplate, checkTemplates } from './check-template.js';
import { TemplateRenderError } from './template-render-error.js';
import { type PostmortemView, POSTMORTEM_VIEW_SHAPE } from './view.js';
import type { ViewShape } from './view-shape.js';

export { TemplateRenderError, templateRenderDiagnostic } from './template-render-error.js';

/** The built-in templates, shipped beside `dist/` and `src/`. */
export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates');
export const MAIN_TEMPLATE = 'postmortem';

/**
 * Strict mode turns a misspelt field into an error instead of empty text; no
 * HTML escaping, because every view string is already escaped for Markdown.
 * check-template.ts goes further, before rendering: strict mode lets a
 * misspelt helper argument (`{{#if rootCauseBlok}}`) through.
 */
const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

export interface TemplateSet<View = PostmortemView> {
  /** Where each template came from, by name. */
  sources: Record<string, string>;
  /** Throws TemplateRenderError, positioned in the template, when a template fails on this view. */
  render(view: View): string;
}

/** The folders that override built-in templates: the ones given, else the configured one, else none. */
export function templateFolders(config: { templates: string | null }, given?: readonly string[]): string[] {
  return [...(given ?? (config.templates ? [config.templates] : []))];
}

export type TemplateResult<View = PostmortemView> = { ok: true; templates: TemplateSet<View> } | { ok: false; diagnostics: Diagnostic[] };

/**
 * One set of templates that share a folder: its main template, which `.hbs`
 * files (by name, without the extension) belong to it, and the view they
 * receive. Postmortems and reports live side by side in the built-in
 * folder and in a user's templates folder; each set sees only its own files,
 * so a broken `report.hbs` never stops postmortems from building.
 */
export interface TemplateFamily {
  main: string;
  includes: (name: string) => boolean;
  /** The fields the templates can use, as checked before rendering. */
  shape: ViewShape;
  /** The view's name in messages: `PostmortemView`. */
  viewName: string;
  /** The hint of a template that names a field the view does not have: where the fields are listed, in documentation that ships. */
  fieldsHint: string;
}

/** `report.hbs` and its partials, `report-*.hbs`. */
export function isReportTemplate(name: string): boolean {
  return name === 'report' || name.startsWith('report-');
}

/** Where template authors find the fields: shipped in the package (templates/README.md), generated from the views' shapes. */
export const FIELDS_DOC = 'templates/README.md';

export const POSTMORTEM_TEMPLATES: TemplateFamily = {
  main: MAIN_TEMPLATE,
  includes: (name) => !isReportTemplate(name),
  shape: POSTMORTEM_VIEW_SHAPE,
  viewName: 'PostmortemView',
  fieldsHint: `The fields a postmortem template can use are listed in ${FIELDS_DOC}, in the package's templates folder (PostmortemView).`,
};

/**
 * Loads the built-in postmortem templates, then lets each folder in
 * `overrides` replace any of them by file name (`timeline.hbs` replaces the
 * timeline section) or add new partials.
 */
export async function loadTemplates(overrides: readonly string[] = []): Promise<TemplateResult> {
  return loadTemplateFamily<PostmortemView>(POSTMORTEM_TEMPLATES, overrides);
}

/**
 * Loads one family of templates: the built-in ones, each overridable by name
 * from the folders in `overrides`. Every problem of every template is
 * reported, positioned in its file: unreadable, not UTF-8, not Handlebars,
 * or using a field, helper or partial that does not exist.
 */
export async function loadTemplateFamily<View>(family: TemplateFamily, overrides: readonly string[] = []): Promise<TemplateResult<View>> {
  const sources: Record<string, string> = {};
  for (const folder of [BUILTIN_TEMPLATES, ...overrides]) {
    let names: string[];
    try {
      names = (await readdir(folder)).filter((name) => name.endsWith('.hbs')).sort();
    } catch (error) {
      const problem = fileDiagnostic(folder, {
        rule: 'template-error',
        message: `Cannot read templates folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        hint: 'Check `templates` in postmortem.config.yaml or the --templates option.',
      });
      return { ok: false, diagnostics: [problem] };
    }
    for (const name of names) {
      const key = basename(name, '.hbs');
      if (family.includes(key)) sources[key] = join(folder, name);
    }
  }

  const env = Handlebars.create();
  // `{{log}}` would write to the terminal, into `render`'s Markdown on standard output.
  env.unregisterHelper('log');
  const diagnostics: Diagnostic[] = [];
  const parsed = new Map<string, ParsedTemplate & { text: string }>();
  for (const [name, file] of Object.entries(sources)) {
    const read = await readTemplate(file);
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    try {
      // compile() is lazy: parse now so syntax errors are reported up front, with their file.
      parsed.set(name, { name, file, text: read.text, program: env.parse(read.text) });
    } catch (error) {
      diagnostics.push(syntaxDiagnostic(file, read.text, error, env));
    }
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  if (!parsed.has(family.main)) {
    const problem = fileDiagnostic(BUILTIN_TEMPLATES, {
      rule: 'template-error',
      message: `Missing main template \`${family.main}.hbs\``,
      hint: 'Reinstall the package.',
    });
    return { ok: false, diagnostics: [problem] };
  }
  const problems = checkTemplates({ main: family.main, templates: parsed, shape: family.shape, viewName: family.viewName, fieldsHint: family.fieldsHint });
  if (problems.length) return { ok: false, diagnostics: problems };

  for (const [name, template] of parsed) {
    if (name !== family.main) env.registerPartial(name, located(template, env.compile(template.text, COMPILE_OPTIONS)));
  }
  const main = located(parsed.get(family.main)!, env.compile(parsed.get(family.main)!.text, COMPILE_OPTIONS));
  const render = (view: View) => {
    try {
      return main(view);
    } catch (error) {
      throw error instanceof TemplateRenderError ? error : TemplateRenderError.at(parsed.get(family.main)!, error);
    }
  };
  return { ok: true, templates: { sources, render } };
}

/**
 * A compiled template whose errors name its file and the line and column in
 * it; an error from a partial it includes gains this template's name in
 * its chain on the way out.
 */
function located(template: ParsedTemplate, compiled: HandlebarsTemplateDelegate): HandlebarsTemplateDelegate {
  return (context: unknown, options?: Handlebars.RuntimeOptions) => {
    try {
      return compiled(context, options);
    } catch (error) {
      if (error instanceof TemplateRenderError) throw error.through(template);
      throw TemplateRenderError.at(template, error);
    }
  };
}

type ReadTemplate = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * A template's text, through the same reader as incident files (size limit,
 * UTF-8 with the first bad byte positioned); a folder named `x.hbs` is
 * reported as such. Every problem is a `template-error`.
 */
async function readTemplate(file: string): Promise<ReadTemplate> {
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
  const read = await readSourceFile(file, file);
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
function syntaxDiagnostic(file: string, text: string, error: unknown, env: typeof Handlebars): Diagnostic {
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
