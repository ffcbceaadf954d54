import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { OptionDeclaration, PositionalDeclaration } from '../src/cli/command.js';
import { GLOBAL_OPTIONS } from '../src/cli/command.js';
import { COMMANDS } from '../src/cli/commands/index.js';
import { parseWithYargs } from '../src/cli/parse-with-yargs.js';
import { quickParse } from '../src/cli/quick-parse.js';
import { byDepth } from './depth.js';

const RUNS = byDepth(1000, 3000);

/**
 * The quick parser reads the common command lines without yargs, and must
 * read them exactly as yargs does: on random command lines made of every
 * command's own options, values and positionals (and of forms it leaves to
 * yargs), whatever it accepts, yargs accepts with the same arguments.
 */

/** What yargs makes of a command line: the command and its arguments, or an error or some text to print. */
async function yargsReading(argv: string[]): Promise<{ name: string; args: Record<string, unknown> } | string> {
  try {
    const parsed = await parseWithYargs(argv);
    return parsed.selected ? { name: parsed.selected.command.name, args: parsed.selected.args } : `output: ${parsed.output.slice(0, 40)}`;
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** Words a user might put after a command: its options in every form, values of every kind, positionals. */
function wordsFor(options: Record<string, OptionDeclaration>, positionals: Record<string, PositionalDeclaration>): string[] {
  const values = ['x', 'a.yaml', 'incidents', '123', '0', '2', '02', '65', '1e3', '4.10', '0x1F', '-1', '-', 'true', 'false', 'TRUE', '"q"', "'q'", '', 'a b', '__proto__', 'validate'];
  const words = ['--', '-h', '--help', '--version', '-s', '--bogus', ...values];
  for (const [name, option] of Object.entries(options)) {
    const forms = [`--${name}`, `--no-${name}`, `--${name}.part`, `--${name.replace(/-(.)/g, (_, c: string) => c.toUpperCase())}`, `--${name}=`, `--${name}=x`, `--${name}=true`];
    words.push(...forms, ...[option.alias ?? []].flat().map((alias) => `--${alias}`));
    for (const choice of option.choices ?? []) words.push(String(choice), `--${name}=${String(choice)}`);
  }
  for (const [name, positional] of Object.entries(positionals)) {
    words.push(`--${name}`);
    for (const choice of positional.choices ?? []) words.push(String(choice));
  }
  return words;
}

describe('the quick parser', () => {
  it('reads the everyday command lines itself', () => {
    for (const argv of [
      ['validate'],
      ['validate', 'incidents/a.yaml'],
      ['validate', '--format', 'github', '--strict'],
      ['build', '--out', 'site', '--jobs', '2'],
      ['report', '--as-of', '2026-01-01', '--format=json'],
      ['log', 'an-id', 'Rolled', 'back', '--kind', 'mitigated'],
      ['new', 'Title', '--zone', 'Europe/Paris'],
      ['publish', '--target', 'mkdocs', '--out', 'docs'],
      ['validate', '--', '-odd.yaml'],
      ['log', 'an-id', '--', '4.10', 'deployed', 'to', '0x1F', 'hosts'],
    ]) {
      assert.ok(quickParse(argv, COMMANDS), argv.join(' '));
    }
  });

  it('leaves help, version, unknown commands and usage errors to yargs', () => {
    for (const argv of [[], ['--help'], ['--version'], ['validate', '--help'], ['bogus'], ['validte'], ['render'], ['build', '--jobs', '0'], ['validate', '-s']]) {
      assert.equal(quickParse(argv, COMMANDS), undefined, argv.join(' '));
    }
  });

  it('agrees with yargs on whatever it reads, on random command lines', async () => {
    let read = 0;
    const commandLines = fc.oneof(
      ...COMMANDS.map((command) => {
        const words = wordsFor({ ...GLOBAL_OPTIONS, ...command.options }, command.positionals);
        return fc.array(fc.constantFrom(...words), { maxLength: 7 }).map((rest) => [command.name, ...rest]);
      }),
    );
    await fc.assert(
      fc.asyncProperty(commandLines, async (argv) => {
        const quick = quickParse(argv, COMMANDS);
        if (!quick) return;
        read += 1;
        assert.deepEqual(await yargsReading(argv), { name: quick.command.name, args: quick.args }, JSON.stringify(argv));
      }),
      { numRuns: RUNS },
    );
    assert.ok(read > RUNS / 10, `only ${read} of ${RUNS} read by the quick parser`);
  });
});
