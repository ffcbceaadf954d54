import { type Command, GLOBAL_OPTIONS, type OptionDeclaration } from './command.js';
import type { Selected } from './command-line.js';
import { camelCase } from './single-valued.js';

/**
 * The command lines people type every day (`validate`, `build --out site`,
 * `report --as-of 2026-01-01`), read without loading yargs, which was about
 * a third of the start-up of `validate`. It takes only what it reads exactly
 * as yargs does: the command's name, then words for its positionals and its
 * declared options as `--name value`, `--name=value` or `--flag`. Anything
 * else (help, version, short, negated or list options, a value yargs could
 * read another way, every usage error) is left to yargs: `undefined` says
 * so. Nothing is reported from here, so yargs' messages stay the only ones.
 * test/quick-parse.test.ts checks that both agree on random command lines.
 */
export function quickParse(argv: readonly string[], commands: readonly Command[]): Selected | undefined {
  const command = commands.find((candidate) => candidate.name === argv[0]);
  if (!command) return undefined;
  const options: Record<string, OptionDeclaration> = { ...GLOBAL_OPTIONS, ...command.options };
  const given = new Map<string, unknown>();
  const words: string[] = [];
  let index = 1;
  for (; index < argv.length && argv[index] !== '--'; index += 1) {
    const word = argv[index]!;
    if (!word.startsWith('-')) {
      words.push(word);
      continue;
    }
    const [, written, inline] = /^--([a-z][a-z\d-]*)(?:=(.*))?$/s.exec(word) ?? [];
    const name = written === undefined ? undefined : declaredName(written, options);
    if (name === undefined) return undefined;
    const option = options[name]!;
    if (option.array) return undefined;
    if (option.type === 'boolean') {
      // yargs reads `--strict=false` and `--strict false` as values: left to it.
      if (inline !== undefined || /^(true|false)$/i.test(argv[index + 1] ?? '')) return undefined;
      given.set(name, true);
      continue;
    }
    const text = inline ?? argv[(index += 1)];
    // A missing value, one like an option, or an empty `--name=`: yargs decides what they mean.
    if (text === undefined || text.startsWith('-') || inline === '') return undefined;
    const value = valueOf(text, option);
    if (value === undefined) return undefined;
    given.set(name, value);
  }

  const args: Record<string, unknown> = { _: [command.name], $0: 'postmortem' };
  let next = 0;
  for (const [name, positional] of Object.entries(command.positionals)) {
    if (positional.array) {
      const rest = words.slice(next);
      next = words.length;
      set(args, name, [], rest.length > 0 ? rest : (positional.default ?? []));
      continue;
    }
    const word = words[next];
    next += 1;
    if (word === undefined && positional.demandOption) return undefined;
    if (word !== undefined && positional.choices && !positional.choices.includes(word)) return undefined;
    set(args, name, [], word ?? positional.default);
  }
  if (next < words.length) return undefined;
  for (const [name, option] of Object.entries(options)) {
    if (!given.has(name) && option.demandOption) return undefined;
    set(args, name, aliasesOf(option), given.has(name) ? given.get(name) : option.default);
  }
  const literal = argv.slice(index + 1);
  if (literal.length > 0) args['--'] = literal;
  // The command's own rule (`--jobs` from 1 to 64): when it fails, yargs reports it.
  return command.usageProblem(args) === undefined ? { command, args } : undefined;
}

/** The declared option a name on the command line stands for: itself, or one of its aliases (`--zone`). */
function declaredName(written: string, options: Record<string, OptionDeclaration>): string | undefined {
  if (Object.hasOwn(options, written)) return written;
  return Object.keys(options).find((name) => aliasesOf(options[name]!).includes(written));
}

function aliasesOf(option: OptionDeclaration): readonly string[] {
  const { alias } = option;
  return alias === undefined ? [] : typeof alias === 'string' ? [alias] : alias;
}

/** The value of `--name text` as yargs makes it, or `undefined` where yargs would refuse it or read it differently. */
function valueOf(text: string, option: OptionDeclaration): string | number | undefined {
  const { choices } = option;
  if (choices) return choices.includes(text) ? text : undefined;
  // yargs reads `010`, `1e3` or `0x10` as numbers in ways not worth copying.
  if (option.type === 'number') return /^(0|[1-9]\d{0,14})$/.test(text) ? Number(text) : undefined;
  // yargs takes the quotes off `--config="a b"`.
  return /^["']/.test(text) ? undefined : text;
}

/** Gives a value under every name yargs gives it: the name, its aliases, and the camelCase form of each (`as-of`, `asOf`). */
function set(args: Record<string, unknown>, name: string, aliases: readonly string[], value: unknown): void {
  if (value === undefined) return;
  for (const each of [name, ...aliases]) {
    // A copy of a list, so that no handler can change a declared default.
    args[each] = Array.isArray(value) ? [...(value as unknown[])] : value;
    args[camelCase(each)] = args[each];
  }
}
