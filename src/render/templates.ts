import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import type { PostmortemView } from './view.js';
import { PACKAGE_ROOT } from '../package-root.js';

/** The built-in templates, shipped beside `dist/` and `src/`. */
export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates');
export const MAIN_TEMPLATE = 'postmortem';

/**
 * Strict mode turns a misspelt field into an error instead of empty text; no
 * HTML escaping, because every view string is already escaped for Markdown.
 */
const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

export interface TemplateSet<View = PostmortemView> {
  /** Where each template came from, by name. */
  sources: Record<string, string>;
  render(view: View): string;
}

/**
 * A template that failed on a real view: in strict mode, a field that does
 * not exist (`"titel" not defined`). A problem of the templates, not a bug.
 */
export class TemplateRenderError extends Error {
  override name = 'TemplateRenderError';
}

/** The diagnostic for an incident whose postmortem a template failed to render. */
export function templateRenderDiagnostic(file: string, error: TemplateRenderError): Diagnostic {
  return fileDiagnostic(file, {
    rule: 'template-error',
    message: `Cannot render the postmortem: ${error.message.split('\n')[0]}`,
    hint: POSTMORTEM_TEMPLATES.fieldsHint,
  });
}

/** The folders that override built-in templates: the ones given, else the configured one, else none. */
export function templateFolders(config: { templates: string | null }, given?: readonly string[]): string[] {
  return [...(given ?? (config.templates ? [config.templates] : []))];
}

export type TemplateResult<View = PostmortemView> = { ok: true; templates: TemplateSet<View> } | { ok: false; diagnostics: Diagnostic[] };

/**
 * One set of templates that share a folder: its main template, which `.hbs`
 * files (by name, without the extension) belong to it, and where its fields
 * are described. Postmortems and reports live side by side in the built-in
 * folder and in a user's templates folder; each set sees only its own files,
 * so a broken `report.hbs` never stops postmortems from building.
 */
export interface TemplateFamily {
  main: string;
  includes: (name: string) => boolean;
  /** The hint of an error found while rendering: where the fields a template can use are listed. */
  fieldsHint: string;
  /** The hint of a syntax error. */
  syntaxHint: string;
}

/** `report.hbs` and its partials, `report-*.hbs`. */
export function isReportTemplate(name: string): boolean {
  return name === 'report' || name.startsWith('report-');
}

export const POSTMORTEM_TEMPLATES: TemplateFamily = {
  main: MAIN_TEMPLATE,
  includes: (name) => !isReportTemplate(name),
  fieldsHint: 'A custom template uses a field the view does not have; the fields are listed in src/render/view.ts (PostmortemView).',
  syntaxHint: 'Fix the template; the fields a template can use are listed in the README (PostmortemView).',
};

/**
 * Loads the built-in postmortem templates, then lets each folder in
 * `overrides` replace any of them by file name (`timeline.hbs` replaces the
 * timeline section) or add new partials.
 */
export async function loadTemplates(overrides: readonly string[] = []): Promise<TemplateResult> {
  return loadTemplateFamily<PostmortemView>(POSTMORTEM_TEMPLATES, overrides);
}

/** Loads one family of templates: the built-in ones, each overridable by name from the folders in `overrides`. */
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
  const diagnostics: Diagnostic[] = [];
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const [name, file] of Object.entries(sources)) {
    const text = await readFile(file, 'utf8');
    try {
      env.parse(text); // compile() is lazy: parse now so syntax errors are reported up front with their file
    } catch (error) {
      diagnostics.push(templateDiagnostic(file, error as Error, family.syntaxHint));
      continue;
    }
    compiled.set(name, env.compile(text, COMPILE_OPTIONS));
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  for (const [name, template] of compiled) if (name !== family.main) env.registerPartial(name, template);
  const main = compiled.get(family.main);
  if (!main) {
    const problem = fileDiagnostic(BUILTIN_TEMPLATES, {
      rule: 'template-error',
      message: `Missing main template \`${family.main}.hbs\``,
      hint: 'Reinstall the package.',
    });
    return { ok: false, diagnostics: [problem] };
  }
  const render = (view: View) => {
    try {
      return main(view);
    } catch (error) {
      throw new TemplateRenderError((error as Error).message);
    }
  };
  return { ok: true, templates: { sources, render } };
}

/** A Handlebars error as a diagnostic on the template file, with the line it names. */
export function templateDiagnostic(file: string, error: Error, hint = POSTMORTEM_TEMPLATES.syntaxHint): Diagnostic {
  const match = /line (\d+)/i.exec(error.message) ?? /- (\d+):(\d+)$/.exec(error.message);
  const line = match ? Number(match[1]) : 1;
  const column = match?.[2] ? Number(match[2]) + 1 : 1;
  return {
    file,
    line,
    column,
    endLine: line,
    endColumn: column,
    severity: 'error',
    rule: 'template-error',
    message: error.message.split('\n')[0]!,
    hint,
  };
}
