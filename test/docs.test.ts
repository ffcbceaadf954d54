import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, runCli } from './helpers.js';

/**
 * The README is the front door: short, one line per command. docs/ is the
 * reference: docs/commands.md names every option of every command, and
 * docs/dependencies.md says why each dependency is there. Links between the
 * pages, and to their headings, resolve.
 */

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const PAGES = ['README.md', 'bench/README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** What `postmortem ...argv --help` prints. */
async function help(...argv: string[]): Promise<string> {
  const result = await runCli([...argv, '--help'], ROOT);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

/** The commands, in `--help`'s order. */
async function commands(): Promise<string[]> {
  const output = await help();
  const section = /\nCommands:\n([\s\S]*?)\n\n/.exec(output)![1]!;
  return [...section.matchAll(/^ {2}postmortem (\w+)/gm)].map((match) => match[1]!);
}

/** A command's options as its `--help` lists them, aliases included (`--timezone, --zone`). */
async function optionsOf(command: string): Promise<string[]> {
  const section = (await help(command)).split('\nOptions:\n')[1] ?? '';
  return [...new Set([...section.matchAll(/^ {2}--([a-z-]+)(?:, --([a-z-]+))?/gm)].flatMap((match) => match.slice(1).filter((name) => name !== undefined)))];
}

/** The page without fenced code blocks and code spans, whose brackets are not links. */
function prose(text: string): string {
  return text.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/(`+)[\s\S]*?[^`]\1(?!`)/g, '');
}

/** GitHub's anchor for each heading of a page (`## \`log\` and \`resolve\`` is `log-and-resolve`). */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  const withoutCode = text.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, heading] of withoutCode.matchAll(/^#{1,6} (.+)$/gm)) {
    const plain = heading!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_]/g, (c) => (c === '_' ? c : ''));
    const slug = plain.trim().toLowerCase().replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    found.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return found;
}

describe('README.md', () => {
  const readme = read('README.md');

  it('is short enough to read in five minutes', () => {
    const lines = readme.split('\n').length;
    assert.ok(lines < 250, `README.md has ${lines} lines; the reference belongs in docs/`);
  });

  it('keeps the two-command quick start', () => {
    assert.match(readme, /^npm ci && npm start {8}# /m);
    assert.match(readme, /^npm test {19}# /m);
  });

  it('has one line per command, in --help order, each linking to docs/commands.md', async () => {
    const section = readme.split('\n## Commands\n')[1]?.split('\n## ')[0] ?? '';
    const rows = [...section.matchAll(/^\| \[`(\w+)[^`]*`\]\(docs\/commands\.md#[a-z-]+\) \|/gm)].map((match) => match[1]);
    assert.deepEqual(rows, await commands());
  });
});

describe('docs/commands.md', () => {
  const page = read('docs/commands.md');
  const sections = page.split(/^(?=## )/m);

  /** The sections whose heading names the command, and the rows of any table whose commands column names it. */
  function about(command: string): string {
    const own = sections.filter((section) => section.split('\n')[0]!.includes(`\`${command}\``));
    const rows = page.split('\n').filter((line) => {
      const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
      if (!line.startsWith('| ') || cells.length < 5) return false;
      const applies = cells[2]!;
      if (applies === 'all') return true;
      if (applies.startsWith('all but')) return !applies.includes(`\`${command}\``);
      return applies.includes(`\`${command}\``);
    });
    return [...own, ...rows].join('\n');
  }

  it('documents every option of every command where that command is described', async () => {
    const all = await commands();
    assert.ok(all.length >= 13, `only ${all.length} commands found in --help`);
    let checked = 0;
    for (const command of all) {
      const text = about(command);
      assert.ok(text.includes(`\`${command}`), `docs/commands.md has a section on ${command}`);
      for (const option of await optionsOf(command)) {
        if (option === 'help' || option === 'version') continue;
        assert.match(text, new RegExp(`\`--${option}(?![a-z-])`), `docs/commands.md documents ${command} --${option}`);
        checked += 1;
      }
    }
    assert.ok(checked > 60, `only ${checked} options checked`);
  });
});

it('docs/dependencies.md says why each dependency is there', () => {
  const page = read('docs/dependencies.md');
  // The package has none to install (the bundle holds their code): every one is a dev dependency.
  const pkg = JSON.parse(read('package.json')) as { devDependencies: Record<string, string> };
  const names = Object.keys(pkg.devDependencies).filter((name) => !name.startsWith('@types/'));
  assert.deepEqual(names.filter((name) => !page.includes(`\`${name}\``)), []);
});

it('links between README.md, docs/ and bench/README.md lead to a file, and to a heading of it', () => {
  const broken: string[] = [];
  for (const path of PAGES) {
    for (const [, target] of prose(read(path)).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [file, anchor] = target!.split('#') as [string, string | undefined];
      const resolved = file === '' ? join(ROOT, path) : join(ROOT, dirname(path), file);
      if (!existsSync(resolved)) {
        broken.push(`${path}: ${target} (no ${relative(ROOT, resolved)})`);
      } else if (anchor !== undefined && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(anchor)) {
        broken.push(`${path}: ${target} (no such heading)`);
      }
    }
  }
  assert.deepEqual(broken, []);
});
