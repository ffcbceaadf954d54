import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UNDO_MEMORY } from '../src/authoring/last-log.js';
import { OutputFolder } from '../src/output/output-folder.js';
import { removeStaleTemporaryFiles } from '../src/output/temporary-files.js';
import { ROOT, RUNNERS, tempDir } from './helpers.js';

const SAMPLE = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');
const OTHER = SAMPLE.replace('id: 2022-10-25-messaging-outage', 'id: other-incident');
/** Not in canonical form (`fmt` rewrites it): the keys are out of order. */
const UNFORMATTED = `title: Unformatted\n${SAMPLE.replace('title: Global messaging outage\n', '')}`.replace('id: 2022-10-25-messaging-outage', 'id: unformatted');
const NOW = { POSTMORTEM_NOW: '2026-11-25T15:20:00Z' };
const OUTSIDE_TEXT = 'a file outside the folder being written, which must never change\n';

/** A project folder with incidents/ holding the given files, and a folder `outside/` beside it holding `precious.txt`. */
function project(files: Record<string, string>): { dir: string; outside: string; precious: string } {
  const base = tempDir('postmortem-write-');
  const dir = join(base, 'project');
  const outside = join(base, 'outside');
  mkdirSync(join(dir, 'incidents'), { recursive: true });
  mkdirSync(outside);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'incidents', name), text);
  const precious = join(outside, 'precious.txt');
  writeFileSync(precious, OUTSIDE_TEXT);
  return { dir, outside, precious };
}

function isLink(path: string): boolean {
  return lstatSync(path).isSymbolicLink();
}

/** The marker our temporary files carry for this machine. */
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

for (const { how, run, it, itEveryWay } of RUNNERS) {
  describe(`writing files safely (${how})`, () => {
    itEveryWay('build: a postmortem that is a link out of the folder is refused at its incident file; the others are written', async () => {
      const { dir, precious } = project({ 'a.yaml': SAMPLE, 'b.yaml': OTHER });
      mkdirSync(join(dir, 'postmortems'));
      const link = join(dir, 'postmortems', '2022-10-25-messaging-outage.md');
      symlinkSync(precious, link);
      const result = await run(['build'], dir);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(
        result.stdout,
        /^incidents\/a\.yaml:1:1: error: Will not write postmortems\/2022-10-25-messaging-outage\.md: it is a symbolic link \(to .*precious\.txt\).* \[output-symlink\]$/m,
      );
      assert.match(result.stdout, /hint: Remove the link/);
      assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at /);
      assert.equal(readFileSync(precious, 'utf8'), OUTSIDE_TEXT);
      assert.ok(isLink(link), 'the link is not replaced');
      assert.match(readFileSync(join(dir, 'postmortems', 'other-incident.md'), 'utf8'), /^# Global messaging outage\n/);
      assert.deepEqual(readdirSync(join(dir, 'postmortems')).sort(), ['.postmortem-build.json', '2022-10-25-messaging-outage.md', 'other-incident.md']);
    });

    it('build: a postmortem that is a link to another page of the folder is refused too, and that page is left alone', async () => {
      const { dir } = project({ 'a.yaml': SAMPLE });
      mkdirSync(join(dir, 'postmortems'));
      writeFileSync(join(dir, 'postmortems', 'notes.md'), 'my notes\n');
      symlinkSync('notes.md', join(dir, 'postmortems', '2022-10-25-messaging-outage.md'));
      const result = await run(['build'], dir);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /Will not write postmortems\/2022-10-25-messaging-outage\.md: it is a symbolic link \(to notes\.md\).*\[output-symlink\]/);
      assert.equal(readFileSync(join(dir, 'postmortems', 'notes.md'), 'utf8'), 'my notes\n');
    });

    it('build: an output folder that is itself a link is the folder asked for, and is written', async () => {
      const { dir, outside } = project({ 'a.yaml': SAMPLE });
      symlinkSync(outside, join(dir, 'postmortems'));
      const result = await run(['build'], dir);
      assert.equal(result.code, 0, result.stdout);
      assert.ok(existsSync(join(outside, '2022-10-25-messaging-outage.md')));
    });

    it('publish: a symlinked assets/ folder leading out of the site is refused, and writes nothing there', async () => {
      const { dir, outside } = project({ 'a.yaml': SAMPLE });
      mkdirSync(join(dir, 'site'));
      symlinkSync(outside, join(dir, 'site', 'assets'));
      const result = await run(['publish', '--target', 'html', '--out', 'site', '--as-of', '2026-01-01'], dir);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      // The site folder is named as the command line named it (the message left it out before).
      assert.match(result.stdout, /^site\/assets\/[^:]+:1:1: error: Will not write assets\/[^:]+: the folder assets is a symbolic link to \S+, outside site \[output-symlink\]$/m);
      assert.match(result.stdout, /^ {2}hint: Replace the link with a real folder, or point it at a folder inside site; nothing was written for this file\.$/m);
      assert.deepEqual(readdirSync(outside), ['precious.txt']);
      assert.equal(readFileSync(join(outside, 'precious.txt'), 'utf8'), OUTSIDE_TEXT);
      assert.ok(existsSync(join(dir, 'site', '2022-10-25-messaging-outage.html')), 'the pages are still written');
    });

    it('publish: a page of the manifest replaced by a link out of the site is refused at its incident file', async () => {
      const { dir, outside } = project({ 'a.yaml': SAMPLE });
      const args = ['publish', '--target', 'mkdocs', '--out', 'docs', '--as-of', '2026-01-01'];
      assert.equal((await run(args, dir)).code, 0);
      const page = join(dir, 'docs', '2022-10-25-messaging-outage.md');
      // The file the link leads to holds the bytes publish wrote, so nothing else stops the write.
      const target = join(outside, 'page.md');
      writeFileSync(target, readFileSync(page));
      const before = readFileSync(target);
      symlinkSync(target, `${page}.link`);
      spawnSync('mv', [`${page}.link`, page]);
      writeFileSync(join(dir, 'incidents', 'a.yaml'), SAMPLE.replace('title: Global messaging outage', 'title: Global messaging outage, retitled'));
      const result = await run(args, dir);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /^incidents\/a\.yaml:1:1: error: Will not write 2022-10-25-messaging-outage\.md: it is a symbolic link .*\[output-symlink\]$/m);
      assert.deepEqual(readFileSync(target), before);
      assert.ok(isLink(page));
      assert.match(readFileSync(join(dir, 'docs', 'report.md'), 'utf8'), /retitled/, 'the other pages are still written');
    });

    itEveryWay('publish: a page replaced by a named pipe is refused without being read (reading it would never end)', { timeout: 60_000 }, async () => {
      const { dir } = project({ 'a.yaml': SAMPLE });
      const args = ['publish', '--target', 'mkdocs', '--out', 'docs', '--as-of', '2026-01-01'];
      assert.equal((await run(args, dir)).code, 0);
      const page = join(dir, 'docs', '2022-10-25-messaging-outage.md');
      spawnSync('rm', [page]);
      spawnSync('mkfifo', [page]);
      const result = await run(args, dir);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /^incidents\/a\.yaml:1:1: error: Cannot write 2022-10-25-messaging-outage\.md: not a regular file \[output-unwritable\]$/m);
      assert.ok(lstatSync(page).isFIFO());
    });

    itEveryWay('log and resolve edit an incident file that is a link where it leads; the link stays a link', async () => {
      const { dir, outside } = project({});
      const real = join(outside, 'kept-elsewhere.yaml');
      writeFileSync(real, SAMPLE);
      const link = join(dir, 'incidents', 'linked.yaml');
      symlinkSync(real, link);
      const logged = await run(['log', 'incidents/linked.yaml', 'Checked the dashboards', '--at', '2022-10-25 09:00'], dir, NOW);
      assert.equal(logged.code, 0, logged.stdout + logged.stderr);
      assert.match(readFileSync(real, 'utf8'), /Checked the dashboards/);
      assert.ok(isLink(link));
      assert.equal(readlinkSync(link), real);
      assert.deepEqual(readdirSync(outside).sort(), ['kept-elsewhere.yaml', 'precious.txt'], 'no lock or temporary file is left behind');
    });

    it('log refuses an incident file that is a link to something other than a .yaml file, and writes nothing', async () => {
      const { dir, outside } = project({});
      const notes = join(outside, 'notes.txt');
      writeFileSync(notes, SAMPLE);
      symlinkSync(notes, join(dir, 'incidents', 'planted.yaml'));
      const result = await run(['log', 'incidents/planted.yaml', 'Checked the dashboards', '--at', '2022-10-25 09:00'], dir, NOW);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /^incidents\/planted\.yaml:1:1: error: Will not edit incidents\/planted\.yaml: it is a symbolic link to .*notes\.txt, which is not a regular \.yaml or \.yml file \[output-symlink\]$/m);
      assert.equal(readFileSync(notes, 'utf8'), SAMPLE);
    });

    itEveryWay('log and fmt refuse a read-only incident file and leave it as it was; fmt --check still reads it; the others are formatted', async () => {
      const { dir } = project({ 'locked.yaml': UNFORMATTED, 'plain.yaml': UNFORMATTED.replace('id: unformatted', 'id: plain') });
      const locked = join(dir, 'incidents', 'locked.yaml');
      chmodSync(locked, 0o444);
      const logged = await run(['log', 'incidents/locked.yaml', 'Checked the dashboards', '--at', '2022-10-25 09:00'], dir, NOW);
      assert.equal(logged.code, 1, logged.stdout + logged.stderr);
      assert.match(logged.stdout + logged.stderr, /incidents\/locked\.yaml:1:1: error: Will not edit incidents\/locked\.yaml: it is read-only \[output-unwritable\]/);
      assert.match(logged.stdout + logged.stderr, /chmod u\+w incidents\/locked\.yaml/);
      const check = await run(['fmt', '--check'], dir);
      assert.match(check.stdout, /^would reformat incidents\/locked\.yaml$/m, check.stdout + check.stderr);
      const formatted = await run(['fmt'], dir);
      assert.equal(formatted.code, 1, formatted.stdout + formatted.stderr);
      assert.match(formatted.stdout, /^incidents\/locked\.yaml:1:1: error: Will not edit incidents\/locked\.yaml: it is read-only \[output-unwritable\]$/m);
      assert.equal(readFileSync(locked, 'utf8'), UNFORMATTED);
      assert.equal(statSync(locked).mode & 0o777, 0o444);
      assert.match(readFileSync(join(dir, 'incidents', 'plain.yaml'), 'utf8'), /\nid: plain\ntitle: Unformatted\n/);
      assert.deepEqual(readdirSync(join(dir, 'incidents')).sort(), ['locked.yaml', 'plain.yaml'], 'no lock or temporary file is left behind');
    });

    itEveryWay('fmt formats an incident file that is a link where it leads, refuses a link to a non-incident file, and formats the others', async () => {
      const { dir, outside } = project({ 'plain.yaml': UNFORMATTED.replace('id: unformatted', 'id: plain') });
      const real = join(outside, 'kept-elsewhere.yaml');
      writeFileSync(real, UNFORMATTED);
      symlinkSync(real, join(dir, 'incidents', 'linked.yaml'));
      const notes = join(outside, 'notes.txt');
      writeFileSync(notes, UNFORMATTED.replace('id: unformatted', 'id: planted'));
      symlinkSync(notes, join(dir, 'incidents', 'planted.yaml'));
      const result = await run(['fmt'], dir);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /^incidents\/planted\.yaml:1:1: error: Will not edit .*\[output-symlink\]$/m);
      assert.match(readFileSync(real, 'utf8'), /\nid: unformatted\ntitle: Unformatted\n/);
      assert.ok(isLink(join(dir, 'incidents', 'linked.yaml')));
      assert.equal(readFileSync(notes, 'utf8'), UNFORMATTED.replace('id: unformatted', 'id: planted'));
      assert.match(readFileSync(join(dir, 'incidents', 'plain.yaml'), 'utf8'), /\nid: plain\ntitle: Unformatted\n/);
    });

    itEveryWay('new: a link where the new file would go is a name taken, never followed', async () => {
      const { dir, outside } = project({});
      const planted = join(outside, 'created-through-a-link.yaml');
      symlinkSync(planted, join(dir, 'incidents', '2026-11-25-checkout-errors.yaml'));
      const result = await run(['new', 'Checkout errors', '--severity', 'SEV2', '--started', '2026-11-25 14:00'], dir, NOW);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /created incidents\/2026-11-25-checkout-errors-2\.yaml/);
      assert.equal(existsSync(planted), false);
    });

    itEveryWay('init: a folder of the project that is a link out of it is refused; the rest is set up', async () => {
      const { dir, outside } = project({});
      symlinkSync(outside, join(dir, '.vscode'));
      const result = await run(['init'], dir);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /^\.vscode\/settings\.json:1:1: error: Will not write \.vscode\/settings\.json: the folder \.vscode is a symbolic link to .*outside.*\[output-symlink\]$/m);
      assert.deepEqual(readdirSync(outside), ['precious.txt']);
      assert.ok(existsSync(join(dir, 'postmortem.config.yaml')));
      assert.ok(existsSync(join(dir, 'schema', 'incident.schema.json')));
    });

    itEveryWay('--out: a link named as the output file is refused at its path with exit 2; the file it leads to is unchanged', async () => {
      const { dir, precious } = project({ 'a.yaml': SAMPLE });
      symlinkSync(precious, join(dir, 'report.md'));
      for (const argv of [
        ['report', '--out', 'report.md', '--as-of', '2026-01-01'],
        ['schema', '--out', 'report.md'],
        ['export', '--out', 'report.md', '--as-of', '2026-01-01'],
        ['actions', '--out', 'report.md', '--as-of', '2026-01-01'],
      ]) {
        const result = await run(argv, dir);
        assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stdout}${result.stderr}`);
        assert.match(result.stderr, /^report\.md:1:1: error: Will not write report\.md: it is a symbolic link .*\[output-symlink\]$/m, argv.join(' '));
        assert.equal(readFileSync(precious, 'utf8'), OUTSIDE_TEXT);
        assert.ok(isLink(join(dir, 'report.md')));
      }
    });

    itEveryWay('the next build removes the temporary files of a dead writer from its folder, and nothing else', async () => {
      const { dir } = project({ 'a.yaml': SAMPLE });
      const out = join(dir, 'postmortems');
      mkdirSync(out);
      const dead = `.2022-10-25-messaging-outage.md.postmortem-${HOST}-${deadPid()}-0123456789ab.tmp`;
      const alive = `.2022-10-25-messaging-outage.md.postmortem-${HOST}-${process.pid}-0123456789ab.tmp`;
      const otherMachine = `.x.md.postmortem-0000beef-1-0123456789ab.tmp`;
      const otherMachineOld = `.y.md.postmortem-0000beef-1-0123456789ab.tmp`;
      const foreign = ['.x.md.postmortem-notours.tmp', 'x.md.1234567890', `x.md.postmortem-${HOST}-1-0123456789ab.tmp`, `.z.md.postmortem-${HOST}-1-0123456789ab.tmp.bak`];
      for (const name of [dead, alive, otherMachine, otherMachineOld, ...foreign]) writeFileSync(join(out, name), 'partial');
      const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
      utimesSync(join(out, otherMachineOld), twoDaysAgo, twoDaysAgo);
      const result = await run(['build'], dir);
      assert.equal(result.code, 0, result.stdout);
      const left = readdirSync(out).sort();
      assert.deepEqual(left, ['.postmortem-build.json', '2022-10-25-messaging-outage.md', alive, otherMachine, ...foreign].sort());
    });

    it('the next log removes the temporary files of a dead writer from incidents/, and nothing else', async () => {
      const { dir } = project({ 'a.yaml': SAMPLE });
      const dead = `.a.yaml.postmortem-${HOST}-${deadPid()}-0123456789ab.tmp`;
      const foreign = 'a.yaml.4021992511';
      for (const name of [dead, foreign]) writeFileSync(join(dir, 'incidents', name), 'partial');
      const result = await run(['log', 'incidents/a.yaml', 'Checked the dashboards', '--at', '2022-10-25 09:00'], dir, NOW);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.deepEqual(readdirSync(join(dir, 'incidents')).sort(), [UNDO_MEMORY, 'a.yaml', foreign]);
    });
  });
}

describe('OutputFolder', () => {
  it('follows a folder link that stays inside the folder, refuses one that leaves it or leads nowhere', async () => {
    const { dir, outside } = project({});
    const site = join(dir, 'site');
    mkdirSync(join(site, 'shared'), { recursive: true });
    symlinkSync(join(site, 'shared'), join(site, 'inside'));
    symlinkSync(outside, join(site, 'leaves'));
    symlinkSync(join(site, 'missing'), join(site, 'dangling'));
    const folder = new OutputFolder(site);
    assert.deepEqual(await folder.write('inside/page.md', 'inside\n'), { ok: true, status: 'written' });
    assert.equal(readFileSync(join(site, 'shared', 'page.md'), 'utf8'), 'inside\n');
    for (const path of ['leaves/page.md', 'leaves/deeper/page.md', 'dangling/page.md']) {
      const outcome = await folder.write(path, 'never\n');
      assert.equal(outcome.ok, false, path);
      assert.equal(!outcome.ok && outcome.problem.rule, 'output-symlink', path);
    }
    assert.deepEqual(readdirSync(outside), ['precious.txt']);
    assert.equal(existsSync(join(site, 'missing')), false);
  });

  it('keeps the permissions of the file it replaces, and leaves an unchanged file alone', async () => {
    const { dir } = project({});
    const folder = new OutputFolder(dir);
    writeFileSync(join(dir, 'page.md'), 'old\n', { mode: 0o600 });
    assert.deepEqual(await folder.write('page.md', 'new\n'), { ok: true, status: 'written' });
    assert.equal(lstatSync(join(dir, 'page.md')).mode & 0o777, 0o600);
    assert.deepEqual(await folder.write('page.md', 'new\n', { skipUnchanged: true }), { ok: true, status: 'unchanged' });
  });

  it('refuses to write over a folder, a pipe or a device, with output-unwritable', async () => {
    const { dir } = project({});
    mkdirSync(join(dir, 'taken.md'));
    const folder = new OutputFolder(dir);
    const outcome = await folder.write('taken.md', 'x');
    assert.equal(!outcome.ok && outcome.problem.rule, 'output-unwritable');
    spawnSync('mkfifo', [join(dir, 'pipe.md')]);
    if (existsSync(join(dir, 'pipe.md'))) {
      const piped = await folder.write('pipe.md', 'x', { skipUnchanged: true });
      assert.equal(!piped.ok && piped.problem.message.includes('not a regular file'), true);
    }
  });
});

describe('removeStaleTemporaryFiles', () => {
  it('removes a marked regular file whose writer is gone, never a link or a file of a running writer', async () => {
    const { dir, precious } = project({});
    const name = (pid: number) => `.page.md.postmortem-${HOST}-${pid}-0123456789ab.tmp`;
    writeFileSync(join(dir, name(11)), 'partial');
    writeFileSync(join(dir, name(12)), 'partial');
    symlinkSync(precious, join(dir, name(13)));
    const removed = await removeStaleTemporaryFiles(dir, { isRunning: (pid) => pid === 12 });
    assert.deepEqual(removed, [name(11)]);
    assert.ok(existsSync(join(dir, name(12))));
    assert.ok(isLink(join(dir, name(13))));
    assert.equal(readFileSync(precious, 'utf8'), OUTSIDE_TEXT);
  });
});
