import type { ParsedCommandLine, Selected } from './command-line.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import type { CliIo } from './io.js';
import { quickParse } from './quick-parse.js';
import type { DefinedOptions } from './single-valued.js';
import { visibleControls } from '../diagnostics/quote.js';
import { packageVersion } from '../package-root.js';

export type { ParsedCommandLine, Selected } from './command-line.js';

/**
 * Parses the arguments against the command table; a usage error is thrown.
 * The common command lines (and `--version` alone) are read without yargs
 * (quick-parse.ts), which is loaded for the rest: help and every usage
 * error. `onOptions` is handed yargs' definitions of the chosen command's
 * options, even when its arguments then fail validation (tests walk them).
 */
export async function parseCommandLine(argv: readonly string[], onOptions?: (options: DefinedOptions) => void): Promise<ParsedCommandLine> {
  // `postmortem --version` alone: the package's version, as yargs prints it, without loading yargs.
  if (!onOptions && argv.length === 1 && argv[0] === '--version') return { output: packageVersion() };
  const selected = onOptions ? undefined : quickParse(argv, COMMANDS);
  if (selected) return { selected, output: '' };
  const { parseWithYargs } = await import('./parse-with-yargs.js');
  return parseWithYargs(argv, onOptions);
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
