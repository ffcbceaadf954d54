import { type ArgsOf, defineCommand } from '../command.js';
import { AT, INCIDENT, PROBLEM_FORMAT } from '../options.js';

const positionals = { incident: INCIDENT } as const;
const options = {
  format: PROBLEM_FORMAT,
  at: AT,
  text: { type: 'string', describe: 'The event text (default: "Resolved.")' },
  by: { type: 'string', describe: 'Who resolved it' },
} as const;
export type ResolveArgs = ArgsOf<typeof positionals, typeof options>;

export const resolveCommand = defineCommand({
  name: 'resolve',
  describe: 'Log the resolved milestone and set the incident to status: review',
  positionals,
  options,
  handler: async () => (await import('./log-handler.js')).runResolve,
});
