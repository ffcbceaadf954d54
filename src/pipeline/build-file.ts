import type { ResolvedConfig } from '../config/config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Incident } from '../model/incident.js';
import { type PostmortemTree, postmortemTree } from '../render/postmortem-tree.js';
import { renderPostmortem } from '../render/render-postmortem.js';
import { type TemplateSet, TemplateRenderError, templateRenderDiagnostic } from '../render/templates.js';
import type { CheckedBytes } from '../source/source-file.js';
import type { InputFile } from './collect-files.js';
import type { FileResult } from './file-result.js';
import { type FileSettings, type ModelStage, processFile } from './process-file.js';

/**
 * A postmortem to write, or one already in the output folder as the last
 * build wrote it (build-cache.ts). Plain data, so it can cross from a worker thread.
 */
export type BuiltPostmortem = { readonly markdown: string } | { readonly onDisk: true };

/** What building one file produced. */
export type BuiltFile = FileResult<BuiltPostmortem>;

export interface BuildFileContext extends FileSettings {
  config: ResolvedConfig;
  templates: TemplateSet;
}

/** Builds one file of a run: `buildFile` with the run's context bound. */
export type FileBuilder = (input: InputFile, read?: CheckedBytes) => Promise<BuiltFile>;

/**
 * The per-file job of `build` for every file of one run (or one worker
 * thread): the stages of `processFile`, rendering the postmortem of a valid
 * model, with the render stage made once for all of them.
 */
export function fileBuilder(context: BuildFileContext): FileBuilder {
  const stage = renderStage(context.templates);
  return (input, read) => processFile(input, context, stage, read);
}

/** Each context's builder, so a caller that passes the same context for every file makes its stage once. */
const builders = new WeakMap<BuildFileContext, FileBuilder>();

/** One file's job of `build` (see `fileBuilder`). */
export function buildFile(input: InputFile, context: BuildFileContext, read?: CheckedBytes): Promise<BuiltFile> {
  let builder = builders.get(context);
  if (!builder) {
    builder = fileBuilder(context);
    builders.set(context, builder);
  }
  return builder(input, read);
}

/**
 * The stage that renders a valid model's postmortem. A user's template that
 * fails on this incident is the file's `template-error`, not a crash.
 */
export function renderStage(templates: TemplateSet): ModelStage<BuiltPostmortem> {
  return (incident, checked) => {
    const markdown = renderOrProblem(incident, checked.file, templates);
    return 'markdown' in markdown ? { value: markdown } : { value: null, diagnostics: [markdown.problem] };
  };
}

/** The postmortem, or the template's error as the file's diagnostic. */
export function renderOrProblem(incident: Incident, file: string, templates: TemplateSet): { markdown: string } | { problem: Diagnostic } {
  try {
    return { markdown: renderPostmortem(incident, templates) };
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    return { problem: templateRenderDiagnostic(file, error) };
  }
}

/** `renderOrProblem` as a tree, for publish to print in its target's dialect. */
export function postmortemTreeOrProblem(incident: Incident, file: string, templates: TemplateSet): { postmortem: PostmortemTree } | { problem: Diagnostic } {
  try {
    return { postmortem: postmortemTree(incident, templates) };
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    return { problem: templateRenderDiagnostic(file, error) };
  }
}
