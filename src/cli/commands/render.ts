import { resolve } from 'node:path';
import { validateIncidents } from '../../pipeline/run.js';
import { renderPostmortem } from '../../render/render-postmortem.js';
import { loadTemplates } from '../../render/templates.js';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { RenderArgs } from '../main.js';
import { formatJson } from '../reporters/json.js';
import { configFor, printDiagnostics } from './shared.js';

/** Renders one file to stdout; its problems go to stderr so the Markdown stays clean. */
export async function runRender(args: RenderArgs, io: CliIo): Promise<number> {
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config } = loaded;
  const overrides = args.templates ? [resolve(io.cwd, args.templates)] : config.templates ? [config.templates] : [];
  const templates = await loadTemplates(overrides);
  if (!templates.ok) {
    printDiagnostics(templates.diagnostics, args, io, io.stderr);
    return EXIT_INVALID;
  }
  const result = await validateIncidents({ config, inputs: [args.file], cwd: io.cwd, strict: args.strict });
  if (args.format === 'json') io.stderr(formatJson(result));
  else printDiagnostics(result.diagnostics, args, io, io.stderr);
  const incident = result.incidents[0];
  if (!incident || result.summary.invalid > 0) return EXIT_INVALID;
  io.stdout(renderPostmortem(incident, templates.templates));
  return EXIT_OK;
}
