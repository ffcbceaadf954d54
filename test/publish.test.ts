import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { escapeHtml } from '../src/publish/html-page.js';
import { MANIFEST_NAME, type Manifest, sha256 } from '../src/publish/manifest.js';
import { plainDescription } from '../src/publish/site-markdown.js';
import { targetFor } from '../src/publish/targets.js';
import { SAMPLES_NEWEST_FIRST, listFiles, runBinary, runCli } from './helpers.js';
import { AS_OF, publishJson, sampleProject } from './publish-run.js';

/**
 * `publish` over a copy of the samples in incidents/, always with a
 * fixed `--as-of`, so nothing reads the clock.
 */
const OLDEST = '2022-10-25-messaging-outage';
const MIDDLE = '2024-03-29-order-confirmation-delays';
const NEWEST = '2025-06-10-upi-payment-failures';
const NEWEST_FIRST = SAMPLES_NEWEST_FIRST;
const PAST = new Date('2020-01-01T00:00:00Z');

interface JsonRun {
  code: number;
  pages: { written: string[]; unchanged: string[]; removed: string[]; kept: string[] };
  diagnostics: { file: string; rule: string; severity: string; message: string }[];
  summary: { files: number; ok: number; invalid: number; written: number; unchanged: number; removed: number };
}

const project = (): string => sampleProject('postmortem-publish-');
const publish = (dir: string, target: string, extra: string[] = []): Promise<JsonRun> => publishJson<Omit<JsonRun, 'code'>>(dir, target, extra);

function incidentFile(dir: string, id: string): string {
  return join(dir, 'incidents', `${id}.yaml`);
}

function edit(dir: string, id: string, from: string | RegExp, to: string): void {
  const file = incidentFile(dir, id);
  const before = readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  assert.notEqual(after, before, `edit of ${id} changed nothing`);
  writeFileSync(file, after);
}

function ageAll(folder: string): void {
  for (const file of listFiles(folder)) utimesSync(join(folder, file), PAST, PAST);
}

function mtimes(folder: string): Map<string, number> {
  return new Map(listFiles(folder).map((file) => [file, statSync(join(folder, file)).mtimeMs]));
}

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'site', MANIFEST_NAME), 'utf8')) as Manifest;
}

function frontMatter(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(match, 'no front matter');
  return parseYaml(match[1]!) as Record<string, unknown>;
}

/** Relative link targets of a Markdown page (not http, mailto or fragments), without their fragment. */
function relativeLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((url) => !/^(?:[a-z]+:|#)/i.test(url))
    .map((url) => decodeURI(url.replace(/#.*$/, '')));
}

function titleOf(dir: string, id: string): string {
  return (parseYaml(readFileSync(incidentFile(dir, id), 'utf8')) as { title: string }).title;
}

const SITE_PAGES = {
  mkdocs: ['assets/mermaid-init.js', 'assets/mermaid.min.js', 'index.md', 'nav.yml', 'report.md'],
  'github-wiki': ['Home.md', 'Incident-report.md', '_Sidebar.md'],
  vitepress: ['index.md', 'report.md', 'sidebar.json'],
  docusaurus: ['_category_.json', 'index.md', 'report.md'],
} as const;

describe('publish --target mkdocs', () => {
  it('writes a page per incident with front matter, the index newest first, the report and a nav snippet', async () => {
    const dir = project();
    const tricky = 'He said "yes": it\'s #1 — on: {not} a map';
    edit(dir, OLDEST, 'title: Global messaging outage', `title: '${tricky.replace(/'/g, "''")}'`);
    const run = await publish(dir, 'mkdocs');
    assert.equal(run.code, 0);
    const site = join(dir, 'site');
    assert.deepEqual(listFiles(site), [MANIFEST_NAME, ...NEWEST_FIRST.map((id) => `${id}.md`), ...SITE_PAGES.mkdocs].sort());
    assert.equal(run.pages.written.length, NEWEST_FIRST.length + SITE_PAGES.mkdocs.length);

    for (const id of NEWEST_FIRST) {
      const fields = frontMatter(readFileSync(join(site, `${id}.md`), 'utf8'));
      // mkdocs-material prints the title as HTML, unescaped: it is written escaped.
      assert.equal(fields.title, escapeHtml(titleOf(dir, id)));
      assert.equal(fields.date, id.slice(0, 10));
      assert.ok(Array.isArray(fields.tags) && typeof fields.description === 'string' && !String(fields.description).includes('\n'));
    }
    const oldest = frontMatter(readFileSync(join(site, `${OLDEST}.md`), 'utf8'));
    assert.equal(oldest.title, 'He said &quot;yes&quot;: it\'s #1 — on: {not} a map');
    assert.deepEqual(oldest.tags, ['SEV1', 'messaging', 'edge', 'server', 'config-push']);
    assert.ok(readFileSync(join(site, `${OLDEST}.md`), 'utf8').includes('```mermaid'));

    const index = readFileSync(join(site, 'index.md'), 'utf8');
    const linked = relativeLinks(index);
    assert.deepEqual(linked, ['report.md', ...NEWEST_FIRST.map((id) => `${id}.md`)]);
    assert.ok(index.includes('| 2022-10-25 |') && index.includes('| SEV1 | &#126;1 hour 57 minutes | final |'));

    const nav = parseYaml(readFileSync(join(site, 'nav.yml'), 'utf8')) as { Postmortems: (string | Record<string, string>)[] }[];
    const entries = nav[0]!.Postmortems;
    assert.equal(entries[0], 'site/index.md');
    assert.deepEqual(entries[1], { 'Incident report': 'site/report.md' });
    assert.deepEqual(
      entries.slice(2).map((entry) => Object.values(entry)[0]),
      NEWEST_FIRST.map((id) => `site/${id}.md`),
    );
    assert.deepEqual(entries.slice(2).map((entry) => Object.keys(entry)[0]), NEWEST_FIRST.map((id) => escapeHtml(titleOf(dir, id))));

    for (const page of listFiles(site).filter((file) => file.endsWith('.md'))) {
      for (const target of relativeLinks(readFileSync(join(site, page), 'utf8'))) {
        assert.ok(existsSync(join(site, dirname(page), target)), `${page} links to missing ${target}`);
      }
    }
    const links = relativeLinks(readFileSync(join(site, 'report.md'), 'utf8'));
    assert.ok(links.includes(`${OLDEST}.md`));
  });
});

describe('publish --target github-wiki', () => {
  it('writes Home, a sidebar newest first and pages without front matter, with wiki links that resolve', async () => {
    const dir = project();
    const run = await publish(dir, 'github-wiki');
    assert.equal(run.code, 0);
    const site = join(dir, 'site');
    assert.deepEqual(listFiles(site), [MANIFEST_NAME, ...NEWEST_FIRST.map((id) => `${id}.md`), ...SITE_PAGES['github-wiki']].sort());
    for (const id of NEWEST_FIRST) {
      const text = readFileSync(join(site, `${id}.md`), 'utf8');
      assert.ok(text.startsWith(`# ${titleOf(dir, id)}\n`), 'no front matter: the page starts with its title');
      assert.ok(text.includes('| Severity |'));
    }
    assert.deepEqual(relativeLinks(readFileSync(join(site, 'Home.md'), 'utf8')), ['Incident-report', ...NEWEST_FIRST]);
    assert.deepEqual(relativeLinks(readFileSync(join(site, '_Sidebar.md'), 'utf8')), ['Home', 'Incident-report', ...NEWEST_FIRST]);
    for (const page of listFiles(site).filter((file) => file.endsWith('.md'))) {
      for (const target of relativeLinks(readFileSync(join(site, page), 'utf8'))) {
        assert.ok(!target.endsWith('.md'), `${page}: wiki links name the page without .md (${target})`);
        assert.ok(existsSync(join(site, `${target}.md`)), `${page} links to missing page ${target}`);
      }
    }
  });

  it('points links between incidents at their wiki pages', async () => {
    const dir = project();
    edit(dir, MIDDLE, /^summary: \|\n/m, `summary: |\n  Like [the outage](${OLDEST}.md#timeline), and [elsewhere](https://example.com/x.md).\n\n`);
    assert.equal((await publish(dir, 'github-wiki')).code, 0);
    const text = readFileSync(join(dir, 'site', `${MIDDLE}.md`), 'utf8');
    assert.ok(text.includes(`[the outage](${OLDEST}#timeline)`), text.slice(0, 2000));
    assert.ok(text.includes('(https://example.com/x.md)'));
  });
});

describe('publish: report templates that fail', () => {
  it('links no report page on a first publish (index, navigation, pages), and keeps linking the one an earlier publish wrote', async () => {
    const linksToReport = (text: string) => /\breport(\.md|\.html|\/)?["')]|Incident report|Incident-report/.test(text);
    for (const target of ['html', 'mkdocs', 'vitepress', 'github-wiki', 'hugo', 'jekyll', 'docusaurus']) {
      const dir = project();
      mkdirSync(join(dir, 'templates', 'report'), { recursive: true });
      writeFileSync(join(dir, 'templates', 'report', 'totals.hbs'), '{{#if}}broken\n');
      const first = await runCli(['publish', '--target', target, '--out', 'site', '--as-of', AS_OF, '--templates', 'templates'], dir);
      assert.equal(first.code, 1, `${target}: ${first.stdout}`);
      const written = listFiles(join(dir, 'site')).filter((path) => !path.startsWith('assets/') && !path.startsWith('.'));
      const { reportPage } = await targetFor(target as never);
      assert.ok(!written.includes(reportPage), `${target}: no report page`);
      for (const path of written) assert.ok(!linksToReport(readFileSync(join(dir, 'site', path), 'utf8')), `${target}: ${path} links no report page`);
      // Fixed, a publish writes it and links it; broken again, the earlier page is kept, and still linked.
      rmSync(join(dir, 'templates', 'report', 'totals.hbs'));
      assert.equal((await runCli(['publish', '--target', target, '--out', 'site', '--as-of', AS_OF, '--templates', 'templates'], dir)).code, 0, target);
      writeFileSync(join(dir, 'templates', 'report', 'totals.hbs'), '{{#if}}broken\n');
      assert.equal((await runCli(['publish', '--target', target, '--out', 'site', '--as-of', AS_OF, '--templates', 'templates'], dir)).code, 1, target);
      assert.ok(existsSync(join(dir, 'site', reportPage)), `${target}: the earlier report page is kept`);
      const index = listFiles(join(dir, 'site')).find((path) => /^(index|_index|Home)\.(md|html)$/.test(path))!;
      assert.ok(linksToReport(readFileSync(join(dir, 'site', index), 'utf8')), `${target}: ${index} links it`);
    }
  });
});

describe('publish: related incidents', () => {
  for (const target of ['mkdocs', 'docusaurus', 'hugo', 'jekyll', 'vitepress', 'github-wiki', 'html'] as const) {
    it(`${target}: links each related incident to its page, and the report groups them`, async () => {
      const dir = project();
      // A later incident names an earlier one and one of no file: both linked as build writes them, only the first has a page.
      writeFileSync(incidentFile(dir, NEWEST), `${readFileSync(incidentFile(dir, NEWEST), 'utf8')}related: [${OLDEST}, 2099-01-01-not-written]\n`);
      const run = await publish(dir, target);
      assert.equal(run.code, 0);
      assert.deepEqual(
        run.diagnostics.map((d) => [d.file, d.rule, d.severity]),
        [[`incidents/${NEWEST}.yaml`, 'unknown-related', 'warning']],
      );
      const site = await targetFor(target);
      const page = site.incidentPage(NEWEST);
      const text = readFileSync(join(dir, 'site', page), 'utf8');
      const href = site.href(page, site.incidentPage(OLDEST));
      const shown = target === 'html' ? `<a href="${href}">${OLDEST}</a>` : `[${OLDEST}](${href})`;
      assert.ok(text.includes(shown), `${page} does not link ${shown}:\n${text.slice(-600)}`);
      const report = readFileSync(join(dir, 'site', site.reportPage), 'utf8');
      const section = report.slice(report.indexOf('Related incidents'), report.indexOf('Action items'));
      for (const id of [OLDEST, NEWEST]) assert.ok(section.includes(site.href(site.reportPage, site.incidentPage(id))), `the report's group links ${id}:\n${section}`);
    });
  }
});

describe('publish: re-publishing', () => {
  for (const target of ['mkdocs', 'github-wiki', 'vitepress', 'docusaurus'] as const) {
    it(`${target}: an unchanged run writes nothing and keeps every modification time`, async () => {
      const dir = project();
      assert.equal((await publish(dir, target)).code, 0);
      const site = join(dir, 'site');
      ageAll(site);
      const before = mtimes(site);
      const run = await publish(dir, target);
      assert.equal(run.code, 0);
      assert.deepEqual(run.pages.written, []);
      assert.equal(run.pages.unchanged.length, NEWEST_FIRST.length + SITE_PAGES[target].length);
      assert.deepEqual(run.pages.removed, []);
      assert.deepEqual(mtimes(site), before);
    });
  }

  for (const target of ['mkdocs', 'vitepress', 'docusaurus'] as const) {
    it(`${target}: one incident changed outside what the index shows: exactly its page is rewritten`, async () => {
      const dir = project();
      await publish(dir, target);
      const site = join(dir, 'site');
      ageAll(site);
      const before = mtimes(site);
      // The summary is on the page (and in its description), not in the index, navigation or report.
      edit(dir, OLDEST, 'could neither send nor receive', 'could not send or receive');
      const run = await publish(dir, target);
      assert.equal(run.code, 0);
      assert.deepEqual(run.pages.written, [`${OLDEST}.md`]);
      const after = mtimes(site);
      const touched = [...after].filter(([file, mtime]) => before.get(file) !== mtime).map(([file]) => file);
      // The manifest holds the page's hash, so it changes with it.
      assert.deepEqual(touched.sort(), [MANIFEST_NAME, `${OLDEST}.md`].sort());
    });
  }

  it('one incident retitled: its page, and the index, nav and report that show the title', async () => {
    const dir = project();
    await publish(dir, 'mkdocs');
    edit(dir, OLDEST, 'title: Global messaging outage', 'title: Worldwide messaging outage');
    const run = await publish(dir, 'mkdocs');
    assert.deepEqual(run.pages.written, [`${OLDEST}.md`, 'index.md', 'nav.yml', 'report.md']);
    // The other pages and the two Mermaid assets.
    assert.equal(run.pages.unchanged.length, NEWEST_FIRST.length - 1 + 2);
  });

  it('one incident file removed: exactly its page is removed; files publish did not write are untouched', async () => {
    const dir = project();
    const site = join(dir, 'site');
    await publish(dir, 'github-wiki');
    writeFileSync(join(site, 'notes.md'), 'my notes\n');
    writeFileSync(join(site, '2023-01-01-user-page.md'), 'named like a page, but mine\n');
    rmSync(incidentFile(dir, MIDDLE));
    const run = await publish(dir, 'github-wiki');
    assert.equal(run.code, 0);
    assert.deepEqual(run.pages.removed, [`${MIDDLE}.md`]);
    assert.deepEqual(run.pages.written, ['Home.md', 'Incident-report.md', '_Sidebar.md']);
    assert.ok(!existsSync(join(site, `${MIDDLE}.md`)));
    assert.equal(readFileSync(join(site, 'notes.md'), 'utf8'), 'my notes\n');
    assert.equal(readFileSync(join(site, '2023-01-01-user-page.md'), 'utf8'), 'named like a page, but mine\n');
    const listed = manifest(dir).files.map((entry) => entry.path);
    const pages = NEWEST_FIRST.filter((id) => id !== MIDDLE).map((id) => `${id}.md`);
    assert.deepEqual(listed, [...pages.sort(), 'Home.md', 'Incident-report.md', '_Sidebar.md']);
    assert.equal(manifest(dir).files[0]!.source?.file, `../incidents/${OLDEST}.yaml`);
  });

  for (const [target, rewritten] of [
    ['vitepress', ['index.md', 'report.md', 'sidebar.json']],
    ['docusaurus', ['index.md', 'report.md']],
  ] as const) {
    it(`${target}: one incident file removed: exactly its page is removed, and the pages that listed it rewritten`, async () => {
      const dir = project();
      const site = join(dir, 'site');
      await publish(dir, target);
      writeFileSync(join(site, 'notes.md'), 'my notes\n');
      rmSync(incidentFile(dir, MIDDLE));
      const run = await publish(dir, target);
      assert.equal(run.code, 0);
      assert.deepEqual(run.pages.removed, [`${MIDDLE}.md`]);
      assert.deepEqual(run.pages.written, rewritten);
      assert.ok(!existsSync(join(site, `${MIDDLE}.md`)));
      assert.equal(readFileSync(join(site, 'notes.md'), 'utf8'), 'my notes\n');
    });
  }

  it('an invalid incident keeps its earlier page; one whose id changed loses it', async () => {
    const dir = project();
    const site = join(dir, 'site');
    await publish(dir, 'mkdocs');
    ageAll(site);
    const page = readFileSync(join(site, `${NEWEST}.md`), 'utf8');
    edit(dir, NEWEST, /^severity: .*$/m, 'severity: SEV9');
    const run = await publish(dir, 'mkdocs');
    assert.equal(run.code, 1);
    assert.equal(run.summary.invalid, 1);
    assert.deepEqual(run.pages.kept, [`${NEWEST}.md`]);
    assert.deepEqual(run.pages.removed, []);
    assert.equal(readFileSync(join(site, `${NEWEST}.md`), 'utf8'), page);
    assert.equal(statSync(join(site, `${NEWEST}.md`)).mtimeMs, PAST.getTime());
    assert.ok(manifest(dir).files.some((entry) => entry.path === `${NEWEST}.md`));

    edit(dir, NEWEST, `id: ${NEWEST}`, 'id: 2025-06-10-renamed');
    const renamed = await publish(dir, 'mkdocs');
    assert.deepEqual(renamed.pages.removed, [`${NEWEST}.md`]);
  });

  it('never overwrites a file it did not write, even one named like its page', async () => {
    const dir = project();
    const site = join(dir, 'site');
    const mine = `# my own page about ${OLDEST}\n`;
    mkdirSync(site);
    writeFileSync(join(site, `${OLDEST}.md`), mine);
    const run = await publish(dir, 'mkdocs');
    assert.equal(run.code, 1);
    assert.equal(readFileSync(join(site, `${OLDEST}.md`), 'utf8'), mine);
    const problem = run.diagnostics.find((d) => d.message.includes('Will not overwrite'));
    assert.ok(problem);
    assert.equal(problem.rule, 'publish-not-ours');
    assert.equal(problem.file, `incidents/${OLDEST}.yaml`);
    assert.ok(!run.pages.written.includes(`${OLDEST}.md`));
    assert.ok(run.pages.written.includes(`${NEWEST}.md`));
    assert.ok(!manifest(dir).files.some((entry) => entry.path === `${OLDEST}.md`));
  });

  it('ignores a manifest entry that leads outside the folder', async () => {
    const dir = project();
    const site = join(dir, 'site');
    await publish(dir, 'mkdocs');
    const outside = join(dir, 'outside.txt');
    writeFileSync(outside, 'keep me\n');
    const tampered = manifest(dir);
    tampered.files.push({ path: '../outside.txt', sha256: sha256('keep me\n') }, { path: outside, sha256: sha256('keep me\n') });
    writeFileSync(join(site, MANIFEST_NAME), JSON.stringify(tampered));
    const run = await publish(dir, 'mkdocs');
    assert.equal(run.code, 0);
    assert.equal(readFileSync(outside, 'utf8'), 'keep me\n');
    assert.deepEqual(
      run.diagnostics.filter((d) => d.message.includes('outside the output folder')).map((d) => [d.rule, d.severity]),
      [['publish-manifest-outside', 'warning'], ['publish-manifest-outside', 'warning']],
    );
    assert.ok(!manifest(dir).files.some((entry) => entry.path.includes('outside')));
  });

  it('refuses to run over a manifest it cannot read, writing nothing', async () => {
    const dir = project();
    const site = join(dir, 'site');
    await publish(dir, 'mkdocs');
    writeFileSync(join(site, MANIFEST_NAME), '{ not json');
    rmSync(join(site, 'index.md'));
    const run = await publish(dir, 'mkdocs');
    assert.equal(run.code, 1);
    assert.deepEqual(run.diagnostics.map((d) => [d.file, d.rule]), [[`site/${MANIFEST_NAME}`, 'publish-manifest-invalid']]);
    assert.ok(!existsSync(join(site, 'index.md')));
  });

  it('leaves a page it no longer writes in place when it was edited since, with a warning', async () => {
    const dir = project();
    const site = join(dir, 'site');
    await publish(dir, 'mkdocs');
    writeFileSync(join(site, `${MIDDLE}.md`), 'my edits\n');
    rmSync(incidentFile(dir, MIDDLE));
    const run = await publish(dir, 'mkdocs');
    assert.equal(run.code, 0);
    assert.deepEqual(run.diagnostics.map((d) => [d.file, d.rule, d.severity]), [[`site/${MIDDLE}.md`, 'publish-page-edited', 'warning']]);
    assert.equal(readFileSync(join(site, `${MIDDLE}.md`), 'utf8'), 'my edits\n');
    assert.deepEqual(run.pages.removed, []);
  });
});

describe('publish: the command line', () => {
  it('prints the summary line, and output is the same bytes every time', async () => {
    const dir = project();
    const run = await runCli(['publish', '--target', 'mkdocs', '--out', 'site', '--as-of', AS_OF], dir);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '5 files: 5 ok, 0 invalid; 0 errors, 0 warnings; 10 written, 0 unchanged, 0 removed in site\n');
    const again = await runCli(['publish', '--target', 'mkdocs', '--out', 'copy/site', '--as-of', AS_OF], dir);
    assert.equal(again.code, 0);
    for (const file of listFiles(join(dir, 'site')).filter((name) => name !== MANIFEST_NAME && name !== 'nav.yml')) {
      assert.equal(readFileSync(join(dir, 'copy', 'site', file), 'utf8'), readFileSync(join(dir, 'site', file), 'utf8'), file);
    }
  });

  it('refuses an unknown target and a missing --out', async () => {
    const dir = project();
    assert.equal((await runCli(['publish', '--target', 'mkdocs'], dir)).code, 2);
    const unknown = await runCli(['publish', '--target', 'confluence', '--out', 'x'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Invalid values:[\s\S]*Argument: target, Given: "confluence", Choices: "mkdocs", "docusaurus", "hugo", "jekyll", "vitepress", "github-wiki", "html"/);
    assert.ok(!existsSync(join(dir, 'x')));
  });

  it('runs as a process', () => {
    const dir = project();
    const run = runBinary(['publish', '--target', 'github-wiki', '--out', 'wiki', '--as-of', AS_OF], dir);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '5 files: 5 ok, 0 invalid; 0 errors, 0 warnings; 8 written, 0 unchanged, 0 removed in wiki\n');
    const second = runBinary(['publish', '--target', 'github-wiki', '--out', 'wiki', '--as-of', AS_OF], dir);
    assert.equal(second.stdout, '5 files: 5 ok, 0 invalid; 0 errors, 0 warnings; 0 written, 8 unchanged, 0 removed in wiki\n');
  });
});

describe('plainDescription', () => {
  it('takes the first paragraph as one line of plain text, cut at a word', () => {
    assert.equal(plainDescription('First *line*\nwith `code` and [a link](https://x).\n\nSecond.'), 'First line with code and a link.');
    const long = plainDescription(`${'word '.repeat(60)}end`);
    assert.ok(long.length <= 161 && long.endsWith('word…'), long);
    assert.equal(plainDescription('# Only a heading'), '');
  });
});
