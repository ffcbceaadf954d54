import yargs from 'yargs';
import { packageVersion } from '../package-root.js';
import { GLOBAL_OPTIONS } from './command.js';
import type { ParsedCommandLine, Selected } from './command-line.js';
import { COMMANDS } from './commands/index.js';
import { UsageError } from './exit-codes.js';
import { type DefinedOptions, type OptionSource, lastValueWins } from './single-valued.js';

/** `validate, build, … or publish`. */
function commandList(): string {
  const names = COMMANDS.map((command) => command.name);
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * The whole command line as yargs reads it: help, version, completion of
 * every form of option and every usage error. Loaded only when the quick
 * parser (quick-parse.ts) leaves a command line to it, as yargs is the
 * larger part of start-up. `onOptions` is handed the chosen command's option
 * definitions, even when its arguments then fail validation (tests walk them).
 */
export async function parseWithYargs(given: readonly string[], onOptions?: (options: DefinedOptions) => void): Promise<ParsedCommandLine> {
  const argv = withDashesHidden(given);
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
        selected = { command, args: withDashesBack(args) };
      },
    );
  }
  parser
    .example('$0 init --ci github', 'Set up this repository for incident files')
    .example('$0 new "Checkout errors" --severity SEV2', 'Open a new incident when the pager goes off')
    .example('$0 log checkout Rolled back the deploy --kind mitigated', 'Note what just happened (any unique part of the id names it)')
    .example('$0 amend checkout --text "Rolled back deploy 4512"', 'Fix the event just logged (undo takes it back)')
    .example('$0 build', 'Render every incident in incidents/ into postmortems/')
    .example('$0 validate --format github', 'Check incidents in CI, with annotations')
    .epilogue('Exit codes: 0 all valid, 1 some input invalid, 2 usage or internal error, 130 cancelled at a question.')
    .demandCommand(1, `Name a command: ${commandList()}.`)
    .strict()
    // Words after `--` are never options: `log ID -- "- text"`, `validate -- -odd-name.yaml`.
    // No option has parts: `--site-path.a b` is an unknown option, not an object where a string is expected.
    // Words are words: after `--`, `log -- 4.10 deployed to 0x1F hosts` must not become `4.1 deployed to 31 hosts`.
    .parserConfiguration({ 'populate--': true, 'dot-notation': false, 'parse-positional-numbers': false })
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
      // yargs quotes a value as JSON does (`Given: "\u0000-"`).
      throw error ?? new UsageError(message.replaceAll(DASH, '-').replaceAll(JSON.stringify(DASH).slice(1, -1), '-'));
    });

  const output = await new Promise<string>((resolve, reject) => {
    void parser.parse([...argv], {}, (error, _args, text) => (error ? reject(error) : resolve(text ?? '')));
  });
  if (selected) refusePositionalAsOption(selected.command, given);
  return selected ? { selected, output } : { output };
}

/**
 * yargs takes `--text "…"` for the positional `text` of `log` and keeps one
 * of the two, so half of what was typed went nowhere: a positional's name
 * given as an option, before `--`, is refused.
 */
function refusePositionalAsOption(command: Selected['command'], given: readonly string[]): void {
  const end = given.indexOf('--');
  for (const word of end === -1 ? given : given.slice(0, end)) {
    const name = /^--([a-z][a-z\d-]*)(?:=|$)/.exec(word)?.[1];
    if (name !== undefined && Object.hasOwn(command.positionals, name) && !Object.hasOwn(command.options, name)) {
      throw new UsageError(`\`--${name}\` is not an option of \`${command.name}\`: give ${name} as words (${command.usage.replace(/^\S+\s*/, '')})`);
    }
  }
}

/**
 * A lone `-` (standard input, by convention) stands in as this word while
 * yargs reads the command line, which would otherwise lose it: it reads one
 * as an empty word, drops it from a list (`validate -` then validated the
 * default folder) and takes it out of an option's value. No word of a real
 * command line holds a NUL.
 */
const DASH = '\u0000-';

function withDashesHidden(argv: readonly string[]): string[] {
  const literal = argv.indexOf('--');
  return argv.map((word, i) => (word === '-' && (literal === -1 || i < literal) ? DASH : word));
}

function withDashesBack<Args extends Record<string, unknown>>(args: Args): Args {
  const back = (value: unknown): unknown => (value === DASH ? '-' : Array.isArray(value) ? value.map(back) : value);
  for (const [name, value] of Object.entries(args)) (args as Record<string, unknown>)[name] = back(value);
  return args;
}
