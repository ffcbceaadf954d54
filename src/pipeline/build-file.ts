import type { ResolvedConfig } from '../config/config.js';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { renderPostmortem } from '../render/render-postmortem.js';
import { type TemplateSet, TemplateRenderError, templateRenderDiagnostic } from '../render/templates.js';
import { type CheckedIncident, checkIncidentFile } from './check-incident.js';
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
  const markdown = valid ? renderChecked(checked, context.templates) : null;
  return { file: checked.file, id: checked.id, idPosition: checked.idPosition, diagnostics: checked.diagnostics, markdown };
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
