import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { renderPostmortem } from '../src/render/render-postmortem.js';
import { loadTemplates } from '../src/render/templates.js';
import { COMPILED_TEMPLATES } from '../src/render/templates.generated.js';
import { BUILTIN_TEMPLATES } from '../src/render/template-family.js';
import { loadReportTemplates, renderReportMarkdown } from '../src/report/render-report.js';
import type { Report } from '../src/report/report-model.js';
import { FIXTURES, ROOT, RUNNERS, type Runner, expectFile, incidentOf, tempDir, templatesFrom } from './helpers.js';

/**
 * Fixture folders for user templates, one case each:
 *   templates/<case>/templates/        the user's templates folder: postmortem/*.hbs, report/*.hbs
 *                                      (old-flat-layout: *.hbs at its top, the layout before issue 12)
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

describe('partials within partials', () => {
  it('a chain of thousands is a template-error at the call past the limit, not a stack overflow', async () => {
    for (const { how, run } of RUNNERS) {
      const dir = tempDir('postmortem-templates-deep-');
      cpSync(join(CASES, 'misspelt-field-in-if', 'incidents'), join(dir, 'incidents'), { recursive: true });
      mkdirSync(join(dir, 'templates', 'postmortem'), { recursive: true });
      writeFileSync(join(dir, 'templates', 'postmortem', 'summary.hbs'), '{{> deep0}}\n');
      for (let i = 0; i < 3000; i += 1) writeFileSync(join(dir, 'templates', 'postmortem', `deep${i}.hbs`), i < 2999 ? `{{> deep${i + 1}}}` : 'end');
      const result = await run(['build', '--templates', 'templates'], dir);
      assert.equal(result.code, 1, `${how}: ${result.stdout}${result.stderr}`);
      assert.match(result.stdout, /^templates\/postmortem\/deep62\.hbs:1:1: error: Unexpected partial `deep63` nested more than 64 templates deep \(postmortem\.hbs → summary\.hbs → deep0\.hbs → .* → deep62\.hbs\) \[template-error\]$/m, how);
      assert.doesNotMatch(result.stdout + result.stderr, /internal error|Maximum call stack/, how);
    }
  });
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
      // Over the size cap, it is called what it is.
      rmSync(join(dir, 'templates', 'title.hbs'));
      writeFileSync(join(dir, 'templates', 'title.hbs'), `# {{title}}\n${'x'.repeat(1_100_000)}\n`);
      const huge = await run(['build', '--templates', 'templates'], dir);
      assert.match(huge.stdout, /^templates\/title\.hbs:1:1: error: Cannot read template: File is \d+ bytes, over the 1 MiB limit for a template \[template-error\]$/m, how);
    }
  });
});

/** A templates folder holding a copy of every built-in template: loaded, each is read, checked and compiled like a user's. */
function builtinCopy(): string {
  const folder = tempDir('postmortem-builtin-copy-');
  cpSync(BUILTIN_TEMPLATES, folder, { recursive: true });
  return folder;
}

describe('the built-in templates', () => {
  it('pass the check against their views', async () => {
    // The shipped templates are loaded compiled ahead of time, unchecked; as a user's copy they are checked.
    const copy = builtinCopy();
    const postmortem = await loadTemplates([copy]);
    assert.ok(postmortem.ok, JSON.stringify(!postmortem.ok && postmortem.diagnostics, null, 2));
    assert.deepEqual(postmortem.diagnostics, []);
    const report = await loadReportTemplates([copy]);
    assert.ok(report.ok, JSON.stringify(!report.ok && report.diagnostics, null, 2));
    assert.deepEqual(report.diagnostics, []);
  });

  it('are each compiled ahead of time by the build, from their current text', () => {
    const shipped = readdirSync(BUILTIN_TEMPLATES, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.hbs'))
      .map((name) => name.split('\\').join('/'))
      .sort();
    assert.deepEqual(Object.keys(COMPILED_TEMPLATES).sort(), shipped);
    for (const name of shipped) {
      const text = readFileSync(join(BUILTIN_TEMPLATES, name), 'utf8');
      assert.equal(COMPILED_TEMPLATES[name as keyof typeof COMPILED_TEMPLATES].sha256, createHash('sha256').update(text).digest('hex'), name);
    }
  });

  it('compiled ahead of time, render the bytes they render compiled now', async () => {
    const copy = builtinCopy();
    const [ahead, now] = [await templatesFrom(), await templatesFrom([copy])];
    const files = readdirSync(join(FIXTURES, 'valid'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.yaml'));
    const samples = readdirSync(join(ROOT, 'incidents')).filter((name) => name.endsWith('.yaml'));
    const texts = [...files.map((name) => readFileSync(join(FIXTURES, 'valid', name), 'utf8')), ...samples.map((name) => readFileSync(join(ROOT, 'incidents', name), 'utf8'))];
    let rendered = 0;
    for (const text of texts) {
      const incident = incidentOf(text);
      if (!incident) continue;
      assert.equal(renderPostmortem(incident, ahead), renderPostmortem(incident, now));
      rendered += 1;
    }
    assert.ok(rendered >= samples.length + 5, `${rendered} incidents rendered`);
    const report = JSON.parse(readFileSync(join(FIXTURES, 'report-render', 'report.json'), 'utf8')) as Report;
    const reportNow = await loadReportTemplates([copy]);
    const reportAhead = await loadReportTemplates();
    assert.ok(reportNow.ok && reportAhead.ok);
    assert.equal(renderReportMarkdown(report, reportAhead.templates), renderReportMarkdown(report, reportNow.templates));
  });

  it('a template overriding a built-in one is checked in the context each of its callers gives it', async () => {
    const folder = tempDir('postmortem-templates-contexts-');
    // `name` exists in `impact.metrics[]` but not in the view's top level, where postmortem.hbs includes key-facts.
    write(folder, 'postmortem/impact.hbs', '{{#each impact.metrics}}{{> key-facts}}{{/each}}\n');
    write(folder, 'postmortem/key-facts.hbs', '- {{name}}\n');
    const loaded = await loadTemplates([folder]);
    assert.ok(!loaded.ok);
    assert.deepEqual(
      loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`),
      ['1:5 Unknown field `name` in PostmortemView (postmortem.hbs → key-facts.hbs)'],
    );
  });
});

/** Writes `text` to `path` in `folder`, making its folders. */
function write(folder: string, path: string, text: string): void {
  mkdirSync(dirname(join(folder, path)), { recursive: true });
  writeFileSync(join(folder, path), text);
}

/** Each diagnostic as `path:line:column severity rule: message`, its path relative to `folder`. */
function described(folder: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.file.replace(`${folder}/`, '')}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`);
}

/** The hand-written report of test/fixtures/report-render, which every built-in report template prints part of. */
function handWritten(): Report {
  return JSON.parse(readFileSync(join(FIXTURES, 'report-render', 'report.json'), 'utf8')) as Report;
}

/** What `render` prints for a fixture incident with the templates of `folder` (none: the built-in ones). */
async function rendered(folder?: string): Promise<string> {
  const incident = join(CASES, 'legit-features', 'incidents', 'with-jira.yaml');
  const result = await RUNNERS[0]!.run(['render', incident, ...(folder ? ['--templates', folder] : [])], dirname(incident));
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

describe('the layout of templates: a folder per family', () => {
  it('the built-in templates are postmortem/*.hbs and report/*.hbs, the report partials without a prefix', async () => {
    assert.deepEqual(readdirSync(BUILTIN_TEMPLATES).filter((name) => name.endsWith('.hbs')), [], 'no template at the top');
    const postmortem = await loadTemplates();
    const report = await loadReportTemplates();
    assert.ok(postmortem.ok && report.ok);
    assert.deepEqual([postmortem.diagnostics, report.diagnostics], [[], []]);
    for (const [name, file] of Object.entries(postmortem.templates.sources)) assert.equal(file, join(BUILTIN_TEMPLATES, 'postmortem', `${name}.hbs`));
    for (const [name, file] of Object.entries(report.templates.sources)) assert.equal(file, join(BUILTIN_TEMPLATES, 'report', `${name}.hbs`));
    assert.deepEqual(Object.keys(report.templates.sources).sort(), ['actions', 'charts', 'error-budget', 'figures', 'groups', 'incidents', 'longest', 'related', 'report', 'services', 'title', 'totals']);
    assert.doesNotMatch(readFileSync(join(BUILTIN_TEMPLATES, 'report', 'report.hbs'), 'utf8'), /\{\{> *report-/, 'report.hbs calls its partials by their names');
  });

  it('a folder in the same layout overrides a postmortem and a report partial by name, without a warning', async () => {
    const folder = tempDir('postmortem-templates-layout-');
    write(folder, 'postmortem/title.hbs', '# Postmortem: {{title}}\n');
    write(folder, 'report/totals.hbs', '## In short\n\n{{totals.summary}}\n\n{{> severity-counts}}\n');
    write(folder, 'report/severity-counts.hbs', '{{#each totals.bySeverity}}\n- {{key}}: {{count}}\n{{/each}}\n');
    const postmortem = await loadTemplates([folder]);
    assert.ok(postmortem.ok);
    assert.deepEqual(postmortem.diagnostics, []);
    assert.equal(postmortem.templates.sources.title, join(folder, 'postmortem', 'title.hbs'));
    assert.ok(!('totals' in postmortem.templates.sources), 'the postmortem does not see report templates');
    const report = await loadReportTemplates([folder]);
    assert.ok(report.ok);
    assert.deepEqual(report.diagnostics, []);
    assert.equal(report.templates.sources.totals, join(folder, 'report', 'totals.hbs'));
    assert.equal(report.templates.sources['severity-counts'], join(folder, 'report', 'severity-counts.hbs'));
    const markdown = renderReportMarkdown(handWritten(), report.templates);
    assert.match(markdown, /^## In short\n\n3 incidents, 1 ongoing.*\n\n- SEV1: /m);
    assert.doesNotMatch(markdown, /\| Status \| Incidents \|/, 'the built-in totals are replaced');
    assert.match(await rendered(folder), /^# Postmortem: Checkout errors/);
  });

  it('a folder in the old flat layout still works, the same bytes, with a template-layout warning at each file and old partial name', async () => {
    const flat = tempDir('postmortem-templates-flat-');
    const current = tempDir('postmortem-templates-current-');
    const totals = '## In short\n\n{{totals.summary}}\n';
    write(flat, 'title.hbs', '# Postmortem: {{title}}\n');
    write(flat, 'report-totals.hbs', totals);
    write(flat, 'report.hbs', '{{> report-title}}\n\n{{> report-totals}}\n');
    write(current, 'postmortem/title.hbs', '# Postmortem: {{title}}\n');
    write(current, 'report/totals.hbs', totals);
    write(current, 'report/report.hbs', '{{> title}}\n\n{{> totals}}\n');

    const postmortem = await loadTemplates([flat]);
    assert.ok(postmortem.ok);
    assert.equal(postmortem.templates.sources.title, join(flat, 'title.hbs'));
    assert.deepEqual(described(flat, postmortem.diagnostics), ['title.hbs:1:1 warning template-layout: Unexpected `title.hbs` at the top of the templates folder, expected `postmortem/title.hbs`']);
    assert.match(postmortem.diagnostics[0]!.hint!, /^Move it to `postmortem\/title\.hbs` in the templates folder: .*still used/);
    assert.equal(await rendered(flat), await rendered(current));

    const report = await loadReportTemplates([flat]);
    assert.ok(report.ok);
    assert.equal(report.templates.sources.totals, join(flat, 'report-totals.hbs'));
    assert.deepEqual(described(flat, report.diagnostics), [
      'report-totals.hbs:1:1 warning template-layout: Unexpected `report-totals.hbs` at the top of the templates folder, expected `report/totals.hbs`',
      'report.hbs:1:1 warning template-layout: Unexpected `report.hbs` at the top of the templates folder, expected `report/report.hbs`',
      'report.hbs:1:5 warning template-layout: Unexpected old partial name `report-title`, expected `title`',
      'report.hbs:3:5 warning template-layout: Unexpected old partial name `report-totals`, expected `totals`',
    ]);
    assert.match(report.diagnostics[0]!.hint!, /without the `report-` prefix/);
    const currentReport = await loadReportTemplates([current]);
    assert.ok(currentReport.ok);
    assert.deepEqual(currentReport.diagnostics, []);
    assert.equal(renderReportMarkdown(handWritten(), report.templates), renderReportMarkdown(handWritten(), currentReport.templates));
  });

  it('a template in both layouts: the new one is used, the old one gets a warning', async () => {
    const folder = tempDir('postmortem-templates-both-');
    write(folder, 'title.hbs', '# Old: {{title}}\n');
    write(folder, 'postmortem/title.hbs', '# New: {{title}}\n');
    write(folder, 'report-totals.hbs', '## Old\n');
    write(folder, 'report/report-totals.hbs', '## Renamed\n');
    write(folder, 'report/totals.hbs', '## New\n');
    const postmortem = await loadTemplates([folder]);
    assert.ok(postmortem.ok);
    assert.equal(postmortem.templates.sources.title, join(folder, 'postmortem', 'title.hbs'));
    assert.deepEqual(described(folder, postmortem.diagnostics), ['title.hbs:1:1 warning template-layout: Unexpected `title.hbs` beside `postmortem/title.hbs`, which replaces it: it is not used']);
    assert.match(await rendered(folder), /^# New: /);
    const report = await loadReportTemplates([folder]);
    assert.ok(report.ok);
    assert.equal(report.templates.sources.totals, join(folder, 'report', 'totals.hbs'));
    assert.deepEqual(described(folder, report.diagnostics), [
      'report/report-totals.hbs:1:1 warning template-layout: Unexpected `report/report-totals.hbs` beside `report/totals.hbs`, which replaces it: it is not used',
      'report-totals.hbs:1:1 warning template-layout: Unexpected `report-totals.hbs` beside `report/totals.hbs`, which replaces it: it is not used',
    ]);
    assert.match(renderReportMarkdown(handWritten(), report.templates), /^## New$/m);
  });

  it('a report template moved to report/ under its old name is still used, with a warning to rename it', async () => {
    const folder = tempDir('postmortem-templates-old-name-');
    write(folder, 'report/report-totals.hbs', '## Renamed\n');
    write(folder, 'report-totals.hbs', '## Old\n');
    const report = await loadReportTemplates([folder]);
    assert.ok(report.ok);
    assert.equal(report.templates.sources.totals, join(folder, 'report', 'report-totals.hbs'));
    assert.deepEqual(described(folder, report.diagnostics), [
      'report/report-totals.hbs:1:1 warning template-layout: Unexpected `report/report-totals.hbs` under its old name, expected `report/totals.hbs`',
      'report-totals.hbs:1:1 warning template-layout: Unexpected `report-totals.hbs` beside `report/report-totals.hbs`, which replaces it: it is not used',
    ]);
    assert.match(report.diagnostics[0]!.hint!, /^Rename it to `report\/totals\.hbs`/);
    assert.match(renderReportMarkdown(handWritten(), report.templates), /^## Renamed$/m);
  });

  it('a template that fails keeps the layout warnings, after the errors', async () => {
    const folder = tempDir('postmortem-templates-failing-');
    write(folder, 'report-longest.hbs', '{{#each longest}}\n- {{titel}}\n{{/each}}\n');
    const report = await loadReportTemplates([folder]);
    assert.ok(!report.ok);
    assert.deepEqual(described(folder, report.diagnostics), [
      'report-longest.hbs:2:5 error template-error: Unknown field `titel` in `longest[]`; did you mean `title`? (report.hbs → report-longest.hbs)',
      'report-longest.hbs:1:1 warning template-layout: Unexpected `report-longest.hbs` at the top of the templates folder, expected `report/longest.hbs`',
    ]);
  });

  it('a file where a family\'s folder goes is a template-error', async () => {
    const folder = tempDir('postmortem-templates-file-for-folder-');
    write(folder, 'report', 'not a folder\n');
    const report = await loadReportTemplates([folder]);
    assert.ok(!report.ok);
    assert.deepEqual(described(folder, report.diagnostics), ['report:1:1 error template-error: Unexpected file `report`, expected the folder of report templates']);
    assert.ok((await loadTemplates([folder])).ok, 'postmortems are not stopped by it');
  });
});

describe('template-layout warnings on the command line', () => {
  it('build, render and report print the warnings of a folder in the old flat layout and still succeed', async () => {
    const dir = tempDir('postmortem-templates-flat-cli-');
    cpSync(join(CASES, 'legit-features', 'incidents'), join(dir, 'incidents'), { recursive: true });
    write(dir, 'old/title.hbs', '# PM {{title}}\n');
    write(dir, 'old/report.hbs', '{{> report-title}}\n');
    const warning = (file: string) => new RegExp(`^old/${file.replace('.', '\\.')}:1:1: warning: Unexpected \`${file.replace('.', '\\.')}\` at the top of the templates folder, expected .* \\[template-layout\\]$`, 'm');
    const build = await RUNNERS[0]!.run(['build', '--templates', 'old'], dir);
    assert.equal(build.code, 0, build.stdout + build.stderr);
    assert.match(build.stdout, warning('title.hbs'));
    assert.match(build.stdout, /0 errors, 1 warning;/);
    const render = await RUNNERS[0]!.run(['render', 'incidents/minimal.yaml', '--templates', 'old'], dir);
    assert.equal(render.code, 0, render.stderr);
    assert.match(render.stdout, /^# PM /);
    assert.match(render.stderr, warning('title.hbs'));
    const report = await RUNNERS[0]!.run(['report', '--as-of', '2026-01-01', '--templates', 'old'], dir);
    assert.equal(report.code, 0, report.stderr);
    assert.match(report.stderr, warning('report.hbs'));
    assert.match(report.stderr, /^old\/report\.hbs:1:5: warning: Unexpected old partial name `report-title`, expected `title` \[template-layout\]$/m);
  });
});
