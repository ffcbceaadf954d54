import { STATUSES } from '../schema/vocabulary.js';
import type { ArgsOf, OptionDeclaration, PositionalDeclaration } from './command.js';

/** Options and positionals several commands share, declared once. */

/** `--format` of the commands that report problems; `report`, `actions` and `export` have their own. */
export const PROBLEM_FORMAT = {
  choices: ['pretty', 'json', 'github', 'gitlab'],
  default: 'pretty',
  describe: 'How problems are reported; gitlab: a Code Quality report on standard output, the problems for people on standard error',
} as const satisfies OptionDeclaration;

/** The arguments every command that reports problems has: the global options and `--format`. */
export type CommonArgs = ArgsOf<Record<never, never>, { format: typeof PROBLEM_FORMAT }>;

export const PATHS = { type: 'string', array: true, describe: 'Files, folders or globs (default: the incidents folder)' } as const satisfies PositionalDeclaration;
export const INCIDENT = {
  type: 'string',
  describe: 'The incident: its id, a unique part of it (cdn), @latest (the newest unresolved one), or the path of its file; default: $POSTMORTEM_INCIDENT',
} as const satisfies PositionalDeclaration;
export const AT = {
  type: 'string',
  describe: 'When (default: now, to the minute): a time as in `at:`, a date alone (2024-04-14) when only the day is known, or a clock time such as 14:05 for today in the incident zone',
} as const satisfies OptionDeclaration;
export const TEMPLATES = { type: 'string', describe: 'Folder of templates that override the built-in ones by name' } as const satisfies OptionDeclaration;

export const REPORT_FORMATS = ['md', 'json', 'csv'] as const;
export const AS_OF = {
  type: 'string',
  describe: 'YYYY-MM-DD (default: today): leave out incidents that started later and milestones after it; count overdue items and ages to it',
} as const satisfies OptionDeclaration;
export const OUT_FILE = { type: 'string', describe: 'Write to this file (atomically) instead of standard output' } as const satisfies OptionDeclaration;
export const RAW_CSV = {
  type: 'boolean',
  default: false,
  describe: "CSV: write text cells as they are; by default one starting with = + - @, tab or CR gets a ' in front, so spreadsheets show it as text",
} as const satisfies OptionDeclaration;

/** --since, --until, --service, --severity, --tag, --status: which incidents count. */
export const INCIDENT_FILTERS = {
  since: { type: 'string', describe: 'Only incidents that started on or after this day, YYYY-MM-DD' },
  until: { type: 'string', describe: 'Only incidents that started on or before this day, YYYY-MM-DD' },
  service: { type: 'string', array: true, describe: 'Only incidents affecting one of these services' },
  severity: { type: 'string', array: true, describe: 'Only incidents of these severities' },
  tag: { type: 'string', array: true, describe: 'Only incidents with one of these tags' },
  status: { choices: STATUSES, array: true, describe: 'Only incidents with these statuses' },
} as const satisfies Record<string, OptionDeclaration>;

export type IncidentFilterArgs = ArgsOf<Record<never, never>, typeof INCIDENT_FILTERS>;

/** The options of the commands that read many incidents and print one result (`report`, `actions`, `export`). */
export type ManyIncidentArgs = ArgsOf<{ paths: typeof PATHS }, { 'as-of': typeof AS_OF; out: typeof OUT_FILE; 'raw-csv': typeof RAW_CSV }>;
