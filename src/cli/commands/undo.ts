import { type ArgsOf, defineCommand } from '../command.js';
import { INCIDENT, PROBLEM_FORMAT } from '../options.js';

const positionals = { incident: INCIDENT } as const;
const options = { format: PROBLEM_FORMAT } as const;
export type UndoArgs = ArgsOf<typeof positionals, typeof options>;

export const undoCommand = defineCommand({
  name: 'undo',
  describe: 'Take back the event the last `log` (or `resolve`) added to an incident, if the file has not changed since (one step)',
  positionals,
  options,
  handler: async () => (await import('./undo-handler.js')).runUndo,
});
