import { resolve } from 'node:path';
import { displayPath } from '../../pipeline/paths.js';
import { buildPostmortems } from '../../pipeline/run.js';
import { renderPostmortem } from '../../render/render-postmortem.js';
import { loadTemplates } from '../../render/templates.js';
import { EXIT_INVALID } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { BuildArgs } from '../main.js';
import { configFor, printDiagnostics, reportRun } from './shared.js';

export async function runBuild(args: BuildArgs, io: CliIo): Promise<number> {
  const loaded = await configFor(args, io);
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config } = loaded;
  const overrides = args.templates ? [resolve(io.cwd, args.templates)] : config.templates ? [config.templates] : [];
  const templates = await loadTemplates(overrides);
  if (!templates.ok) {
    printDiagnostics(templates.diagnostics, args, io, io.stdout);
    return EXIT_INVALID;
  }
  const out = args.out ? resolve(io.cwd, args.out) : config.out;
  const result = await buildPostmortems({
    config,
    inputs: args.paths,
    cwd: io.cwd,
    strict: args.strict,
    out,
    render: (incident) => renderPostmortem(incident, templates.templates),
  });
  return reportRun(result, args, io, { out: displayPath(out, io.cwd) });
}
