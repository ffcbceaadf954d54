import { type ArgsOf, defineCommand } from '../command.js';
import { PATHS, PROBLEM_FORMAT } from '../options.js';

const positionals = { paths: PATHS } as const;
const options = {
  format: PROBLEM_FORMAT,
  check: { type: 'boolean', default: false, describe: 'Change nothing; list the files that would change and exit 1 if any' },
} as const;
export type FmtArgs = ArgsOf<typeof positionals, typeof options>;

export const fmtCommand = defineCommand({
  name: 'fmt',
  describe: 'Rewrite incident files in canonical form, keeping every comment',
  positionals,
  options,
  handler: async () => (await import('./fmt-handler.js')).runFmt,
});
