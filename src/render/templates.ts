import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { type ParsedTemplate, checkTemplates } from './check-template.js';
import { readTemplate, syntaxDiagnostic } from './read-template.js';
import { TemplateRenderError } from './template-render-error.js';
import { type FamilyLayout, currentName, findTemplateSources } from './template-sources.js';
import { type PostmortemView, POSTMORTEM_VIEW_SHAPE } from './view.js';
import type { ViewShape } from './view-shape.js';

export { TemplateRenderError, templateRenderDiagnostic } from './template-render-error.js';

/** The built-in templates, shipped beside `dist/` and `src/`: a folder per family (`postmortem/`, `report/`). */
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
  /** Where each template came from, by name (`timeline`, or the report's `totals`). */
  sources: Record<string, string>;
  /** Throws TemplateRenderError, positioned in the template, when a template fails on this view. */
  render(view: View): string;
}

/** The folders that override built-in templates: the ones given, else the configured one, else none. */
export function templateFolders(config: { templates: string | null }, given?: readonly string[]): string[] {
  return [...(given ?? (config.templates ? [config.templates] : []))];
}

/**
 * Loaded templates and their warnings (`template-layout`: a file in the old
 * flat layout, still used), or every problem, errors first, when they
 * cannot be used.
 */
export type TemplateResult<View = PostmortemView> = { ok: true; templates: TemplateSet<View>; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * One set of templates: its main template, its folder (in the built-in
 * templates and in a user's templates folder), and the view its templates
 * receive. Each family sees only its own files, so a broken `report.hbs`
 * never stops postmortems from building.
 */
export interface TemplateFamily extends FamilyLayout {
  /** The fields the templates can use, as checked before rendering. */
  shape: ViewShape;
  /** The view's name in messages: `PostmortemView`. */
  viewName: string;
  /** The hint of a template that names a field the view does not have: where the fields are listed, in documentation that ships. */
  fieldsHint: string;
}

/** In the old flat layout, the report's templates were `report.hbs` and `report-*.hbs`, beside the postmortem's. */
export function isFlatReportTemplate(name: string): boolean {
  return name === 'report' || name.startsWith('report-');
}

/** Where template authors find the fields: shipped in the package (templates/README.md), generated from the views' shapes. */
export const FIELDS_DOC = 'templates/README.md';

export const POSTMORTEM_TEMPLATES: TemplateFamily = {
  main: MAIN_TEMPLATE,
  folder: 'postmortem',
  ownsFlat: (name) => !isFlatReportTemplate(name),
  oldPrefix: '',
  shape: POSTMORTEM_VIEW_SHAPE,
  viewName: 'PostmortemView',
  fieldsHint: `The fields a postmortem template can use are listed in ${FIELDS_DOC}, in the package's templates folder (PostmortemView).`,
};

/**
 * Loads the built-in postmortem templates, then lets each folder in
 * `overrides` replace any of them by file name (`postmortem/timeline.hbs`
 * replaces the timeline section) or add new partials.
 */
export async function loadTemplates(overrides: readonly string[] = []): Promise<TemplateResult> {
  return loadTemplateFamily<PostmortemView>(POSTMORTEM_TEMPLATES, overrides);
}

/**
 * Loads one family of templates: the built-in ones, each overridable by name
 * from the folders in `overrides` (see template-sources.ts). Every problem of
 * every template is reported, positioned in its file: unreadable, not UTF-8,
 * not Handlebars, or using a field, helper or partial that does not exist.
 */
export async function loadTemplateFamily<View>(family: TemplateFamily, overrides: readonly string[] = []): Promise<TemplateResult<View>> {
  const found = await findTemplateSources(family, BUILTIN_TEMPLATES, overrides);
  if (!found.ok) return found;
  const { sources, warnings } = found;
  // Errors first, then the layout's warnings, then the check's.
  const failed = (problems: Diagnostic[]): TemplateResult<View> => {
    const errors = problems.filter((problem) => problem.severity === 'error');
    return { ok: false, diagnostics: [...errors, ...warnings, ...problems.filter((problem) => problem.severity !== 'error')] };
  };

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
  if (diagnostics.length) return failed(diagnostics);
  const main = parsed.get(family.main);
  if (!main) {
    const problem = fileDiagnostic(join(BUILTIN_TEMPLATES, family.folder), {
      rule: 'template-error',
      message: `Missing main template \`${family.folder}/${family.main}.hbs\``,
      hint: 'Reinstall the package.',
    });
    return failed([problem]);
  }
  const problems = checkTemplates({
    main: family.main,
    folder: family.folder,
    templates: parsed,
    currentName: (name) => currentName(family, name),
    shape: family.shape,
    viewName: family.viewName,
    fieldsHint: family.fieldsHint,
  });
  if (problems.some((problem) => problem.severity === 'error')) return failed(problems);
  warnings.push(...problems);

  for (const [name, template] of parsed) {
    if (name === family.main) continue;
    const partial = located(template, env.compile(template.text, COMPILE_OPTIONS));
    env.registerPartial(name, partial);
    // Its old name (`report-totals`), which the check accepted with a warning.
    const old = `${family.oldPrefix}${name}`;
    if (family.oldPrefix && !parsed.has(old) && currentName(family, old) === name) env.registerPartial(old, partial);
  }
  const compiled = located(main, env.compile(main.text, COMPILE_OPTIONS));
  const render = (view: View) => {
    try {
      return compiled(view);
    } catch (error) {
      throw error instanceof TemplateRenderError ? error : TemplateRenderError.at(main, error);
    }
  };
  return { ok: true, templates: { sources, render }, diagnostics: warnings };
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

