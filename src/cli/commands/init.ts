import { CI_PROVIDERS } from '../../authoring/ci-files.js';
import { type ArgsOf, defineCommand } from '../command.js';
import { PROBLEM_FORMAT } from '../options.js';

const positionals = { dir: { type: 'string', describe: 'The folder to set up (default: here)' } } as const;
const options = {
  format: PROBLEM_FORMAT,
  ci: {
    choices: CI_PROVIDERS,
    describe: 'Also add a CI job that validates incidents on every pull or merge request, and the tool as a dev dependency for it to install',
  },
} as const;
export type InitArgs = ArgsOf<typeof positionals, typeof options>;

export const initCommand = defineCommand({
  name: 'init',
  describe: 'Set up a folder for incident files: configuration, incidents/, editor schema and CI',
  positionals,
  options,
  handler: async () => (await import('./init-handler.js')).runInit,
});
