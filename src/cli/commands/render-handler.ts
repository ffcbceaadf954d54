import { resolve } from 'node:path';
import { validateIncidents } from '../../pipeline/run.js';
import { renderPostmortem } from '../../render/render-postmortem.js';
import { TemplateRenderError, loadTemplates, templateRenderDiagnostic } from '../../render/templates.js';
import { templateFolders } from '../../render/template-family.js';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { RenderArgs } from './render.js';
import { configFor, printDiagnostics } from './shared.js';
import { shownDiagnostics } from './shown-paths.js';

/** Renders one file to stdout; its problems go to stderr so the Markdown stays clean. */
export async function runRender(args: RenderArgs, io: CliIo): Promise<number> {
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config } = loaded;
  const templates = await loadTemplates(templateFolders(config, args.templates ? [resolve(io.cwd, args.templates)] : undefined));
  if (!templates.ok) {
    printDiagnostics(shownDiagnostics(templates.diagnostics, io.cwd), args, io, 'stderr');
    return EXIT_INVALID;
  }
  const result = await validateIncidents({ config, inputs: [args.file], cwd: io.cwd, strict: args.strict });
  // The templates' warnings (a folder in the old flat layout), printed with the incident's problems.
  result.diagnostics.unshift(...templates.diagnostics);
  const incident = result.summary.invalid === 0 ? result.incidents[0] : undefined;
  let markdown: string | undefined;
  try {
    markdown = incident && renderPostmortem(incident, templates.templates);
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    result.diagnostics.push(templateRenderDiagnostic(incident!.file, error));
  }
  if (result.diagnostics.length) printDiagnostics(shownDiagnostics(result.diagnostics, io.cwd), args, io, 'stderr');
  if (markdown === undefined) return EXIT_INVALID;
  io.stdout(markdown);
  return EXIT_OK;
}
