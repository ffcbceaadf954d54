import { join, resolve } from 'node:path';
import { initProject } from '../../authoring/init-project.js';
import { fileDiagnostic } from '../../diagnostics/file-diagnostics.js';
import { packageVersion } from '../../package-root.js';
import { displayPath } from '../../pipeline/paths.js';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { type CliIo, toolCommand } from '../io.js';
import type { InitArgs } from './init.js';
import { printDiagnostics } from './shared.js';
import { visibleControls } from '../../diagnostics/quote.js';

export async function runInit(args: InitArgs, io: CliIo): Promise<number> {
  const folder = resolve(io.cwd, args.dir ?? '.');
  const show = (absolute: string) => displayPath(absolute, io.cwd);
  const result = await initProject(folder, { version: packageVersion(), show, ...(args.ci ? { ci: args.ci } : {}) });
  // Files that could not be set up are reported at their paths; the rest is set up all the same.
  const problems = [...result.refused.map(({ path, problem }) => fileDiagnostic(show(join(folder, path)), problem)), ...result.problems];
  if (problems.length) printDiagnostics(problems, args, io, 'stdout');
  const lines: string[] = [];
  for (const path of result.created) lines.push(`created     ${path}`);
  for (const { path, change } of result.updated) lines.push(`updated     ${path} (${change})`);
  for (const { path, advice } of result.leftAlone) {
    lines.push(`left alone  ${path} (it exists)`);
    if (advice) lines.push(...advice.split('\n').map((line) => `            ${line}`));
  }
  const cd = args.dir ? `cd ${args.dir} && ` : '';
  // The CI job runs `npm ci`, which installs only what package-lock.json pins.
  if (result.installNeeded) {
    lines.push('', `Next: ${cd}npm install`, '      then commit package.json and package-lock.json: CI installs the tool from them with `npm ci`', '      npx postmortem new "What is happening" --severity SEV2');
  } else {
    lines.push('', `Next: ${cd}${toolCommand(io)} new "What is happening" --severity SEV2`);
  }
  io.stdout(`${visibleControls(lines.join('\n'))}\n`);
  return problems.length ? EXIT_INVALID : EXIT_OK;
}
