import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { MANIFEST_NAME, type Manifest, sha256 } from '../src/publish/manifest.js';
import { RESERVED_IDS } from '../src/publish/reserved-ids.js';
import { PUBLISH_TARGETS, type PublishedIncident } from '../src/publish/target.js';
import { targetFor } from '../src/publish/targets.js';
import { byDepth } from './depth.js';
import { ROOT, listFiles, runBinary, runCli, tempDir } from './helpers.js';
import { AS_OF, publishJson, sampleProject } from './publish-run.js';

/**
 * What `publish` does with what it finds in its output folder: pages edited
 * by hand, a run that was stopped midway, names it writes itself. Always
 * with a fixed `--as-of`, so nothing reads the clock.
 */
const OLDEST = '2022-10-25-messaging-outage';
const MIDDLE = '2024-03-29-order-confirmation-delays';

interface JsonRun {
  code: number;
  pages: { written: string[]; unchanged: string[]; removed: string[]; kept: string[] };
  diagnostics: { file: string; line: number; column: number; rule: string; severity: string; message: string; hint?: string }[];
}

const project = (): string => sampleProject('postmortem-manifest-');
const publish = (dir: string, target: string, extra: string[] = []): Promise<JsonRun> => publishJson<Omit<JsonRun, 'code'>>(dir, target, extra);

function edit(file: string, from: string | RegExp, to: string): void {
  const before = readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  assert.notEqual(after, before, `edit of ${file} changed nothing`);
  writeFileSync(file, after);
}

/** The folder as a map of file to text, to compare two folders whole. */
function contents(folder: string): Map<string, string> {
  return new Map(listFiles(folder).map((file) => [file, readFileSync(join(folder, file), 'utf8')]));
}

function manifestOf(site: string): Manifest {
  return JSON.parse(readFileSync(join(site, MANIFEST_NAME), 'utf8')) as Manifest;
}

/** A finished publish of a fresh copy of the samples: what an uninterrupted run leaves. */
async function reference(target: string, extra: string[] = [], change: (dir: string) => void = () => {}): Promise<Map<string, string>> {
  const dir = project();
  change(dir);
  const run = await publish(dir, target, extra);
  assert.equal(run.code, 0);
  return contents(join(dir, 'site'));
}

describe('publish: pages edited by hand', () => {
  it('reports a page publish would update that was edited since, leaves it alone, and overwrites it with --force', async () => {
    const dir = project();
    const site = join(dir, 'site');
    await publish(dir, 'mkdocs');
    const page = join(site, `${OLDEST}.md`);
    const published = readFileSync(page, 'utf8');
    const mine = `${published}\nA note I added on the site.\n`;
    writeFileSync(page, mine);

    const run = await publish(dir, 'mkdocs');
    assert.equal(run.code, 1);
    assert.deepEqual(
      run.diagnostics.map((d) => [d.file, d.rule, d.severity]),
      [[`site/${OLDEST}.md`, 'publish-page-edited', 'error']],
    );
    assert.match(run.diagnostics[0]!.message, new RegExp(`Did not update ${OLDEST}\\.md \\(the page of \`${OLDEST}\`\\): it was edited since publish wrote it`));
    assert.match(run.diagnostics[0]!.hint ?? '', /--force/);
    assert.equal(readFileSync(page, 'utf8'), mine);
    assert.equal(manifestOf(site).files.find((entry) => entry.path === `${OLDEST}.md`)?.sha256, sha256(published), 'the manifest still knows what publish wrote');

    // The incident changes too: the other pages follow, the edited page still waits.
    edit(join(dir, 'incidents', `${OLDEST}.yaml`), 'title: Global messaging outage', 'title: Worldwide messaging outage');
    const again = await publish(dir, 'mkdocs');
    assert.equal(again.code, 1);
    assert.deepEqual(again.diagnostics.map((d) => d.rule), ['publish-page-edited']);
    assert.ok(again.pages.written.includes('index.md'));
    assert.equal(readFileSync(page, 'utf8'), mine);

    const forced = await publish(dir, 'mkdocs', ['--force']);
    assert.equal(forced.code, 0);
    assert.deepEqual(forced.diagnostics, []);
    assert.deepEqual(forced.pages.written, [`${OLDEST}.md`]);
    const text = readFileSync(page, 'utf8');
    assert.match(text, /Worldwide messaging outage/);
    assert.equal(manifestOf(site).files.find((entry) => entry.path === `${OLDEST}.md`)?.sha256, sha256(text));
    assert.equal((await publish(dir, 'mkdocs')).code, 0);
  });

  it('--force also deletes an edited page publish no longer writes', async () => {
    const dir = project();
    const site = join(dir, 'site');
    await publish(dir, 'mkdocs');
    writeFileSync(join(site, `${MIDDLE}.md`), 'my edits\n');
    rmSync(join(dir, 'incidents', `${MIDDLE}.yaml`));
    const forced = await publish(dir, 'mkdocs', ['--force']);
    assert.equal(forced.code, 0);
    assert.deepEqual(forced.diagnostics, []);
    assert.deepEqual(forced.pages.removed, [`${MIDDLE}.md`]);
    assert.ok(!existsSync(join(site, `${MIDDLE}.md`)));
  });
});

describe('publish: a run stopped midway is completed by the next one', () => {
  it('adopts the pages a run wrote before it was stopped, with no manifest, and brings the manifest in step', async () => {
    const expected = await reference('mkdocs');
    const dir = project();
    const site = join(dir, 'site');
    // What a run killed after its first few pages leaves: those pages, no manifest.
    const written = [...expected.keys()].filter((file) => file !== MANIFEST_NAME).slice(0, 4);
    for (const file of written) {
      mkdirSync(dirname(join(site, file)), { recursive: true });
      writeFileSync(join(site, file), expected.get(file)!);
    }
    const run = await publish(dir, 'mkdocs');
    assert.deepEqual(run.diagnostics, []);
    assert.equal(run.code, 0);
    assert.deepEqual(run.pages.unchanged, written.slice().sort());
    assert.deepEqual(contents(site), expected);
  });

  it('a run stopped while replacing pages left a manifest naming both versions: the next run, with other inputs, finishes', async () => {
    const dir = project();
    const site = join(dir, 'site');
    await publish(dir, 'mkdocs');
    const before = contents(site);
    const retitle = (project: string) => edit(join(project, 'incidents', `${OLDEST}.yaml`), 'title: Global messaging outage', 'title: Worldwide messaging outage');
    const changed = await reference('mkdocs', [], retitle);
    // The manifest a run saves before it writes: each page it will replace with the hash it replaces.
    const intent = manifestOf(site);
    const replaced = [...changed.keys()].filter((file) => file !== MANIFEST_NAME && changed.get(file) !== before.get(file));
    assert.ok(replaced.length >= 3, `only ${replaced.join(', ')} change`);
    intent.files = intent.files.map((entry) =>
      replaced.includes(entry.path) ? { ...entry, sha256: sha256(changed.get(entry.path)!), replaces: entry.sha256 } : entry,
    );
    writeFileSync(join(site, MANIFEST_NAME), `${JSON.stringify(intent, null, 2)}\n`);
    writeFileSync(join(site, replaced[0]!), changed.get(replaced[0]!)!);

    // The next run comes a commit later: the incident changed again.
    edit(join(dir, 'incidents', `${OLDEST}.yaml`), 'title: Global messaging outage', 'title: Messaging outage');
    const run = await publish(dir, 'mkdocs');
    assert.deepEqual(run.diagnostics, []);
    assert.equal(run.code, 0);
    const final = manifestOf(site);
    assert.ok(final.files.every((entry) => entry.replaces === undefined));
    for (const entry of final.files) assert.equal(sha256(readFileSync(join(site, entry.path), 'utf8')), entry.sha256, entry.path);
  });

  it('a real process killed after each of its writes in turn: the next run exits 0 and leaves what an uninterrupted run leaves', async () => {
    assert.ok(existsSync(join(ROOT, 'dist', 'bin', 'postmortem.js')), 'run `npm run build` first');
    const preload = join(tempDir('postmortem-kill-'), 'kill-after-renames.cjs');
    writeFileSync(preload, KILL_AFTER_RENAMES);
    // The stopped runs count to another day than the next one, so the report page they wrote is not the one it writes.
    const args = (asOf: string) => ['publish', '--target', 'github-wiki', '--out', 'site', '--as-of', asOf];
    const finished = await reference('github-wiki', ['--as-of', '2026-06-30']);
    const earlier = project();
    assert.equal(runBinary(args(AS_OF), earlier).code, 0);
    assert.notEqual(contents(join(earlier, 'site')).get('Incident-report.md'), finished.get('Incident-report.md'));

    let killed = 0;
    let renames = 1;
    // Every write at the thorough depth; under `npm test` every other one, the first included.
    for (; renames < 40; renames += KILL_STEP) {
      const dir = project();
      const stopped = runBinary(args(AS_OF), dir, { NODE_OPTIONS: `--require=${preload}`, POSTMORTEM_TEST_KILL_AFTER_RENAMES: String(renames) });
      if (stopped.code === 0) break;
      assert.equal(stopped.code, -1, `not killed after ${renames} renames: ${stopped.stdout}${stopped.stderr}`);
      killed += 1;
      const next = runBinary(args('2026-06-30'), dir);
      assert.equal(next.stderr, '');
      assert.equal(next.code, 0, `after a kill at rename ${renames}:\n${next.stdout}`);
      assert.deepEqual(contents(join(dir, 'site')), finished, `after a kill at rename ${renames}`);
    }
    // Six pages and the manifest twice: a run that stops being killed early would prove nothing.
    assert.ok(renames > 7 && killed >= Math.ceil(7 / KILL_STEP), `killed ${killed} times, the last after rename ${renames - KILL_STEP}`);
  });
});

/** Which writes a run is killed after: each in turn (thorough), or every other one. */
const KILL_STEP = byDepth(2, 1);

/**
 * Loaded with `--require` into the CLI process: after the Nth rename (how
 * atomic writes land a file) the process kills itself, as a cancelled CI
 * job would be, with no chance to clean up.
 */
const KILL_AFTER_RENAMES = `'use strict';
const fs = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');
const limit = Number(process.env.POSTMORTEM_TEST_KILL_AFTER_RENAMES);
let count = 0;
const landed = () => { count += 1; if (count === limit) process.kill(process.pid, 'SIGKILL'); };
const rename = fs.rename;
fs.rename = function (from, to, callback) { return rename.call(fs, from, to, (error) => { if (!error) landed(); callback(error); }); };
const renameSync = fs.renameSync;
fs.renameSync = function (...args) { const result = renameSync.apply(fs, args); landed(); return result; };
const renamePromise = fs.promises.rename;
fs.promises.rename = async function (...args) { const result = await renamePromise.apply(fs.promises, args); landed(); return result; };
syncBuiltinESMExports();
`;

describe('publish: ids that name a page publish writes itself', () => {
  const incident = (id: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'invalid', 'reserved-id', 'input.yaml'), 'utf8').replace(/^id: .*$/m, `id: ${id}`);

  it('validate refuses them at the id, naming the targets and suggesting another id', async () => {
    const dir = project();
    writeFileSync(join(dir, 'incidents', 'report.yaml'), incident('report'));
    writeFileSync(join(dir, 'incidents', 'incident-report.yaml'), `# a comment first\n${incident('incident-report')}`);
    const run = await runCli(['validate', '--format', 'json'], dir);
    assert.equal(run.code, 1);
    const diagnostics = (JSON.parse(run.stdout) as JsonRun).diagnostics.filter((d) => d.rule === 'reserved-id');
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.line, d.column, d.severity]),
      [
        ['incidents/incident-report.yaml', 2, 5, 'error'],
        ['incidents/report.yaml', 1, 5, 'error'],
      ],
    );
    assert.match(diagnostics[0]!.message, /`github-wiki` target/);
    assert.match(diagnostics[1]!.message, /`mkdocs`, `docusaurus`, `hugo`, `jekyll`, `vitepress`, `html` targets/);
    assert.match(diagnostics[1]!.hint ?? '', /`2023-04-12-report`/);
  });

  for (const target of PUBLISH_TARGETS) {
    const id = RESERVED_IDS[target].find((name) => /^[a-z0-9][a-z0-9-]*$/.test(name))!;
    it(`${target}: publish refuses an incident with the id \`${id}\` and keeps its own page`, async () => {
      const dir = project();
      writeFileSync(join(dir, 'incidents', `${id}.yaml`), incident(id));
      const run = await publish(dir, target);
      assert.equal(run.code, 1);
      assert.deepEqual(run.diagnostics.map((d) => [d.file, d.rule]), [[`incidents/${id}.yaml`, 'reserved-id']]);
      const manifest = manifestOf(join(dir, 'site'));
      assert.ok(manifest.files.every((entry) => entry.source?.id !== id));
      const own = listFiles(join(dir, 'site')).filter((file) => file.split('/')[0]!.replace(/\.[^.]*$/, '').toLowerCase() === id);
      assert.ok(own.length > 0);
      for (const file of own) assert.ok(!readFileSync(join(dir, 'site', file), 'utf8').includes('Checkout latency spike'), file);
    });
  }

  it('docusaurus: publish refuses an id named like the output folder, which Docusaurus would take as its index', async () => {
    const dir = project();
    writeFileSync(join(dir, 'incidents', 'postmortems.yaml'), incident('postmortems'));
    const run = await runCli(['publish', '--target', 'docusaurus', '--out', 'docs/postmortems', '--as-of', AS_OF, '--format', 'json'], dir);
    assert.equal(run.code, 1);
    const { diagnostics } = JSON.parse(run.stdout) as JsonRun;
    assert.deepEqual(diagnostics.map((d) => [d.file, d.line, d.column, d.rule]), [['incidents/postmortems.yaml', 1, 5, 'reserved-id']]);
    assert.match(diagnostics[0]!.message, /`postmortems\/postmortems\.md`\) as the folder's index page/);
    assert.match(diagnostics[0]!.hint ?? '', /`2023-04-12-postmortems`/);
    assert.ok(!existsSync(join(dir, 'docs', 'postmortems', 'postmortems.md')));
    assert.ok(existsSync(join(dir, 'docs', 'postmortems', `${OLDEST}.md`)));
    // Elsewhere the id is fine.
    assert.equal((await runCli(['publish', '--target', 'docusaurus', '--out', 'docs/incidents', '--as-of', AS_OF], dir)).code, 0);
  });

  it('each target reserves the name of every file and folder it writes itself', async () => {
    const incident: PublishedIncident = {
      id: 'x',
      title: 'X',
      date: '2026-01-01',
      startedAt: 0,
      severity: 'SEV1',
      status: 'final',
      duration: '1h',
      tags: [],
      description: '',
    };
    for (const name of PUBLISH_TARGETS) {
      const target = await targetFor(name);
      const own = [target.reportPage, ...target.siteFiles([incident], { sitePath: 'postmortems', hasReport: true }).map((file) => file.path)];
      const stems = new Set(own.map((path) => path.split('/')[0]!.replace(/\.[^.]*$/, '').toLowerCase()));
      for (const stem of stems) assert.ok(RESERVED_IDS[name].includes(stem), `${name} writes \`${stem}\` but does not reserve it`);
    }
  });
});

describe('publish --target github-wiki: the wiki has its own Home and sidebar', () => {
  it('leaves them alone with a warning, writes every other page and exits 0', async () => {
    const dir = project();
    const site = join(dir, 'site');
    mkdirSync(site);
    writeFileSync(join(site, 'Home.md'), 'Welcome to the wiki!\n');
    writeFileSync(join(site, '_Sidebar.md'), '* [[Home]]\n');
    const run = await publish(dir, 'github-wiki');
    assert.equal(run.code, 0);
    assert.deepEqual(
      run.diagnostics.map((d) => [d.file, d.rule, d.severity]),
      [
        ['site/Home.md', 'publish-not-ours', 'warning'],
        ['site/_Sidebar.md', 'publish-not-ours', 'warning'],
      ],
    );
    assert.equal(readFileSync(join(site, 'Home.md'), 'utf8'), 'Welcome to the wiki!\n');
    assert.equal(readFileSync(join(site, '_Sidebar.md'), 'utf8'), '* [[Home]]\n');
    assert.ok(run.pages.written.includes('Incident-report.md'));
    assert.ok(run.pages.written.includes(`${OLDEST}.md`));
    assert.ok(!manifestOf(site).files.some((entry) => entry.path === 'Home.md'));
  });
});
