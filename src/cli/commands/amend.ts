import { EVENT_KINDS } from '../../schema/vocabulary.js';
import { type ArgsOf, defineCommand } from '../command.js';
import { AT, INCIDENT, PROBLEM_FORMAT } from '../options.js';

const positionals = { incident: INCIDENT } as const;
const options = {
  format: PROBLEM_FORMAT,
  event: {
    type: 'string',
    describe: 'Which event: its number in file order (1 is the first in the file), or its time as --at takes it (14:05); default: the event the last `log` added',
  },
  kind: { choices: EVENT_KINDS, describe: 'Its new kind' },
  text: { type: 'string', describe: 'Its new text (Markdown)' },
  at: { ...AT, describe: 'Its new time, as log --at takes it; the event moves to its place in time order' },
  by: { type: 'string', describe: 'Who or what did it' },
} as const;
export type AmendArgs = ArgsOf<typeof positionals, typeof options>;

export const amendCommand = defineCommand({
  name: 'amend',
  describe: 'Change one timeline event (its time, kind, text or author), keeping the rest of the file as it is',
  positionals,
  options,
  handler: async () => (await import('./amend-handler.js')).runAmend,
});
