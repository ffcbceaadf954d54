import type { ResolvedConfig } from '../config/config.js';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { renderPostmortem } from '../render/render-postmortem.js';
import { type TemplateSet, TemplateRenderError, templateRenderDiagnostic } from '../render/templates.js';
import type { CheckedBytes } from '../source/source-file.js';
import { type CheckedIncident, checkIncidentBytes, checkIncidentFile } from './check-incident.js';
import type { InputFile } from './collect-files.js';
import { internalError } from './run.js';

/** What building one file produced: plain data, so it can cross from a worker thread. */
export interface BuiltFile {
  file: string;
  id: string | null;
  idPosition: Position | null;
  diagnostics: Diagnostic[];
  /** The postmortem, or `null` when the file is invalid (or `onDisk`). */
  markdown: string | null;
  /** The postmortem is already in the output folder as the last build wrote it (build-cache.ts): nothing to write. */
  onDisk?: true;
}

export interface BuildFileContext {
  config: ResolvedConfig;
  templates: TemplateSet;
  /** Warnings make the file invalid too. */
  strict: boolean;
  /** How one file is checked (see `RunOptions.checkFile`); on the calling thread only, a function cannot reach a worker. */
  checkFile?: typeof checkIncidentFile;
  /** An `internal-error` carries the stack trace. */
  debug?: boolean;
}

/**
 * The per-file job of `build`: check the file (or the bytes already read of
 * it), and render it when valid. A
 * bug (an exception) in either step is this file's `internal-error`, as in
 * `checkFiles`: the other files are still built, and the run exits 2.
 */
export async function buildFile(input: InputFile, context: BuildFileContext, read?: CheckedBytes): Promise<BuiltFile> {
  try {
    const checked =
      read && !context.checkFile
        ? checkIncidentBytes(read, input.display, context.config)
        : await (context.checkFile ?? checkIncidentFile)(input.absolute, input.display, context.config);
    const valid = checked.incident !== null && !(context.strict && checked.diagnostics.length > 0);
    const markdown = valid ? renderChecked(checked, context.templates) : null;
    return { file: checked.file, id: checked.id, idPosition: checked.idPosition, diagnostics: checked.diagnostics, markdown };
  } catch (error) {
    return { file: input.display, id: null, idPosition: null, diagnostics: [internalError(input.display, error, context.debug)], markdown: null };
  }
}

/**
 * The postmortem of a valid checked incident; `null` when a custom template
 * fails, which is added to the file's diagnostics as `template-error`.
 */
export function renderChecked(checked: CheckedIncident, templates: TemplateSet): string | null {
  try {
    return renderPostmortem(checked.incident!, templates);
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    checked.diagnostics.push(templateRenderDiagnostic(checked.file, error));
    return null;
  }
}
