import { resolve } from 'node:path';
import { initProject } from '../../authoring/init-project.js';
import { packageVersion } from '../../package-root.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { InitArgs } from '../main.js';

export async function runInit(args: InitArgs, io: CliIo): Promise<number> {
  const folder = resolve(io.cwd, args.dir ?? '.');
  const result = await initProject(folder, { version: packageVersion(), ...(args.ci ? { ci: args.ci } : {}) });
  const lines: string[] = [];
  for (const path of result.created) lines.push(`created     ${path}`);
  for (const { path, advice } of result.leftAlone) {
    lines.push(`left alone  ${path} (it exists)`);
    if (advice) lines.push(...advice.split('\n').map((line) => `            ${line}`));
  }
  const cd = args.dir ? `cd ${args.dir} && ` : '';
  lines.push('', `Next: ${cd}postmortem new "What is happening" --severity SEV2`);
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT_OK;
}
