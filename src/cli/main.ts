import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import yargs from 'yargs';
import { EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import type { CliIo } from './io.js';

export const FORMATS = ['pretty', 'json', 'github'] as const;
export type OutputFormat = (typeof FORMATS)[number];

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

type Selected =
  | { command: 'validate'; args: ValidateArgs }
  | { command: 'build'; args: BuildArgs }
  | { command: 'render'; args: RenderArgs };

const PATHS = { type: 'string', array: true, describe: 'Files, folders or globs (default: the incidents folder)' } as const;
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
    .example('$0 build', 'Render every incident in incidents/ into postmortems/')
    .example('$0 validate --format github', 'Check incidents in CI, with annotations')
    .epilogue('Exit codes: 0 all valid, 1 some input invalid, 2 usage or internal error.')
    .demandCommand(1, 'Name a command: validate, build or render.')
    .strict()
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
    switch (selected.command) {
      case 'validate':
        return await (await import('./commands/validate.js')).runValidate(selected.args, io);
      case 'build':
        return await (await import('./commands/build.js')).runBuild(selected.args, io);
      case 'render':
        return await (await import('./commands/render.js')).runRender(selected.args, io);
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
