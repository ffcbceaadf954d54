import { type ArgsOf, defineCommand } from '../command.js';
import { PATHS, PROBLEM_FORMAT, TEMPLATES } from '../options.js';

const positionals = { paths: PATHS } as const;
const options = {
  format: PROBLEM_FORMAT,
  out: { type: 'string', describe: 'Output folder (default: from the configuration, else postmortems)' },
  templates: TEMPLATES,
  jobs: { type: 'number', describe: 'Threads to build with (default: one per core on machines with more than two, else 1)' },
} as const;
export type BuildArgs = ArgsOf<typeof positionals, typeof options>;

export const buildCommand = defineCommand({
  name: 'build',
  describe: 'Validate incidents and write a postmortem for each valid one',
  positionals,
  options,
  check: ({ jobs }) =>
    jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64) ? '--jobs takes a whole number from 1 to 64' : undefined,
  handler: async () => (await import('./build-handler.js')).runBuild,
});
