import { packageVersion } from '../package-root.js';
import { CI_PROVIDERS, type CiProvider } from '../authoring/ci-files.js';
import yargs, { type Argv } from 'yargs';
import { PUBLISH_TARGETS, type PublishTargetName } from '../publish/target.js';
import { GROUP_BY, type GroupBy } from '../report/report-model.js';
import { ACTION_STATUSES, EVENT_KINDS, type EventKind, STATUSES, type Status } from '../schema/vocabulary.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import type { CliIo } from './io.js';
import { type DefinedOptions, type OptionSource, lastValueWins } from './single-valued.js';
import { visibleControls } from '../diagnostics/quote.js';

export const FORMATS = ['pretty', 'json', 'github', 'gitlab'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** What follows `--` on the command line, before it is merged into the command's own list. */
interface LiteralWords {
  '--'?: (string | number)[];
}

/** Appends the words after `--` to the command's text or paths. */
function takeLiteralWords(selected: Selected): void {
  const args = selected.args as CommonArgs & LiteralWords;
  const words = (args['--'] ?? []).map(String);
  delete args['--'];
  if (words.length === 0) return;
  if (selected.command === 'log') selected.args.text = [...selected.args.text, ...words];
  else if ('paths' in selected.args) selected.args.paths = [...(selected.args.paths ?? []), ...words];
  else throw new UsageError(`\`${selected.command}\` takes nothing after \`--\``);
}

export interface CommonArgs {
  config?: string;
  strict: boolean;
  format: OutputFormat;
  templates?: string;
}

export interface ValidateArgs extends CommonArgs {
  paths: string[];
}

export interface BuildArgs extends CommonArgs {
  paths: string[];
  out?: string;
  jobs?: number;
}

export interface RenderArgs extends CommonArgs {
  file: string;
}

export interface InitArgs extends CommonArgs {
  dir?: string;
  ci?: CiProvider;
}

export interface NewArgs extends CommonArgs {
  title?: string;
  severity?: string;
  services?: string[];
  timezone?: string;
  started?: string;
}

export interface LogArgs extends CommonArgs {
  incident: string;
  text: string[];
  kind?: EventKind;
  at?: string;
  by?: string;
}

export interface ResolveArgs extends CommonArgs {
  incident: string;
  text?: string;
  at?: string;
  by?: string;
}

export interface FmtArgs extends CommonArgs {
  paths: string[];
  check: boolean;
}

export const SCHEMA_KINDS = ['incident', 'config'] as const;

export interface SchemaArgs extends CommonArgs {
  which: (typeof SCHEMA_KINDS)[number];
  out?: string;
}

export const REPORT_FORMATS = ['md', 'json', 'csv'] as const;
export const EXPORT_FORMATS = ['json', 'ndjson', 'csv'] as const;
export const EXPORT_WHAT = ['incidents', 'events', 'actions'] as const;

/** Options of the commands that read many incidents and print one result. */
export interface ManyIncidentArgs {
  config?: string;
  strict: boolean;
  paths: string[];
  /** `YYYY-MM-DD`; default today in the configured zone. */
  asOf?: string;
  out?: string;
  /** `--raw-csv`: CSV text cells as written, formula characters included. */
  rawCsv: boolean;
}

export interface IncidentFilterArgs {
  since?: string;
  until?: string;
  service?: string[];
  severity?: string[];
  tag?: string[];
  status?: Status[];
}

export interface ReportArgs extends ManyIncidentArgs, IncidentFilterArgs {
  by: GroupBy;
  format: (typeof REPORT_FORMATS)[number];
  templates?: string;
}

export interface ActionsArgs extends ManyIncidentArgs {
  owner?: string[];
  status?: (typeof ACTION_STATUSES)[number][];
  overdue: boolean;
  failOnOverdue: boolean;
  format: (typeof REPORT_FORMATS)[number];
}

export interface ExportArgs extends ManyIncidentArgs, IncidentFilterArgs {
  format: (typeof EXPORT_FORMATS)[number];
  what: (typeof EXPORT_WHAT)[number];
}

export interface PublishArgs extends CommonArgs {
  paths: string[];
  target: PublishTargetName;
  out: string;
  /** Where the folder sits under the docs root, for navigation files with absolute paths; default its name. */
  sitePath?: string;
  /** `YYYY-MM-DD`: the day the report page counts overdue items to; default today in the configured zone. */
  asOf?: string;
  /** Overwrite, or delete, pages publish wrote that were edited by hand since. */
  force: boolean;
}

export type Selected =
  | { command: 'validate'; args: ValidateArgs }
  | { command: 'build'; args: BuildArgs }
  | { command: 'render'; args: RenderArgs }
  | { command: 'init'; args: InitArgs }
  | { command: 'new'; args: NewArgs }
  | { command: 'log'; args: LogArgs }
  | { command: 'resolve'; args: ResolveArgs }
  | { command: 'fmt'; args: FmtArgs }
  | { command: 'schema'; args: SchemaArgs }
  | { command: 'report'; args: ReportArgs }
  | { command: 'actions'; args: ActionsArgs }
  | { command: 'export'; args: ExportArgs }
  | { command: 'publish'; args: PublishArgs };

const PATHS = { type: 'string', array: true, describe: 'Files, folders or globs (default: the incidents folder)' } as const;
const INCIDENT = { type: 'string', demandOption: true, describe: 'The incident: its id, or the path of its file' } as const;
const AT = {
  type: 'string',
  describe: 'When (default: now, to the minute): a time as in `at:`, or a clock time such as 14:05 for today in the incident zone',
} as const;
const TEMPLATES = { type: 'string', describe: 'Folder of templates that override the built-in ones by name' } as const;

const AS_OF = {
  type: 'string',
  describe: 'YYYY-MM-DD (default: today): leave out incidents that started later and milestones after it; count overdue items and ages to it',
} as const;
const OUT_FILE = { type: 'string', describe: 'Write to this file (atomically) instead of standard output' } as const;
const RAW_CSV = {
  type: 'boolean',
  default: false,
  describe: "CSV: write text cells as they are; by default one starting with = + - @, tab or CR gets a ' in front, so spreadsheets show it as text",
} as const;

/** --since, --until, --service, --severity, --tag, --status: which incidents count. */
function withIncidentFilters<T>(y: Argv<T>) {
  return y
    .option('since', { type: 'string', describe: 'Only incidents that started on or after this day, YYYY-MM-DD' })
    .option('until', { type: 'string', describe: 'Only incidents that started on or before this day, YYYY-MM-DD' })
    .option('service', { type: 'string', array: true, describe: 'Only incidents affecting one of these services' })
    .option('severity', { type: 'string', array: true, describe: 'Only incidents of these severities' })
    .option('tag', { type: 'string', array: true, describe: 'Only incidents with one of these tags' })
    .option('status', { choices: STATUSES, array: true, describe: 'Only incidents with these statuses' });
}

/** `--format` of the commands that report problems; `report`, `actions` and `export` have their own. */
function withProblemFormat<T>(y: Argv<T>) {
  return y.option('format', {
    choices: FORMATS,
    default: 'pretty' as OutputFormat,
    describe: 'How problems are reported; gitlab: a Code Quality report on standard output, the problems for people on standard error',
  });
}


/** What the command line asks for: a command and its arguments, or text to print (`--help`, `--version`). */
export interface ParsedCommandLine {
  selected?: Selected;
  output: string;
}

/**
 * Parses the arguments against the command definitions; a usage error is
 * thrown. `onOptions` is handed the chosen command's option definitions,
 * even when its arguments then fail validation (tests walk them).
 */
export async function parseCommandLine(argv: readonly string[], onOptions?: (options: DefinedOptions) => void): Promise<ParsedCommandLine> {
  let selected: Selected | undefined;
  const parser = yargs([...argv])
    .scriptName('postmortem')
    .usage('$0 <command> [options]\n\nTurn incident timelines (YAML) into Markdown postmortems.')
    .version(packageVersion())
    .option('config', { type: 'string', describe: 'Configuration file (default: postmortem.config.yaml here or above)' })
    .option('strict', { type: 'boolean', default: false, describe: 'Treat warnings as errors' })
    .command(
      'validate [paths..]',
      'Check incident files and report every problem',
      (y) => withProblemFormat(y).positional('paths', PATHS),
      (args) => {
        selected = { command: 'validate', args: args as unknown as ValidateArgs };
      },
    )
    .command(
      'build [paths..]',
      'Validate incidents and write a postmortem for each valid one',
      (y) =>
        withProblemFormat(y)
          .positional('paths', PATHS)
          .option('out', { type: 'string', describe: 'Output folder (default: from the configuration, else postmortems)' })
          .option('templates', TEMPLATES)
          .option('jobs', {
            type: 'number',
            describe: 'Threads to build with (default: one per core on machines with more than two, else 1)',
          })
          .check((args) => {
            if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1 && args.jobs <= 64)) {
              throw new UsageError('--jobs takes a whole number from 1 to 64');
            }
            return true;
          }),
      (args) => {
        selected = { command: 'build', args: args as unknown as BuildArgs };
      },
    )
    .command(
      'render <file>',
      'Render one incident file to standard output',
      (y) =>
        withProblemFormat(y)
          .positional('file', { type: 'string', demandOption: true, describe: 'The incident file' })
          .option('templates', TEMPLATES),
      (args) => {
        selected = { command: 'render', args: args as unknown as RenderArgs };
      },
    )
    .command(
      'init [dir]',
      'Set up a folder for incident files: configuration, incidents/, editor schema and CI',
      (y) =>
        withProblemFormat(y)
          .positional('dir', { type: 'string', describe: 'The folder to set up (default: here)' })
          .option('ci', {
            choices: CI_PROVIDERS,
            describe: 'Also add a CI job that validates incidents on every pull or merge request, and the tool as a dev dependency for it to install',
          }),
      (args) => {
        selected = { command: 'init', args: args as unknown as InitArgs };
      },
    )
    .command(
      'new [title]',
      'Start a new incident file, with an impact-start event',
      (y) =>
        withProblemFormat(y)
          .positional('title', { type: 'string', describe: 'One-line title (asked for on a terminal when missing)' })
          .option('severity', { type: 'string', describe: 'One of the configured severity levels' })
          .option('services', { type: 'string', array: true, describe: 'Affected services (repeat, or separate with commas)' })
          .option('timezone', { type: 'string', alias: 'zone', describe: 'IANA time zone (default: the configured one)' })
          .option('started', { ...AT, describe: 'When the impact started (default: now, to the minute)' }),
      (args) => {
        selected = { command: 'new', args: args as unknown as NewArgs };
      },
    )
    .command(
      'log <incident> [text..]',
      'Add a timeline event to an incident, in time order, keeping the rest of the file as it is',
      (y) =>
        withProblemFormat(y)
          .positional('incident', INCIDENT)
          .positional('text', { type: 'string', array: true, default: [] as string[], describe: 'What happened (Markdown); after `--` it may start with a dash' })
          .option('kind', { choices: EVENT_KINDS, describe: 'A milestone or a label (default: note)' })
          .option('at', AT)
          .option('by', { type: 'string', describe: 'Who or what did it' }),
      (args) => {
        selected = { command: 'log', args: args as unknown as LogArgs };
      },
    )
    .command(
      'resolve <incident>',
      'Log the resolved milestone and set the incident to status: review',
      (y) =>
        withProblemFormat(y)
          .positional('incident', INCIDENT)
          .option('at', AT)
          .option('text', { type: 'string', describe: 'The event text (default: "Resolved.")' })
          .option('by', { type: 'string', describe: 'Who resolved it' }),
      (args) => {
        selected = { command: 'resolve', args: args as unknown as ResolveArgs };
      },
    )
    .command(
      'fmt [paths..]',
      'Rewrite incident files in canonical form, keeping every comment',
      (y) =>
        withProblemFormat(y)
          .positional('paths', PATHS)
          .option('check', { type: 'boolean', default: false, describe: 'Change nothing; list the files that would change and exit 1 if any' }),
      (args) => {
        selected = { command: 'fmt', args: args as unknown as FmtArgs };
      },
    )
    .command(
      'schema [which]',
      'Print the JSON Schema for incident files (with the configured severities) or for the configuration',
      (y) =>
        withProblemFormat(y)
          .positional('which', { choices: SCHEMA_KINDS, default: 'incident' as const, describe: 'Which schema' })
          .option('out', { type: 'string', describe: 'Write it to this file instead of standard output' }),
      (args) => {
        selected = { command: 'schema', args: args as unknown as SchemaArgs };
      },
    )
    .command(
      'report [paths..]',
      'Figures across incidents: counts, time to detect and resolve, error budget, overdue action items',
      (y) =>
        withIncidentFilters(y)
          .positional('paths', PATHS)
          .option('by', { choices: GROUP_BY, default: 'month' as GroupBy, describe: 'How incidents are grouped' })
          .option('as-of', AS_OF)
          .option('format', { choices: REPORT_FORMATS, default: 'md' as const, describe: 'Markdown, JSON or CSV' })
          .option('out', OUT_FILE)
          .option('raw-csv', RAW_CSV)
          .option('templates', TEMPLATES),
      (args) => {
        selected = { command: 'report', args: args as unknown as ReportArgs };
      },
    )
    .command(
      'actions [paths..]',
      'Action items across incidents; --fail-on-overdue makes overdue ones fail CI',
      (y) =>
        y
          .positional('paths', PATHS)
          .option('owner', { type: 'string', array: true, describe: 'Only items of these owners' })
          .option('status', { choices: ACTION_STATUSES, array: true, describe: 'Only items with these statuses' })
          .option('overdue', { type: 'boolean', default: false, describe: 'Only overdue items' })
          .option('fail-on-overdue', { type: 'boolean', default: false, describe: 'Exit 1 when any item is overdue' })
          .option('as-of', AS_OF)
          .option('format', { choices: REPORT_FORMATS, default: 'md' as const, describe: 'A Markdown table, JSON or CSV' })
          .option('out', OUT_FILE)
          .option('raw-csv', RAW_CSV),
      (args) => {
        selected = { command: 'actions', args: args as unknown as ActionsArgs };
      },
    )
    .command(
      'export [paths..]',
      'One row per incident, timeline event or action item, for BI tools',
      (y) =>
        withIncidentFilters(y)
          .positional('paths', PATHS)
          .option('what', { choices: EXPORT_WHAT, default: 'incidents' as const, describe: 'What a row is' })
          .option('format', { choices: EXPORT_FORMATS, default: 'json' as const, describe: 'A JSON array, one JSON object per line, or CSV' })
          .option('as-of', { ...AS_OF, describe: 'The day overdue items are counted to, YYYY-MM-DD (default: today); every incident is exported' })
          .option('out', OUT_FILE)
          .option('raw-csv', RAW_CSV),
      (args) => {
        selected = { command: 'export', args: args as unknown as ExportArgs };
      },
    )
    .command(
      'publish [paths..]',
      'Publish the postmortems, an index and the report to a documentation site folder',
      (y) =>
        withProblemFormat(y)
          .positional('paths', PATHS)
          .option('target', { choices: PUBLISH_TARGETS, demandOption: true, describe: 'The kind of site' })
          .option('out', { type: 'string', demandOption: true, describe: 'The folder to publish into' })
          .option('site-path', {
            type: 'string',
            describe: "The folder's path under the site's docs root, for the navigation files (mkdocs nav.yml, vitepress sidebar.json); default: the folder's name",
          })
          .option('templates', TEMPLATES)
          .option('as-of', { ...AS_OF, describe: 'The day the report page is as of, YYYY-MM-DD (default: today), as for `report --as-of`' })
          .option('force', { type: 'boolean', default: false, describe: 'Overwrite (or delete) pages publish wrote that were edited by hand since' }),
      (args) => {
        selected = { command: 'publish', args: args as unknown as PublishArgs };
      },
    )
    .example('$0 init --ci github', 'Set up this repository for incident files')
    .example('$0 new "Checkout errors" --severity SEV2', 'Open a new incident when the pager goes off')
    .example('$0 log 2026-11-25-checkout-errors Rolled back the deploy --kind mitigated', 'Note what just happened')
    .example('$0 build', 'Render every incident in incidents/ into postmortems/')
    .example('$0 validate --format github', 'Check incidents in CI, with annotations')
    .epilogue('Exit codes: 0 all valid, 1 some input invalid, 2 usage or internal error.')
    .demandCommand(1, 'Name a command: validate, build, render, init, new, log, resolve, fmt, schema, report, actions, export or publish.')
    .strict()
    // Words after `--` are never options: `log ID -- "- text"`, `validate -- -odd-name.yaml`.
    // No option has parts: `--site-path.a b` is an unknown option, not an object where a string is expected.
    .parserConfiguration({ 'populate--': true, 'dot-notation': false })
    // yargs passes the chosen command's parser as a second argument, which its types leave out.
    .middleware((args: Record<string, unknown>, chosen?: unknown) => {
      const options = (chosen as OptionSource).getOptions();
      onOptions?.(options);
      lastValueWins(args, options);
    }, true)
    .wrap(100)
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });

  const output = await new Promise<string>((resolve, reject) => {
    void parser.parse([...argv], {}, (error, _args, text) => (error ? reject(error) : resolve(text ?? '')));
  });
  return selected ? { selected, output } : { output };
}

/**
 * The whole CLI: parse the arguments, then run one command. Commands are
 * loaded only when chosen, so `validate` never loads the Markdown and template
 * machinery. Returns the exit code instead of exiting, for in-process tests.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ParsedCommandLine;
  try {
    parsed = await parseCommandLine(argv);
  } catch (error) {
    io.stderr(`postmortem: ${(error as Error).message}\nRun \`postmortem --help\` for usage.\n`);
    return EXIT_USAGE;
  }
  const { output, selected } = parsed;
  if (output) {
    io.stdout(`${output}\n`);
    return EXIT_OK;
  }
  if (!selected) return EXIT_OK;

  try {
    takeLiteralWords(selected);
    switch (selected.command) {
      case 'validate':
        return await (await import('./commands/validate.js')).runValidate(selected.args, io);
      case 'build':
        return await (await import('./commands/build.js')).runBuild(selected.args, io);
      case 'render':
        return await (await import('./commands/render.js')).runRender(selected.args, io);
      case 'init':
        return await (await import('./commands/init.js')).runInit(selected.args, io);
      case 'new':
        return await (await import('./commands/new.js')).runNew(selected.args, io);
      case 'log':
        return await (await import('./commands/log.js')).runLog(selected.args, io);
      case 'resolve':
        return await (await import('./commands/log.js')).runResolve(selected.args, io);
      case 'fmt':
        return await (await import('./commands/fmt.js')).runFmt(selected.args, io);
      case 'schema':
        return await (await import('./commands/schema.js')).runSchema(selected.args, io);
      case 'report':
        return await (await import('./commands/report.js')).runReport(selected.args, io);
      case 'actions':
        return await (await import('./commands/actions.js')).runActions(selected.args, io);
      case 'export':
        return await (await import('./commands/export.js')).runExport(selected.args, io);
      case 'publish':
        return await (await import('./commands/publish.js')).runPublish(selected.args, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`postmortem: ${visibleControls(error.message)}\n`);
      return EXIT_USAGE;
    }
    const detail = io.env.POSTMORTEM_DEBUG ? ((error as Error).stack ?? String(error)) : String((error as Error).message ?? error);
    io.stderr(
      `postmortem: internal error: ${detail}\nThis is a bug in postmortem; please report it with the command you ran (set POSTMORTEM_DEBUG=1 for details).\n`,
    );
    return EXIT_USAGE;
  }
}
