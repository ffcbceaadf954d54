/**
 * A single-valued option given twice keeps its last value (`--as-of a --as-of
 * b` is b), as in most command-line tools; yargs would otherwise hand the
 * command a list where it expects one value. Which options take one value is
 * read from the chosen command's own option definitions (every option not
 * declared `array`), so a new option needs no entry in a list kept by hand.
 */

/** The part of yargs' option definitions (its untyped `getOptions()`) this reads. */
export interface DefinedOptions {
  /** Every option and positional of the command, global ones included, aliases included. */
  key: Record<string, boolean>;
  /** Those declared `array: true` (`--service`, `paths..`). */
  array: string[];
  /** Each option's other names (`timezone` → `zone`). */
  alias: Record<string, string[]>;
}

/** yargs' middleware receives the parser of the chosen command, which knows that command's options. */
export interface OptionSource {
  getOptions(): DefinedOptions;
}

/** `site-path` → `sitePath`, the second name yargs gives every dashed option. */
export function camelCase(name: string): string {
  return name.replace(/-+([^-])/g, (_, letter: string) => letter.toUpperCase());
}

/** Every name under which an option reaches the command: itself, its aliases, and their camelCase forms. */
function namesOf(option: string, options: DefinedOptions): string[] {
  const names = [option, ...(options.alias[option] ?? [])];
  return [...names, ...names.map(camelCase)];
}

/** The names (as in the parsed arguments) of the options that take one value. */
export function singleValuedKeys(options: DefinedOptions): Set<string> {
  const lists = new Set(options.array.flatMap((option) => namesOf(option, options)));
  const single = new Set<string>();
  for (const option of Object.keys(options.key)) {
    for (const name of namesOf(option, options)) if (!lists.has(name)) single.add(name);
  }
  return single;
}

/** Replaces the list yargs made of a single-valued option given more than once by its last value. */
export function lastValueWins(argv: Record<string, unknown>, options: DefinedOptions): void {
  const single = singleValuedKeys(options);
  for (const [key, value] of Object.entries(argv)) {
    if (single.has(key) && Array.isArray(value)) argv[key] = value.at(-1);
  }
}
