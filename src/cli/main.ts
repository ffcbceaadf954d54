import { packageVersion } from '../package-root.js';
import yargs from 'yargs';
import { type Command, GLOBAL_OPTIONS } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import type { CliIo } from './io.js';
import { type DefinedOptions, type OptionSource, lastValueWins } from './single-valued.js';
import { visibleControls } from '../diagnostics/quote.js';

/** The command the command line chose, and its arguments as yargs parsed them. */
export interface Selected {
  command: Command;
  args: Record<string, unknown>;
}

/** What the command line asks for: a command and its arguments, or text to print (`--help`, `--version`). */
export interface ParsedCommandLine {
  selected?: Selected;
  output: string;
}

/** `validate, build, … or publish`. */
function commandList(): string {
  const names = COMMANDS.map((command) => command.name);
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * Parses the arguments against the command table; a usage error is thrown.
 * `onOptions` is handed the chosen command's option definitions, even when
 * its arguments then fail validation (tests walk them).
 */
export async function parseCommandLine(argv: readonly string[], onOptions?: (options: DefinedOptions) => void): Promise<ParsedCommandLine> {
  let selected: Selected | undefined;
  const parser = yargs([...argv])
    .scriptName('postmortem')
    .usage('$0 <command> [options]\n\nTurn incident timelines (YAML) into Markdown postmortems.')
    .version(packageVersion())
    .options(GLOBAL_OPTIONS);
  for (const command of COMMANDS) {
    parser.command(
      command.usage,
      command.describe,
      (y) => command.declare(y),
      (args) => {
        selected = { command, args };
      },
    );
  }
  parser
    .example('$0 init --ci github', 'Set up this repository for incident files')
    .example('$0 new "Checkout errors" --severity SEV2', 'Open a new incident when the pager goes off')
    .example('$0 log 2026-11-25-checkout-errors Rolled back the deploy --kind mitigated', 'Note what just happened')
    .example('$0 build', 'Render every incident in incidents/ into postmortems/')
    .example('$0 validate --format github', 'Check incidents in CI, with annotations')
    .epilogue('Exit codes: 0 all valid, 1 some input invalid, 2 usage or internal error.')
    .demandCommand(1, `Name a command: ${commandList()}.`)
    .strict()
    // Words after `--` are never options: `log ID -- "- text"`, `validate -- -odd-name.yaml`.
    // No option has parts: `--site-path.a b` is an unknown option, not an object where a string is expected.
    .parserConfiguration({ 'populate--': true, 'dot-notation': false })
    // yargs passes the chosen command's parser as a second argument, which its types leave out.
    .middleware((args: Record<string, unknown>, chosen?: OptionSource) => {
      if (!chosen) return;
      const options = chosen.getOptions();
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

/** Appends the words after `--` to the command's list positional (`paths..`, `text..`); a command without one takes none. */
function takeLiteralWords({ command, args }: Selected): void {
  const given = args['--'];
  delete args['--'];
  const words = Array.isArray(given) ? given.map(String) : [];
  if (words.length === 0) return;
  if (command.listPositional === undefined) throw new UsageError(`\`${command.name}\` takes nothing after \`--\``);
  const list = args[command.listPositional];
  args[command.listPositional] = [...(Array.isArray(list) ? list : []), ...words];
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
    return await selected.command.run(selected.args, io);
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
