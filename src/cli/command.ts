import type { Argv, Options, PositionalOptions } from 'yargs';
import { UsageError } from './exit-codes.js';
import type { CliIo } from './io.js';
import { camelCase } from './single-valued.js';

/**
 * A command is declared once, as data: its name, what it does, its
 * positionals and options (yargs' own declarations), and its handler, which
 * is imported only when the command is chosen (so `--help` and `validate`
 * never load the Markdown and template machinery). The handler's argument
 * type is worked out from the declarations: an option declared here reaches
 * the handler typed, under its camelCase name (`--as-of` is `asOf`).
 */

/** An option: a type or a list of choices says what its value is. */
export type OptionDeclaration = Options & ({ type: 'string' | 'boolean' | 'number' } | { choices: readonly string[] });
/** A positional: a string, or one of a list of choices. */
export type PositionalDeclaration = PositionalOptions & ({ type: 'string' } | { choices: readonly string[] });

type Declarations = Record<string, OptionDeclaration | PositionalDeclaration>;

/** Options every command takes. */
export const GLOBAL_OPTIONS = {
  config: { type: 'string', describe: 'Configuration file (default: postmortem.config.yaml here or above)' },
  strict: { type: 'boolean', default: false, describe: 'Treat warnings as errors' },
} as const satisfies Record<string, OptionDeclaration>;

type Scalar<D> = D extends { choices: readonly (infer C)[] }
  ? C
  : D extends { type: 'boolean' }
    ? boolean
    : D extends { type: 'number' }
      ? number
      : string;
type Value<D> = D extends { array: true } ? Scalar<D>[] : Scalar<D>;
/** Whether the handler always gets a value: the option has a default or must be given. */
type Always<D> = D extends { default: unknown } ? true : D extends { demandOption: true } ? true : false;
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type Flat<T> = { [K in keyof T]: T[K] } & {};

/** The values of declared options, by their camelCase names: `{ 'as-of': { type: 'string' } }` is `{ asOf?: string }`. */
export type ValuesOf<O> = Flat<
  { [K in keyof O & string as Always<O[K]> extends true ? CamelCase<K> : never]: Value<O[K]> } & {
    [K in keyof O & string as Always<O[K]> extends true ? never : CamelCase<K>]?: Value<O[K]>;
  }
>;

/** What a command's handler receives: the global options, its positionals and its options. */
export type ArgsOf<P, O> = Flat<ValuesOf<typeof GLOBAL_OPTIONS> & ValuesOf<P> & ValuesOf<O>>;

export type Handler<A> = (args: A, io: CliIo) => Promise<number>;

export interface CommandDeclaration<P extends Record<string, PositionalDeclaration>, O extends Record<string, OptionDeclaration>> {
  name: string;
  describe: string;
  /** In command-line order; a required one is `<name>`, a list `[name..]`, which also takes the words after `--`. */
  positionals?: P;
  /** In the order `--help` lists them. */
  options: O;
  /** A rule across the values, after yargs' own checks: a message is a usage error. */
  check?: (args: ArgsOf<P, O>) => string | undefined;
  /** The handler, imported when the command is chosen. */
  handler: () => Promise<Handler<ArgsOf<P, O>>>;
}

/** A declared command as the command table holds it: what yargs is told, and how to run it on the parsed arguments. */
export interface Command {
  name: string;
  /** `log <incident> [text..]`. */
  usage: string;
  describe: string;
  /** The list positional (`paths`, `text`) the words after `--` join, if the command has one. */
  listPositional: string | undefined;
  /** Its positionals, in command-line order, and its own options (not the global ones): the parser reads them. */
  positionals: Readonly<Record<string, PositionalDeclaration>>;
  options: Readonly<Record<string, OptionDeclaration>>;
  /** The command's rule across the values (`check`), for arguments of the declared types: a message, or none. */
  usageProblem(args: Record<string, unknown>): string | undefined;
  /** Declares the positionals and options on the command's parser. */
  declare(parser: Argv): Argv;
  run(args: Record<string, unknown>, io: CliIo): Promise<number>;
}

export function defineCommand<P extends Record<string, PositionalDeclaration> = Record<never, never>, O extends Record<string, OptionDeclaration> = Record<never, never>>(
  declaration: CommandDeclaration<P, O>,
): Command {
  const positionals: Record<string, PositionalDeclaration> = declaration.positionals ?? {};
  const declarations: Declarations = { ...GLOBAL_OPTIONS, ...positionals, ...declaration.options };
  /** The parsed arguments as the handler sees them, once their values are checked against the declarations. */
  const declared = (args: Record<string, unknown>): ArgsOf<P, O> => {
    if (hasDeclaredValues<ArgsOf<P, O>>(args, declarations)) return args;
    throw new Error(`\`${declaration.name} --${misfit(args, declarations)}\` was parsed into a value its declaration does not allow`);
  };
  const usageProblem = (args: Record<string, unknown>): string | undefined => declaration.check?.(declared(args));
  const words = (name: string, p: PositionalDeclaration) => `${name}${p.array ? '..' : ''}`;
  return {
    name: declaration.name,
    usage: [declaration.name, ...Object.entries(positionals).map(([name, p]) => (p.demandOption ? `<${words(name, p)}>` : `[${words(name, p)}]`))].join(' '),
    describe: declaration.describe,
    listPositional: Object.keys(positionals).find((name) => positionals[name]!.array),
    positionals,
    options: declaration.options,
    usageProblem,
    declare(parser) {
      for (const [name, option] of Object.entries(declaration.options)) parser.option(name, option);
      for (const [name, positional] of Object.entries(positionals)) parser.positional(name, positional);
      if (declaration.check) {
        parser.check((args) => {
          const problem = usageProblem(args);
          if (problem !== undefined) throw new UsageError(problem);
          return true;
        });
      }
      return parser;
    },
    async run(args, io) {
      const handler = await declaration.handler();
      return handler(declared(args), io);
    },
  };
}

/**
 * Whether every declared value is of its declared type. yargs has parsed and
 * checked the arguments against the same declarations: this makes the
 * handler's argument type a checked fact rather than a cast.
 */
function hasDeclaredValues<A>(args: Record<string, unknown>, declarations: Declarations): args is Record<string, unknown> & A {
  return misfit(args, declarations) === undefined;
}

/** The first option whose value is not what its declaration says, if any. */
function misfit(args: Record<string, unknown>, declarations: Declarations): string | undefined {
  return Object.keys(declarations).find((name) => {
    const declaration = declarations[name]!;
    const value = args[camelCase(name)];
    if (value === undefined) return 'default' in declaration || Boolean(declaration.demandOption);
    const values: unknown[] = declaration.array ? (Array.isArray(value) ? value : [null]) : [value];
    const { choices } = declaration;
    return !values.every((one) => (choices ? choices.some((choice) => choice === one) : typeof one === (declaration.type ?? 'string')));
  });
}
