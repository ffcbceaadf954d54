import { ACTION_STATUSES } from '../../schema/vocabulary.js';
import { type ArgsOf, defineCommand } from '../command.js';
import { AS_OF, OUT_FILE, PATHS, RAW_CSV, REPORT_FORMATS } from '../options.js';

const positionals = { paths: PATHS } as const;
const options = {
  owner: { type: 'string', array: true, describe: 'Only items of these owners' },
  status: { choices: ACTION_STATUSES, array: true, describe: 'Only items with these statuses' },
  overdue: { type: 'boolean', default: false, describe: 'Only overdue items' },
  'fail-on-overdue': { type: 'boolean', default: false, describe: 'Exit 1 when any item is overdue' },
  'as-of': AS_OF,
  format: { choices: REPORT_FORMATS, default: 'md', describe: 'A Markdown table, JSON or CSV' },
  out: OUT_FILE,
  'raw-csv': RAW_CSV,
} as const;
export type ActionsArgs = ArgsOf<typeof positionals, typeof options>;

export const actionsCommand = defineCommand({
  name: 'actions',
  describe: 'Action items across incidents; --fail-on-overdue makes overdue ones fail CI',
  positionals,
  options,
  handler: async () => (await import('./actions-handler.js')).runActions,
});
