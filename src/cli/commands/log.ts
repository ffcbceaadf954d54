import { EVENT_KINDS } from '../../schema/vocabulary.js';
import { type ArgsOf, defineCommand } from '../command.js';
import { AT, INCIDENT, PROBLEM_FORMAT } from '../options.js';

const positionals = {
  incident: INCIDENT,
  text: { type: 'string', array: true, default: [], describe: 'What happened (Markdown); after `--` it may start with a dash' },
} as const;
const options = {
  format: PROBLEM_FORMAT,
  kind: { choices: EVENT_KINDS, describe: 'A milestone or a label (default: note)' },
  at: AT,
  by: { type: 'string', describe: 'Who or what did it' },
  'error-rate': { type: 'number', describe: 'Percent of requests bad from this event on, 0–100 (counted against impact.slo)' },
} as const;
export type LogArgs = ArgsOf<typeof positionals, typeof options>;

export const logCommand = defineCommand({
  name: 'log',
  describe: 'Add a timeline event to an incident, in time order, keeping the rest of the file as it is',
  positionals,
  options,
  handler: async () => (await import('./log-handler.js')).runLog,
});
