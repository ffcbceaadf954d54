import type { ResolvedConfig } from '../config/config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Incident } from '../model/incident.js';
import { type PostmortemTree, postmortemTree } from '../render/postmortem-tree.js';
import { renderPostmortem } from '../render/render-postmortem.js';
import { TemplateRenderError, templateRenderDiagnostic } from '../render/templates.js';
import { type TemplateSet } from '../render/template-family.js';
import type { CheckedBytes } from '../source/source-file.js';
import { modelHash } from './build-cache.js';
import type { CheckedIncident } from './check-incident.js';
import type { InputFile } from './incident-files.js';
import type { FileResult } from './file-result.js';
import { type FileSettings, type ModelStage, processFile, runStage } from './process-file.js';

/**
 * A postmortem to write, or one already in the output folder as the last
 * build wrote it (build-cache.ts). `model` is the `modelHash` it was made
 * from, to remember it by: null when nothing is to be remembered (not taken,
 * or a postmortem remembered as it is). Plain data, so it can cross from a
 * worker thread.
 */
export type BuiltPostmortem = { readonly markdown: string; readonly model: string | null } | { readonly onDisk: true; readonly model: string | null };

/** What building one file produced. */
export type BuiltFile = FileResult<BuiltPostmortem>;

export interface BuildFileContext extends FileSettings {
  config: ResolvedConfig;
  templates: TemplateSet;
  /** Whether each model's hash is taken, for build's manifest; default true. */
  hashModels?: boolean;
}

/** Builds one file of a run, with the run's context. */
export type FileBuilder = (input: InputFile, read?: CheckedBytes) => Promise<BuiltFile>;

/**
 * The per-file job of `build` for every file of one run (or one worker
 * thread): the stages of `processFile`, rendering the postmortem of a valid
 * model, with the render stage made once for all of them.
 */
export function fileBuilder(context: BuildFileContext): FileBuilder {
  const stage = renderStage(context.templates, context.hashModels ?? true);
  return (input, read) => processFile(input, context, stage, read);
}

/**
 * The stage that renders a valid model's postmortem. A user's template that
 * fails on this incident is the file's `template-error`, not a crash. The
 * model's hash is taken first, as build's cache takes it (build-cache.ts).
 */
export function renderStage(templates: TemplateSet, hashModels = true): ModelStage<BuiltPostmortem> {
  return (incident, checked) => renderModel(incident, checked.file, templates, hashModels ? modelHash(incident) : null);
}

function renderModel(incident: Incident, file: string, templates: TemplateSet, model: string | null): ReturnType<ModelStage<BuiltPostmortem>> {
  const markdown = renderOrProblem(incident, file, templates);
  return 'markdown' in markdown ? { value: { markdown: markdown.markdown, model } } : { value: null, diagnostics: [markdown.problem] };
}

/**
 * The render stage of a file already checked, whose model hash is `model`
 * (build checks a changed file before it knows whether to render it): as
 * `processFile` runs a stage (`runStage`), a bug is the file's `internal-error`.
 */
export function renderChecked(checked: CheckedIncident, incident: Incident, model: string, context: BuildFileContext): BuiltFile {
  return runStage(checked, incident, (valid) => renderModel(valid, checked.file, context.templates, model), context.debug);
}

/** The postmortem, or the template's error as the file's diagnostic. */
export function renderOrProblem(incident: Incident, file: string, templates: TemplateSet): { markdown: string } | { problem: Diagnostic } {
  return orTemplateProblem(file, () => ({ markdown: renderPostmortem(incident, templates) }));
}

/** `renderOrProblem` as a tree, for publish to print in its target's dialect. */
export function postmortemTreeOrProblem(incident: Incident, file: string, templates: TemplateSet): { postmortem: PostmortemTree } | { problem: Diagnostic } {
  return orTemplateProblem(file, () => ({ postmortem: postmortemTree(incident, templates) }));
}

/** What `render` makes, or the template error it throws as the file's diagnostic (any other error is a bug, and thrown on). */
function orTemplateProblem<T>(file: string, render: () => T): T | { problem: Diagnostic } {
  try {
    return render();
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    return { problem: templateRenderDiagnostic(file, error) };
  }
}
