import { type ArgsOf, defineCommand } from '../command.js';
import { AS_OF, INCIDENT_FILTERS, OUT_FILE, PATHS, RAW_CSV } from '../options.js';

const EXPORT_FORMATS = ['json', 'ndjson', 'csv'] as const;
const EXPORT_WHAT = ['incidents', 'events', 'actions'] as const;

const positionals = { paths: PATHS } as const;
const options = {
  ...INCIDENT_FILTERS,
  what: { choices: EXPORT_WHAT, default: 'incidents', describe: 'What a row is' },
  format: { choices: EXPORT_FORMATS, default: 'json', describe: 'A JSON array, one JSON object per line, or CSV' },
  'as-of': { ...AS_OF, describe: 'The day overdue items are counted to, YYYY-MM-DD (default: today); every incident is exported' },
  out: OUT_FILE,
  'raw-csv': RAW_CSV,
} as const;
export type ExportArgs = ArgsOf<typeof positionals, typeof options>;

export const exportCommand = defineCommand({
  name: 'export',
  describe: 'One row per incident, timeline event or action item, for BI tools',
  positionals,
  options,
  handler: async () => (await import('./export-handler.js')).runExport,
});
