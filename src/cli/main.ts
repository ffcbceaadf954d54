import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import yargs from 'yargs';
import { EVENT_KINDS, type EventKind } from '../schema/vocabulary.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import type { CliIo } from './io.js';

export const FORMATS = ['pretty', 'json', 'github'] as const;
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
  ci?: 'github';
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

type Selected =
  | { command: 'validate'; args: ValidateArgs }
  | { command: 'build'; args: BuildArgs }
  | { command: 'render'; args: RenderArgs }
  | { command: 'init'; args: InitArgs }
  | { command: 'new'; args: NewArgs }
  | { command: 'log'; args: LogArgs }
  | { command: 'resolve'; args: ResolveArgs }
  | { command: 'fmt'; args: FmtArgs }
  | { command: 'schema'; args: SchemaArgs };

const PATHS = { type: 'string', array: true, describe: 'Files, folders or globs (default: the incidents folder)' } as const;
const INCIDENT = { type: 'string', demandOption: true, describe: 'The incident: its id, or the path of its file' } as const;
const AT = {
  type: 'string',
  describe: 'When (default: now, to the minute): a time as in `at:`, or a clock time such as 14:05 for today in the incident zone',
} as const;
const TEMPLATES = { type: 'string', describe: 'Folder of templates that override the built-in ones by name' } as const;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * The whole CLI: parse the arguments, then run one command. Commands are
 * loaded only when chosen, so `validate` never loads the Markdown and template
 * machinery. Returns the exit code instead of exiting, for in-process tests.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let selected: Selected | undefined;
  const parser = yargs([...argv])
    .scriptName('postmortem')
    .usage('$0 <command> [options]\n\nTurn incident timelines (YAML) into Markdown postmortems.')
    .version(packageVersion())
    .option('config', { type: 'string', describe: 'Configuration file (default: postmortem.config.yaml here or above)' })
    .option('strict', { type: 'boolean', default: false, describe: 'Treat warnings as errors' })
    .option('format', { choices: FORMATS, default: 'pretty' as OutputFormat, describe: 'How problems are reported' })
    .command(
      'validate [paths..]',
      'Check incident files and report every problem',
      (y) => y.positional('paths', PATHS),
      (args) => {
        selected = { command: 'validate', args: args as unknown as ValidateArgs };
      },
    )
    .command(
      'build [paths..]',
      'Validate incidents and write a postmortem for each valid one',
      (y) =>
        y
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
        y
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
        y
          .positional('dir', { type: 'string', describe: 'The folder to set up (default: here)' })
          .option('ci', { choices: ['github'] as const, describe: 'Also add a CI workflow that validates incidents on every pull request' }),
      (args) => {
        selected = { command: 'init', args: args as unknown as InitArgs };
      },
    )
    .command(
      'new [title]',
      'Start a new incident file, with an impact-start event',
      (y) =>
        y
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
        y
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
        y
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
        y
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
        y
          .positional('which', { choices: SCHEMA_KINDS, default: 'incident' as const, describe: 'Which schema' })
          .option('out', { type: 'string', describe: 'Write it to this file instead of standard output' }),
      (args) => {
        selected = { command: 'schema', args: args as unknown as SchemaArgs };
      },
    )
    .example('$0 init --ci github', 'Set up this repository for incident files')
    .example('$0 new "Checkout errors" --severity SEV2', 'Open a new incident when the pager goes off')
    .example('$0 log 2026-11-25-checkout-errors Rolled back the deploy --kind mitigated', 'Note what just happened')
    .example('$0 build', 'Render every incident in incidents/ into postmortems/')
    .example('$0 validate --format github', 'Check incidents in CI, with annotations')
    .epilogue('Exit codes: 0 all valid, 1 some input invalid, 2 usage or internal error.')
    .demandCommand(1, 'Name a command: validate, build, render, init, new, log, resolve, fmt or schema.')
    .strict()
    // Words after `--` are never options: `log ID -- "- text"`, `validate -- -odd-name.yaml`.
    .parserConfiguration({ 'populate--': true })
    .wrap(100)
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });

  let output = '';
  try {
    output = await new Promise<string>((resolve, reject) => {
      void parser.parse([...argv], {}, (error, _args, text) => (error ? reject(error) : resolve(text ?? '')));
    });
  } catch (error) {
    io.stderr(`postmortem: ${(error as Error).message}\nRun \`postmortem --help\` for usage.\n`);
    return EXIT_USAGE;
  }
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
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`postmortem: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const detail = io.env.POSTMORTEM_DEBUG ? ((error as Error).stack ?? String(error)) : String((error as Error).message ?? error);
    io.stderr(
      `postmortem: internal error: ${detail}\nThis is a bug in postmortem; please report it with the command you ran (set POSTMORTEM_DEBUG=1 for details).\n`,
    );
    return EXIT_USAGE;
  }
}
