import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseCommandLine } from '../src/cli/main.js';
import { type DefinedOptions, camelCase, singleValuedKeys } from '../src/cli/single-valued.js';
import { FIXTURES, RUNNERS, runCli, tempDir } from './helpers.js';

/**
 * Every option that takes one value keeps the last of several (`--site-path a
 * --site-path b` is b). The cases are generated from the command definitions
 * themselves, so an option added later is covered without touching this file.
 */

/** yargs' definitions, with the parts used here to make up valid values. */
interface Definitions extends DefinedOptions {
  boolean: string[];
  number: string[];
  choices: Record<string, readonly string[]>;
  demandedOptions: Record<string, unknown>;
}

/** The commands and their usage lines, as `--help` lists them (`render <file>`). */
async function commands(): Promise<{ name: string; usage: string }[]> {
  const { output } = await parseCommandLine(['--help']);
  const section = /\nCommands:\n([\s\S]*?)\n\n/.exec(output)![1]!;
  return [...section.matchAll(/^ {2}postmortem (\w+)((?: [<[][^\]>]+[\]>])*)/gm)].map((match) => ({ name: match[1]!, usage: match[2]! }));
}

/** The chosen command's option definitions, as the parser sees them (the arguments need not be valid). */
async function definitionsOf(command: string, usage: string): Promise<Definitions> {
  let found: DefinedOptions | undefined;
  // yargs checks required positionals before it hands over the definitions; options are checked after.
  await parseCommandLine([command, ...positionalWords(usage)], (options) => {
    found = options;
  }).catch(() => undefined);
  assert.ok(found, `no options seen for ${command}`);
  return found as Definitions;
}

/** A word for each required positional of a usage line (`<file>`). */
function positionalWords(usage: string): string[] {
  return [...usage.matchAll(/<[^>]+>/g)].map(() => 'x');
}

/** Two different valid values for an option (the same one twice when only one is allowed). */
function twoValues(option: string, definitions: Definitions): [string, string] {
  const choices = definitions.choices[option];
  if (choices) return [choices[0]!, choices.at(-1)!];
  if (definitions.number.includes(option)) return ['1', '2'];
  return ['first', 'second'];
}

/** What the command needs to parse at all: a word for each required positional, a value for each demanded option. */
function required(usage: string, definitions: Definitions, except: string): string[] {
  const words = positionalWords(usage);
  // A required positional is demanded too, and given as its word: as an option it is refused.
  const positionals = new Set([...usage.matchAll(/[<[]([^\].>]+)/g)].map((match) => match[1]!));
  for (const option of Object.keys(definitions.demandedOptions)) {
    if (option !== except && !positionals.has(option)) words.push(`--${option}`, twoValues(option, definitions)[0]);
  }
  return words;
}

describe('single-valued options given twice', () => {
  it('keep the last value, for every option of every command that is not a list', async () => {
    const all = await commands();
    assert.ok(all.length >= 13, `only ${all.length} commands found in --help`);
    let checked = 0;
    for (const { name, usage } of all) {
      const definitions = await definitionsOf(name, usage);
      const positionals = new Set([...usage.matchAll(/[<[]([^\].>]+)/g)].map((match) => match[1]!));
      const options = Object.keys(definitions.key).filter(
        (option) =>
          singleValuedKeys(definitions).has(option) &&
          !positionals.has(option) &&
          !['help', 'version'].includes(option) &&
          // Aliases are given under their main name.
          !Object.values(definitions.alias).some((aliases) => aliases.includes(option)),
      );
      for (const option of options) {
        const isFlag = definitions.boolean.includes(option);
        const [first, second] = twoValues(option, definitions);
        const given = isFlag ? [`--${option}`, `--no-${option}`] : [`--${option}`, first, `--${option}`, second];
        const argv = [name, ...required(usage, definitions, option), ...given];
        const parsed = await parseCommandLine(argv);
        assert.ok(parsed.selected, `${argv.join(' ')}: nothing selected`);
        const args = parsed.selected.args as unknown as Record<string, unknown>;
        const expected = isFlag ? false : definitions.number.includes(option) ? Number(second) : second;
        assert.deepEqual(args[option], expected, `${argv.join(' ')}: --${option}`);
        assert.deepEqual(args[camelCase(option)], expected, `${argv.join(' ')}: ${camelCase(option)}`);
        // Nor can a dotted name make an object of it (`--site-path.a b`): it is an unknown option.
        if (!isFlag) {
          const dotted = [name, ...required(usage, definitions, ''), `--${option}.part`, first];
          await assert.rejects(parseCommandLine(dotted), /Unknown argument/, dotted.join(' '));
        }
        checked += 1;
      }
    }
    // The walk found options (site-path, as-of, format, out… in many commands), not an empty list.
    assert.ok(checked > 40, `only ${checked} options checked`);
  });

  it('publish --site-path.a b is a usage error, not an internal one', async () => {
    const result = await runCli(['publish', '--target', 'mkdocs', '--out', 'site', '--site-path.a', 'b'], tempDir('postmortem-single-valued-'));
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^postmortem: Unknown arguments?: site-path\.a/);
    assert.doesNotMatch(result.stderr, /internal error/);
  });

  it('keep the last value of an alias too (`--zone a --timezone b`)', async () => {
    const parsed = await parseCommandLine(['new', 'Title', '--zone', 'Europe/Paris', '--timezone', 'Asia/Tokyo']);
    assert.equal((parsed.selected?.args as { timezone?: string }).timezone, 'Asia/Tokyo');
  });

  it('leave list options as lists', async () => {
    const parsed = await parseCommandLine(['report', 'one.yaml', 'two.yaml', '--service', 'a', '--service', 'b']);
    const args = parsed.selected?.args as { service?: string[]; paths?: string[] };
    assert.deepEqual([args.service, args.paths], [['a', 'b'], ['one.yaml', 'two.yaml']]);
  });

  for (const { how, run, itEveryWay } of RUNNERS) {
    itEveryWay(`publish --site-path a --site-path b publishes under b (${how})`, async () => {
      const dir = tempDir('postmortem-single-valued-');
      mkdirSync(join(dir, 'incidents'));
      copyFileSync(join(FIXTURES, 'valid', 'minimal', 'input.yaml'), join(dir, 'incidents', 'minimal.yaml'));
      const result = await run(
        ['publish', '--target', 'mkdocs', '--out', 'docs/postmortems', '--as-of', '2026-01-01', '--site-path', 'first', '--site-path', 'ops/second'],
        dir,
      );
      assert.equal(result.stderr.includes('internal error'), false, result.stderr);
      assert.equal(result.code, 0, result.stderr);
      const nav = readFileSync(join(dir, 'docs', 'postmortems', 'nav.yml'), 'utf8');
      assert.match(nav, /ops\/second\//);
      assert.doesNotMatch(nav, /first\//);
    });
  }

  for (const { how, run, it } of RUNNERS) {
    it(`report --as-of not-a-day --as-of 2026-01-01 counts to the last day (${how})`, async () => {
      const dir = tempDir('postmortem-single-valued-');
      const input = join(FIXTURES, 'valid', 'minimal', 'input.yaml');
      const result = await run(['report', '--as-of', 'not-a-day', '--as-of', '2026-01-01', '--format', 'json', input], dir);
      assert.equal(result.code, 0, result.stderr);
      assert.equal((JSON.parse(result.stdout) as { asOf: string }).asOf, '2026-01-01');
    });
  }
});
