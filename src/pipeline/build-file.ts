import type { ResolvedConfig } from '../config/config.js';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { renderPostmortem } from '../render/render-postmortem.js';
import { type TemplateSet, TemplateRenderError, templateRenderDiagnostic } from '../render/templates.js';
import { checkIncidentFile } from './check-incident.js';
import type { InputFile } from './collect-files.js';

/** What building one file produced: plain data, so it can cross from a worker thread. */
export interface BuiltFile {
  file: string;
  id: string | null;
  idPosition: Position | null;
  diagnostics: Diagnostic[];
  /** The postmortem, or `null` when the file is invalid. */
  markdown: string | null;
}

export interface BuildFileContext {
  config: ResolvedConfig;
  templates: TemplateSet;
  /** Warnings make the file invalid too. */
  strict: boolean;
}

/** The per-file job of `build`: check the file, and render it when valid. */
export async function buildFile(input: InputFile, context: BuildFileContext): Promise<BuiltFile> {
  const checked = await checkIncidentFile(input.absolute, input.display, context.config);
  const valid = checked.incident !== null && !(context.strict && checked.diagnostics.length > 0);
  let markdown: string | null = null;
  if (valid) {
    try {
      markdown = renderPostmortem(checked.incident!, context.templates);
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      checked.diagnostics.push(templateRenderDiagnostic(checked.file, error));
    }
  }
  return { file: checked.file, id: checked.id, idPosition: checked.idPosition, diagnostics: checked.diagnostics, markdown };
}
