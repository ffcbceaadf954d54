import { GROUP_BY } from '../../report/report-model.js';
import { SET_APART_TYPES } from '../../schema/vocabulary.js';
import { type ArgsOf, defineCommand } from '../command.js';
import { AS_OF, INCIDENT_FILTERS, OUT_FILE, PATHS, RAW_CSV, REPORT_FORMATS, TEMPLATES } from '../options.js';

const positionals = { paths: PATHS } as const;
const options = {
  ...INCIDENT_FILTERS,
  by: { choices: GROUP_BY, default: 'month', describe: 'How incidents are grouped' },
  'as-of': AS_OF,
  include: { choices: SET_APART_TYPES, array: true, describe: 'Count near misses or drills as incidents (by default they are counted apart)' },
  format: { choices: REPORT_FORMATS, default: 'md', describe: 'Markdown, JSON or CSV' },
  out: OUT_FILE,
  'raw-csv': RAW_CSV,
  templates: TEMPLATES,
} as const;
export type ReportArgs = ArgsOf<typeof positionals, typeof options>;

export const reportCommand = defineCommand({
  name: 'report',
  describe: 'Figures across incidents: counts, time to detect and resolve, error budget, overdue action items',
  positionals,
  options,
  handler: async () => (await import('./report-handler.js')).runReport,
});
