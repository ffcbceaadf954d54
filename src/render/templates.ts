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

export interface TemplateSet {
  /** Where each template came from, by name. */
  sources: Record<string, string>;
  render(view: PostmortemView): string;
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
    hint: 'A custom template uses a field the view does not have; the fields are listed in src/render/view.ts (PostmortemView).',
  });
}

/** The folders that override built-in templates: the ones given, else the configured one, else none. */
export function templateFolders(config: { templates: string | null }, given?: readonly string[]): string[] {
  return [...(given ?? (config.templates ? [config.templates] : []))];
}

export type TemplateResult = { ok: true; templates: TemplateSet } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Loads the built-in templates, then lets each folder in `overrides` replace
 * any of them by file name (`timeline.hbs` replaces the timeline section) or
 * add new partials.
 */
export async function loadTemplates(overrides: readonly string[] = []): Promise<TemplateResult> {
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
    for (const name of names) sources[basename(name, '.hbs')] = join(folder, name);
  }

  const env = Handlebars.create();
  const diagnostics: Diagnostic[] = [];
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const [name, file] of Object.entries(sources)) {
    const text = await readFile(file, 'utf8');
    try {
      env.parse(text); // compile() is lazy: parse now so syntax errors are reported up front with their file
    } catch (error) {
      diagnostics.push(templateDiagnostic(file, error as Error));
      continue;
    }
    compiled.set(name, env.compile(text, COMPILE_OPTIONS));
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  for (const [name, template] of compiled) if (name !== MAIN_TEMPLATE) env.registerPartial(name, template);
  const main = compiled.get(MAIN_TEMPLATE);
  if (!main) {
    const problem = fileDiagnostic(BUILTIN_TEMPLATES, {
      rule: 'template-error',
      message: 'Missing main template `postmortem.hbs`',
      hint: 'Reinstall the package.',
    });
    return { ok: false, diagnostics: [problem] };
  }
  const render = (view: PostmortemView) => {
    try {
      return main(view);
    } catch (error) {
      throw new TemplateRenderError((error as Error).message);
    }
  };
  return { ok: true, templates: { sources, render } };
}

/** A Handlebars error as a diagnostic on the template file, with the line it names. */
export function templateDiagnostic(file: string, error: Error): Diagnostic {
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
    hint: 'Fix the template; the fields a template can use are listed in the README (PostmortemView).',
  };
}
