import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BUILTIN_TEMPLATES, loadTemplates } from '../src/render/templates.js';
import { loadReportTemplates } from '../src/report/render-report.js';
import { FIXTURES, RUNNERS, type Runner, expectFile, tempDir } from './helpers.js';

/**
 * Fixture folders for user templates, one case each:
 *   templates/<case>/templates/*.hbs   the user's templates folder
 *   templates/<case>/incidents/*.yaml  the incidents
 *   templates/<case>/case.json         the commands to run, `{"commands": [["build", "--templates", "templates"], …]}`,
 *                                      and optionally files to show after them, `"show": ["postmortems/a.md"]`
 *   templates/<case>/expected.txt      what each command printed, its exit code and the postmortems it left
 * Each case runs in a copy of its folder, in-process and (those in AS_SUBPROCESS, or all of them under
 * POSTMORTEM_TEST_SUBPROCESS=all) as a subprocess, with the same expected output.
 */
const CASES = join(FIXTURES, 'templates');
const NAMES = readdirSync(CASES)
  .filter((name) => existsSync(join(CASES, name, 'case.json')))
  .sort();

/**
 * The cases `npm test` also runs as a subprocess (test/helpers.ts, RUNNERS):
 * build, render and report each, success and failure, and the two whose
 * outcome a real process could change: a recursion (the process's own stack)
 * and a template calling `log` (which would print to the process's output).
 */
const AS_SUBPROCESS = new Set(['legit-features', 'misspelt-field-in-if', 'report-misspelt-field-in-if', 'recursive-partial', 'log-helper']);

interface Case {
  commands: string[][];
  show?: string[];
}

/** Everything the commands of a case did, as one text: output with the project folder and the package's templates folder named. */
async function runCase(name: string, run: Runner): Promise<string> {
  const dir = tempDir(`postmortem-templates-${name}-`);
  cpSync(join(CASES, name), dir, { recursive: true });
  const { commands, show = [] } = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
  let text = '';
  for (const argv of commands) {
    const result = await run(argv, dir);
    const out = join(dir, 'postmortems');
    const written = existsSync(out) ? readdirSync(out).sort() : [];
    text += [
      `$ postmortem ${argv.join(' ')}`,
      `exit ${result.code}`,
      '--- stdout',
      result.stdout.trimEnd(),
      '--- stderr',
      result.stderr.trimEnd(),
      `--- postmortems/: ${written.join(', ') || 'none'}`,
      '',
      '',
    ].join('\n');
  }
  for (const file of show) text += `--- ${file}\n${readFileSync(join(dir, file), 'utf8')}\n`;
  return text.replaceAll(BUILTIN_TEMPLATES, '<package>/templates').replaceAll(dir, '<project>');
}

describe('user templates fail loudly, at their place in the template', () => {
  it('has a case for each problem', () => assert.ok(NAMES.length >= 10, `only ${NAMES.length} cases`));
  it('runs as a subprocess only cases that exist', () => assert.deepEqual([...AS_SUBPROCESS].filter((name) => !NAMES.includes(name)), []));
  for (const name of NAMES) {
    describe(name, () => {
      for (const { how, run, it, itEveryWay } of RUNNERS) {
        (AS_SUBPROCESS.has(name) ? itEveryWay : it)(how, async () => {
          const { expected, actual } = expectFile(join(CASES, name, 'expected.txt'), await runCase(name, run));
          assert.equal(actual, expected);
          assert.doesNotMatch(actual, /\n\s+at |internal error|Maximum call stack/);
        });
      }
    });
  }
});

describe('template files that cannot be read', () => {
  it('a template that is a dangling link is a positioned template-error, not an internal error', async () => {
    for (const { how, run } of RUNNERS) {
      const dir = tempDir('postmortem-templates-unreadable-');
      cpSync(join(CASES, 'misspelt-field-in-if', 'incidents'), join(dir, 'incidents'), { recursive: true });
      mkdirSync(join(dir, 'templates'));
      symlinkSync(join(dir, 'nowhere.hbs'), join(dir, 'templates', 'title.hbs'));
      const result = await run(['build', '--templates', 'templates'], dir);
      assert.equal(result.code, 1, `${how}: ${result.stdout}${result.stderr}`);
      assert.match(result.stdout, /^templates\/title\.hbs:1:1: error: Cannot read template: Cannot read file: ENOENT \[template-error\]$/m, how);
      assert.ok(!existsSync(join(dir, 'postmortems')), 'nothing is written');
    }
  });
});

describe('the built-in templates', () => {
  it('pass the check against their views', async () => {
    const postmortem = await loadTemplates();
    assert.ok(postmortem.ok, JSON.stringify(!postmortem.ok && postmortem.diagnostics, null, 2));
    const report = await loadReportTemplates();
    assert.ok(report.ok, JSON.stringify(!report.ok && report.diagnostics, null, 2));
  });

  it('a template overriding a built-in one is checked in the context each of its callers gives it', async () => {
    const folder = tempDir('postmortem-templates-contexts-');
    // `name` exists in `impact.metrics[]` but not in the view's top level, where postmortem.hbs includes key-facts.
    writeFileSync(join(folder, 'impact.hbs'), '{{#each impact.metrics}}{{> key-facts}}{{/each}}\n');
    writeFileSync(join(folder, 'key-facts.hbs'), '- {{name}}\n');
    const loaded = await loadTemplates([folder]);
    assert.ok(!loaded.ok);
    assert.deepEqual(
      loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`),
      ['1:5 Unknown field `name` in PostmortemView (postmortem.hbs → key-facts.hbs)'],
    );
  });
});
