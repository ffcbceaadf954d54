import { type ArgsOf, defineCommand } from '../command.js';
import { PATHS, PROBLEM_FORMAT } from '../options.js';

const positionals = { paths: PATHS } as const;
const options = { format: PROBLEM_FORMAT } as const;
export type ValidateArgs = ArgsOf<typeof positionals, typeof options>;

export const validateCommand = defineCommand({
  name: 'validate',
  describe: 'Check incident files and report every problem',
  positionals,
  options,
  handler: async () => (await import('./validate-handler.js')).runValidate,
});
