import { type ArgsOf, defineCommand } from '../command.js';
import { AT, PROBLEM_FORMAT } from '../options.js';

const positionals = { title: { type: 'string', describe: 'One-line title (asked for on a terminal when missing)' } } as const;
const options = {
  format: PROBLEM_FORMAT,
  severity: { type: 'string', describe: 'One of the configured severity levels' },
  services: { type: 'string', array: true, describe: 'Affected services (repeat, or separate with commas)' },
  timezone: { type: 'string', alias: 'zone', describe: 'IANA time zone (default: the configured one)' },
  started: { ...AT, describe: 'When the impact started (default: now, to the minute)' },
  id: { type: 'string', describe: 'A short id of your own (cdn-errors) instead of <date>-<slug of the title>; also the file name' },
} as const;
export type NewArgs = ArgsOf<typeof positionals, typeof options>;

export const newCommand = defineCommand({
  name: 'new',
  describe: 'Start a new incident file, with an impact-start event',
  positionals,
  options,
  handler: async () => (await import('./new-handler.js')).runNew,
});
