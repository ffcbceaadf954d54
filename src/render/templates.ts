import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import type Handlebars from 'handlebars';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { type ParsedTemplate, checkTemplates } from './check-template.js';
import { COMPILE_OPTIONS } from './compile-options.js';
import { DeferredEach } from './deferred-each.js';
import type { OutputChunk, TokenStore } from './output-chunk.js';
import { readTemplate, syntaxDiagnostic } from './read-template.js';
import { TemplateRenderError } from './template-render-error.js';
import { BUILTIN_TEMPLATES, POSTMORTEM_TEMPLATES, type TemplateFamily, type TemplateResult } from './template-family.js';
import { currentName, findTemplateSources } from './template-sources.js';
import { COMPILED_TEMPLATES } from './templates.generated.js';
import type { PostmortemView } from './view.js';

export { TemplateRenderError, templateRenderDiagnostic } from './template-render-error.js';

/** A template as errors name it: its file. */
interface TemplateFile {
  file: string;
}

/** A template read from its file; `compiled` when it is a built-in one, unchanged since the build compiled it. */
interface ReadTemplateFile extends TemplateFile {
  name: string;
  text: string;
  compiled: TemplateSpecification | undefined;
}

/**
 * The build's compiled form of `file` (templates.generated.ts) when it is
 * one of the built-in templates and `text` is what was compiled: the same
 * function Handlebars would compile from the text now, without its
 * compiler's work.
 */
function compiledBuiltin(file: string, text: string): TemplateSpecification | undefined {
  const key = relative(BUILTIN_TEMPLATES, file).split(sep).join('/');
  const entry = Object.hasOwn(COMPILED_TEMPLATES, key) ? COMPILED_TEMPLATES[key as keyof typeof COMPILED_TEMPLATES] : undefined;
  return entry && entry.sha256 === createHash('sha256').update(text).digest('hex') ? (entry.spec as TemplateSpecification) : undefined;
}

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

  const diagnostics: Diagnostic[] = [];
  const read = new Map<string, ReadTemplateFile>();
  for (const [name, file] of Object.entries(sources)) {
    const template = await readTemplate(file);
    if (template.ok) read.set(name, { name, file, text: template.text, compiled: compiledBuiltin(file, template.text) });
    else diagnostics.push(template.diagnostic);
  }
  if (diagnostics.length) return failed(diagnostics);
  const allCompiled = [...read.values()].every((template) => template.compiled);
  const env = (await handlebars(allCompiled)).create();
  // `{{log}}` would write to the terminal, into `render`'s Markdown on standard output.
  env.unregisterHelper('log');
  const deferred = new DeferredEach<TemplateFile>(env, locateLater);
  const main = read.get(family.main);
  if (!main) {
    const problem = fileDiagnostic(join(BUILTIN_TEMPLATES, family.folder), {
      rule: 'template-error',
      message: `Missing main template \`${family.folder}/${family.main}.hbs\``,
      hint: 'Reinstall the package.',
    });
    return failed([problem]);
  }
  // The built-in templates, as shipped, were checked when they were compiled: only a family with a template of the user's is checked here.
  if (!allCompiled) {
    const parsed = new Map<string, ParsedTemplate>();
    for (const [name, { file, text }] of read) {
      try {
        // compile() is lazy: parse now so syntax errors are reported up front, with their file.
        parsed.set(name, { name, file, program: env.parse(text) });
      } catch (error) {
        diagnostics.push(syntaxDiagnostic(file, text, error, env));
      }
    }
    if (diagnostics.length) return failed(diagnostics);
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
  }

  const compile = (template: ReadTemplateFile) =>
    located(template, template.compiled ? env.template(template.compiled) : env.compile(template.text, COMPILE_OPTIONS), deferred);
  for (const [name, template] of read) {
    if (name === family.main) continue;
    const partial = compile(template);
    env.registerPartial(name, partial);
    // Its old name (`report-totals`), which the check accepted with a warning.
    const old = `${family.oldPrefix}${name}`;
    if (family.oldPrefix && !read.has(old) && currentName(family, old) === name) env.registerPartial(old, partial);
  }
  const compiled = compile(main);
  const renderInChunks = (view: View, tokens?: TokenStore): Iterable<OutputChunk> => {
    try {
      return deferred.render(() => compiled(view), tokens);
    } catch (error) {
      throw error instanceof TemplateRenderError ? error : TemplateRenderError.at(main, error);
    }
  };
  const render = (view: View): string => {
    let text = '';
    for (const chunk of renderInChunks(view)) if (typeof chunk === 'string') text += chunk;
    return text;
  };
  return { ok: true, templates: { sources, render, renderInChunks }, diagnostics: warnings };
}

/**
 * Handlebars' runtime alone when every template is a built-in one the build
 * compiled: it runs them as the whole package would, without the compiler
 * and source-map (about 340 KB of the bundle to load on every run). A user's
 * template needs the whole package, whose environments also parse and
 * compile; the runtime's lack both, and are never asked to.
 */
async function handlebars(allCompiled: boolean): Promise<typeof Handlebars> {
  if (!allCompiled) return (await import('handlebars')).default;
  // With its extension: the package maps no subpaths. Its declarations (runtime.d.ts) declare no exports.
  return ((await import('handlebars/runtime.js')) as unknown as { default: typeof Handlebars }).default;
}

/** A row of a deferred `{{#each}}` that failed after its template had returned: positioned as the templates around it would have (see `located`). */
function locateLater(error: unknown, running: readonly TemplateFile[]): Error {
  const located = running.reduceRight<unknown>((inner, template) => failedIn(template, inner), error);
  return located instanceof Error ? located : new Error(String(located));
}

/** An error on its way out of `template`: positioned there, or, from a partial it includes, with its name added to the chain. */
function failedIn(template: TemplateFile, error: unknown): TemplateRenderError {
  return error instanceof TemplateRenderError ? error.through(template) : TemplateRenderError.at(template, error);
}

/**
 * A compiled template whose errors name its file and the line and column in
 * it; an error from a partial it includes gains this template's name in
 * its chain on the way out. While it runs it is on `deferred.running`, for
 * the rows rendered after it has returned.
 */
function located(template: TemplateFile, compiled: HandlebarsTemplateDelegate, deferred: DeferredEach<TemplateFile>): HandlebarsTemplateDelegate {
  return (context: unknown, options?: Handlebars.RuntimeOptions) => {
    deferred.running.push(template);
    try {
      return compiled(context, options);
    } catch (error) {
      throw failedIn(template, error);
    } finally {
      deferred.running.pop();
    }
  };
}

