import { type ArgsOf, defineCommand } from '../command.js';
import { PROBLEM_FORMAT } from '../options.js';

const positionals = {
  source: { type: 'string', demandOption: true, describe: 'Where the incident comes from: statuspage, pagerduty, incident-io, firehydrant or slack (see docs/import.md)' },
  input: { type: 'string', demandOption: true, describe: 'The JSON file, - for standard input, or an https:// address (a folder or .zip for an export)' },
} as const;
const options = {
  format: PROBLEM_FORMAT,
  into: { type: 'string', describe: 'Add the events to this incident (its id or file) instead of writing a new file' },
  incident: { type: 'string', describe: 'statuspage: which incident of a list to import, by its id at the source' },
  channel: { type: 'string', describe: 'slack: the channel to import, by name or id (needed when the export has several)' },
  reaction: { type: 'string', describe: 'slack: import the messages with this reaction (pushpin or :pushpin:) instead of the pinned ones' },
  all: { type: 'boolean', describe: 'slack: import every message of the channel instead of the pinned ones' },
  since: { type: 'string', describe: "slack: only messages at or after this time (in the incident's zone; a date alone is its start)" },
  until: { type: 'string', describe: "slack: only messages at or before this time (in the incident's zone; a date alone is its end)" },
  title: { type: 'string', describe: "Title of the new file (default: the source's; asked for on a terminal when it has none)" },
  severity: { type: 'string', describe: 'One of the configured severity levels (default: the source\'s, through the severity map)' },
  'severity-map': { type: 'string', array: true, describe: "The source's severity labels to configured levels, like critical=SEV1,major=SEV2 (adds to import.severity_map)" },
  timezone: { type: 'string', alias: 'zone', describe: "IANA zone the times are written in (default: the configured one, else the source's, else UTC)" },
  id: { type: 'string', describe: 'Id of the new file (default: YYYY-MM-DD-title, as new names files)' },
} as const;
export type ImportArgs = ArgsOf<typeof positionals, typeof options>;

/** What only a new file takes: `--into` adds events to a file that has its own. */
const NEW_FILE_ONLY = ['title', 'severity', 'severity-map', 'timezone', 'id'] as const;

export const importCommand = defineCommand({
  name: 'import',
  describe: 'Import an incident from a status page, a pager, a chat export or an incident platform: a new incident file, or its events added to one',
  positionals,
  options,
  check: (args) => {
    const given = NEW_FILE_ONLY.filter((name) => args[name === 'severity-map' ? 'severityMap' : name] !== undefined);
    return args.into !== undefined && given.length ? `--${given[0]} sets up a new file; with --into the events go into a file that has its own` : undefined;
  },
  handler: async () => (await import('./import-handler.js')).runImport,
});
