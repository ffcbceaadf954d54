/**
 * build's manifest (src/pipeline/build-cache.ts): a run renders only what
 * could have changed, and can only skip work, never change a result. Each
 * test builds twice and compares the second run with what a build from
 * nothing gives.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type ResolvedConfig, defaultConfig } from '../src/config/config.js';
import { serialize } from 'node:v8';
import { BUILD_MANIFEST, canonicalText } from '../src/pipeline/build-cache.js';
import { buildPostmortems } from '../src/pipeline/build.js';
import type { RunResult } from '../src/pipeline/run.js';
import { BIN, ROOT, runBinary, tempDir } from './helpers.js';

const SAMPLE = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');
const withId = (id: string) => SAMPLE.replace('id: 2022-10-25-messaging-outage', `id: ${id}`);

function project(count: number): string {
  const dir = tempDir('postmortem-cache-');
  mkdirSync(join(dir, 'incidents'));
  for (let i = 0; i < count; i += 1) writeFileSync(join(dir, 'incidents', `i${i}.yaml`), withId(`incident-${i}`));
  return dir;
}

function build(dir: string, options: { config?: ResolvedConfig; strict?: boolean; templates?: string[] } = {}): Promise<RunResult> {
  return buildPostmortems({ config: options.config ?? defaultConfig(dir), cwd: dir, workers: 1, strict: options.strict, templates: options.templates });
}

/** The postmortems of a folder, without the manifest. */
function postmortems(dir: string): Record<string, string> {
  const out = join(dir, 'postmortems');
  if (!existsSync(out)) return {};
  return Object.fromEntries(
    readdirSync(out)
      .filter((name) => name.endsWith('.md') && statSync(join(out, name)).isFile())
      .sort()
      .map((name) => [name, readFileSync(join(out, name), 'utf8')]),
  );
}

/** What a build from nothing writes and reports for the same inputs. */
async function fromNothing(dir: string, options: Parameters<typeof build>[1] = {}) {
  rmSync(join(dir, 'postmortems'), { recursive: true, force: true });
  const result = await build(dir, options);
  return { result, files: postmortems(dir) };
}

/** A postmortem overwritten with other bytes of the same length and the same modification time: only a run that skips it leaves it so. */
function disguise(path: string): string {
  const before = statSync(path);
  const text = readFileSync(path, 'utf8').replace('Global messaging outage', 'Global MESSAGING outage');
  writeFileSync(path, text);
  utimesSync(path, before.atime, before.mtime);
  return text;
}

describe('the model hash', () => {
  it('is the same for equal models whatever V8 holds their strings as, and tells NaN, -0, undefined and types apart', () => {
    // A slice of a string with a non-Latin-1 character is held two-byte: Node 20's `v8.serialize`
    // wrote it otherwise than the same text held one-byte (later versions write both alike).
    const twoByte = 'Europe/Paris \u2014'.slice(0, 12);
    const oneByte = ['Europe', 'Paris'].join('/');
    if (process.versions.node.startsWith('20.')) assert.notDeepEqual(serialize({ zone: twoByte }), serialize({ zone: oneByte }), 'the premise: V8 holds them apart');
    assert.equal(canonicalText({ zone: twoByte }), canonicalText({ zone: oneByte }));
    const distinct = [NaN, 0, -0, Infinity, null, undefined, '0', 'NaN', false, [], {}, [0], { a: 0 }, { a: undefined }, ['a', 'b'], ['a,b'], 1n];
    assert.equal(new Set(distinct.map((value) => canonicalText({ custom: value }))).size, distinct.length);
  });
});

describe('build remembers what it wrote', () => {
  it('renders nothing again when nothing changed, and reports the same run', async () => {
    const dir = project(3);
    const first = await build(dir);
    assert.equal(first.summary.written, 3);
    const disguised = disguise(join(dir, 'postmortems', 'incident-1.md'));
    const second = await build(dir);
    assert.equal(readFileSync(join(dir, 'postmortems', 'incident-1.md'), 'utf8'), disguised, 'taken from the manifest, not rendered');
    assert.deepEqual(second.diagnostics, first.diagnostics);
    assert.deepEqual(second.summary, { ...first.summary, written: 0, unchanged: 3 });
    assert.deepEqual(
      second.files,
      first.files.map((file) => ({ ...file, unchanged: true })),
    );
  });

  it('renders a changed incident, and only that one', async () => {
    const dir = project(3);
    await build(dir);
    const disguised = disguise(join(dir, 'postmortems', 'incident-0.md'));
    writeFileSync(join(dir, 'incidents', 'i2.yaml'), withId('incident-2').replace('title: Global messaging outage', 'title: Changed title'));
    const second = await build(dir);
    assert.equal(second.summary.written, 1);
    assert.match(readFileSync(join(dir, 'postmortems', 'incident-2.md'), 'utf8'), /^# Changed title/);
    assert.equal(readFileSync(join(dir, 'postmortems', 'incident-0.md'), 'utf8'), disguised);
  });

  it('keeps the postmortem of a file whose model did not change, and reports its warnings where they are now', async () => {
    const dir = project(2);
    // A warning (`unsafe-link`), to see its position move with the comment put above it.
    const warned = withId('incident-0').replace('trigger: A configuration push', 'trigger: See [this](javascript:alert(1)). A configuration push');
    writeFileSync(join(dir, 'incidents', 'i0.yaml'), warned);
    const first = await build(dir);
    assert.equal(first.summary.warnings, 1);
    const disguised = disguise(join(dir, 'postmortems', 'incident-0.md'));
    writeFileSync(join(dir, 'incidents', 'i0.yaml'), `# A comment, and a line more above everything\n\n${warned}# and one below\n`);
    const second = await build(dir);
    assert.equal(readFileSync(join(dir, 'postmortems', 'incident-0.md'), 'utf8'), disguised, 'kept, not rendered');
    assert.equal(second.summary.written, 0);
    const moved = first.diagnostics.map((diagnostic) => ({ ...diagnostic, line: diagnostic.line + 2, endLine: diagnostic.endLine + 2 }));
    assert.deepEqual(second.diagnostics, moved);
    // The manifest now holds the new bytes: a third run takes it as it is, warnings where they are now.
    const third = await build(dir);
    assert.deepEqual(third.diagnostics, moved);
    assert.equal(readFileSync(join(dir, 'postmortems', 'incident-0.md'), 'utf8'), disguised);
    const expected = await fromNothing(dir);
    assert.deepEqual(third.diagnostics, expected.result.diagnostics);
  });

  it('renders a file whose text changed, even with a comment changed alongside', async () => {
    const dir = project(2);
    await build(dir);
    disguise(join(dir, 'postmortems', 'incident-0.md'));
    writeFileSync(join(dir, 'incidents', 'i0.yaml'), `# a comment\n${withId('incident-0').replace('title: Global messaging outage', 'title: Global messaging outage again')}`);
    const second = await build(dir);
    assert.equal(second.summary.written, 1);
    assert.deepEqual(postmortems(dir), (await fromNothing(dir)).files);
  });

  it('leaves the manifest unwritten when nothing changed, and writes it when a file did', async () => {
    const dir = project(2);
    await build(dir);
    const manifest = join(dir, 'postmortems', BUILD_MANIFEST);
    const written = readFileSync(manifest, 'utf8');
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(manifest, past, past);
    const unchanged = await build(dir);
    assert.equal(unchanged.summary.written, 0);
    assert.equal(statSync(manifest).mtimeMs, past.getTime(), 'a run that changed nothing leaves the manifest alone');
    assert.equal(readFileSync(manifest, 'utf8'), written);

    writeFileSync(join(dir, 'incidents', 'i1.yaml'), `# a comment\n${withId('incident-1')}`);
    await build(dir);
    assert.notEqual(statSync(manifest).mtimeMs, past.getTime(), 'a changed file is remembered anew');
    const entries = (JSON.parse(readFileSync(manifest, 'utf8')) as { files: Record<string, { hash: string }> }).files;
    const before = (JSON.parse(written) as { files: Record<string, { hash: string }> }).files;
    assert.notEqual(entries['../incidents/i1.yaml']?.hash, before['../incidents/i1.yaml']?.hash);
    assert.equal(entries['../incidents/i0.yaml']?.hash, before['../incidents/i0.yaml']?.hash);
  });

  it('ignores a manifest of the first format', async () => {
    const dir = project(2);
    await build(dir);
    const manifest = join(dir, 'postmortems', BUILD_MANIFEST);
    const current = JSON.parse(readFileSync(manifest, 'utf8')) as { format: string; files: Record<string, { model?: string }> };
    for (const entry of Object.values(current.files)) delete entry.model;
    writeFileSync(manifest, JSON.stringify({ ...current, format: 'postmortem-build/1' }));
    disguise(join(dir, 'postmortems', 'incident-0.md'));
    const second = await build(dir);
    assert.equal(second.summary.written, 1, 'the disguised postmortem was rendered again');
    assert.deepEqual(postmortems(dir), (await fromNothing(dir)).files);
  });

  it('renders everything again when the configuration or a template changes', async () => {
    const dir = project(2);
    await build(dir);
    disguise(join(dir, 'postmortems', 'incident-0.md'));
    const config = { ...defaultConfig(dir), timezone: 'Asia/Tokyo' };
    await build(dir, { config });
    const rebuilt = postmortems(dir);
    const expected = await fromNothing(dir, { config });
    assert.deepEqual(rebuilt, expected.files, 'the disguised postmortem was rendered again');

    const templates = join(dir, 'templates');
    mkdirSync(templates);
    writeFileSync(join(templates, 'title.hbs'), '# Postmortem: {{title}}\n');
    await build(dir, { config, templates: [templates] });
    const overridden = postmortems(dir);
    assert.match(overridden['incident-0.md']!, /^# Postmortem: Global messaging outage/);
    writeFileSync(join(templates, 'title.hbs'), '# PM: {{title}}\n');
    // Same model, other bytes: another key still renders it.
    writeFileSync(join(dir, 'incidents', 'i0.yaml'), `# a comment\n${withId('incident-0')}`);
    await build(dir, { config, templates: [templates] });
    assert.match(postmortems(dir)['incident-1.md']!, /^# PM: Global messaging outage/);
    assert.match(postmortems(dir)['incident-0.md']!, /^# PM: Global messaging outage/);
  });

  it('writes a postmortem again when it was deleted, edited or replaced', async () => {
    const dir = project(3);
    await build(dir);
    const expected = postmortems(dir);
    const out = join(dir, 'postmortems');
    rmSync(join(out, 'incident-0.md'));
    writeFileSync(join(out, 'incident-1.md'), 'edited by hand\n');
    rmSync(join(out, 'incident-2.md'));
    mkdirSync(join(out, 'incident-2.md'));
    const second = await build(dir);
    assert.equal(second.summary.written, 2);
    assert.equal(second.summary.invalid, 1, 'a folder where the postmortem goes is refused as before');
    const after = postmortems(dir);
    assert.equal(after['incident-0.md'], expected['incident-0.md']);
    assert.equal(after['incident-1.md'], expected['incident-1.md']);
  });

  it('ignores a manifest that is corrupt, foreign or tampered with', async () => {
    const dir = project(2);
    const manifest = join(dir, 'postmortems', BUILD_MANIFEST);
    const expected = await fromNothing(dir);
    const real = readFileSync(manifest, 'utf8');
    const tampered = JSON.parse(real) as { key: string; files: Record<string, { diagnostics: unknown[]; id: string; hash: string }> };
    const entry = Object.values(tampered.files)[0]!;
    for (const text of [
      'not json',
      '[]',
      JSON.stringify({ ...tampered, format: 'other/1' }),
      JSON.stringify({ ...tampered, key: 'another key' }),
      JSON.stringify({ ...tampered, files: { ...tampered.files, [Object.keys(tampered.files)[0]!]: { ...entry, diagnostics: [{ severity: 'error' }] } } }),
      JSON.stringify({ ...tampered, files: { ...tampered.files, [Object.keys(tampered.files)[0]!]: { ...entry, id: 'someone-else' } } }),
      JSON.stringify({ ...tampered, files: { ...tampered.files, ['__proto__']: entry } }),
    ]) {
      writeFileSync(manifest, text);
      disguise(join(dir, 'postmortems', 'incident-0.md'));
      const result = await build(dir);
      assert.deepEqual(result.diagnostics, expected.result.diagnostics, text);
      assert.deepEqual(postmortems(dir), expected.files, text);
    }
  });

  it('replays a remembered file’s warnings, and --strict still refuses it', async () => {
    const dir = project(1);
    // A warning: a `javascript:` link in a Markdown field (`unsafe-link`), shown as plain text.
    writeFileSync(join(dir, 'incidents', 'i0.yaml'), withId('incident-0').replace('trigger: A configuration push', 'trigger: See [this](javascript:alert(1)). A configuration push'));
    const first = await build(dir);
    assert.equal(first.summary.warnings, 1);
    const second = await build(dir);
    assert.deepEqual(second.diagnostics, first.diagnostics);
    const strict = await build(dir, { strict: true });
    const expected = await fromNothing(dir, { strict: true });
    assert.deepEqual(strict.diagnostics, expected.result.diagnostics);
    assert.deepEqual({ ...strict.summary, unchanged: 0 }, { ...expected.result.summary, unchanged: 0 });
  });

  it('refuses a remembered file whose id another file now takes first', async () => {
    const dir = project(2);
    await build(dir);
    writeFileSync(join(dir, 'incidents', 'a-first.yaml'), withId('incident-1'));
    const result = await build(dir);
    const expected = await fromNothing(dir);
    assert.deepEqual(result.diagnostics, expected.result.diagnostics);
    assert.ok(result.diagnostics.some((diagnostic) => diagnostic.rule === 'duplicate-id' && diagnostic.file === 'incidents/i1.yaml'));
  });

  it('warns at a related id no file has on a run that renders nothing, and once the file it named is deleted', async () => {
    const dir = project(3);
    // i0 names a later file and one of no file; i2 names an earlier one.
    const i0 = join(dir, 'incidents', 'i0.yaml');
    writeFileSync(i0, `${withId('incident-0')}related:\n  - incident-1\n  - incident-9\n`);
    writeFileSync(join(dir, 'incidents', 'i2.yaml'), `${withId('incident-2')}related: [incident-0]\n`);
    const line = readFileSync(i0, 'utf8').split('\n').indexOf('  - incident-9') + 1;
    const at = (result: RunResult) => result.diagnostics.map((d) => [d.file, d.line, d.column, d.rule, d.severity]);
    const first = await build(dir);
    assert.deepEqual(at(first), [['incidents/i0.yaml', line, 5, 'unknown-related', 'warning']]);
    assert.deepEqual([first.summary.warnings, first.files[0]!.warnings], [1, 1]);
    const warm = await build(dir);
    assert.equal(warm.summary.written, 0, 'nothing rendered');
    assert.deepEqual(warm.diagnostics, first.diagnostics);
    assert.deepEqual(warm.summary, { ...first.summary, written: 0, unchanged: 3 });

    rmSync(join(dir, 'incidents', 'i1.yaml'));
    const gone = await build(dir);
    assert.deepEqual(gone.summary.written, 0, 'i0 and i2 are taken as they are');
    assert.deepEqual(at(gone), [
      ['incidents/i0.yaml', line - 1, 5, 'unknown-related', 'warning'],
      ['incidents/i0.yaml', line, 5, 'unknown-related', 'warning'],
    ]);
    assert.match(gone.diagnostics[0]!.message, /`incident-1`/);
    const expected = await fromNothing(dir);
    assert.deepEqual(gone.diagnostics, expected.result.diagnostics);
    assert.deepEqual({ ...gone.summary, written: 2, unchanged: 0 }, expected.result.summary);
    assert.deepEqual(gone.files.map((file) => file.warnings), [2, 0]);
  });

  it('writes no manifest into a folder it did not otherwise write, nor through a link', async () => {
    const dir = project(0);
    writeFileSync(join(dir, 'incidents', 'bad.yaml'), 'id: [\n');
    await build(dir);
    assert.throws(() => statSync(join(dir, 'postmortems')), /ENOENT/);

    const linked = project(1);
    mkdirSync(join(linked, 'postmortems'));
    const elsewhere = join(tempDir('postmortem-elsewhere-'), 'manifest.json');
    writeFileSync(elsewhere, 'theirs\n');
    symlinkSync(elsewhere, join(linked, 'postmortems', BUILD_MANIFEST));
    await build(linked);
    assert.equal(readFileSync(elsewhere, 'utf8'), 'theirs\n');
  });

  it('a run that renders nothing loads no template, and reports the warnings they loaded with', () => {
    const dir = project(2);
    // Text beyond Latin-1 makes V8 hold the file's strings two-byte (see modelHash): a comment suffices.
    const source = (id: string) => `# Notes — from the on-call\n${withId(id)}`;
    for (const index of [0, 1]) writeFileSync(join(dir, 'incidents', `i${index}.yaml`), source(`incident-${index}`));
    // A template in the old flat layout: loading the templates warns about it.
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'title.hbs'), '# Postmortem: {{title}}\n');
    /** The CLI's run, and whether it loaded Handlebars (the modules Node loaded, as NODE_DEBUG=esm lists them). */
    const run = () => {
      // Node 24 lists a lot more than spawnSync's default buffer of 1 MB holds.
      const spawned = spawnSync(process.execPath, [BIN, 'build', '--templates', 'templates'], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', NODE_DEBUG: 'esm' },
        maxBuffer: 256 * 1024 * 1024,
      });
      const result = { code: spawned.status ?? -1, stdout: spawned.stdout, stderr: spawned.stderr };
      const loaded = [...new Set([...result.stderr.matchAll(/Storing (file:\/\/\S+\.js)/g)].map((match) => match[1]!))];
      assert.ok(loaded.length > 1, 'NODE_DEBUG=esm lists the modules loaded');
      const handlebars = loaded.some((url) => readFileSync(new URL(url), 'utf8').includes('node_modules/handlebars/'));
      return { ...result, handlebars, warnings: result.stdout.split('\n').filter((line) => line.includes('template-layout')) };
    };
    const first = run();
    assert.equal(first.code, 0, first.stderr);
    assert.ok(first.handlebars, 'the first run renders, with Handlebars');
    assert.equal(first.warnings.length, 1, first.stderr);
    const second = run();
    assert.match(second.stdout, /0 written, 2 unchanged/);
    assert.equal(second.handlebars, false, 'nothing rendered, no template loaded');
    assert.deepEqual(second.warnings, first.warnings);
    // A comment added: checked, the same model (hashed as the cold build hashed it), nothing rendered.
    writeFileSync(join(dir, 'incidents', 'i1.yaml'), `${source('incident-1')}# a comment\n`);
    const commented = run();
    assert.match(commented.stdout, /0 written, 2 unchanged/);
    assert.equal(commented.handlebars, false, 'the same model is not rendered again');
    // A file changed in its model: rendered, so the templates load.
    writeFileSync(join(dir, 'incidents', 'i1.yaml'), source('incident-1').replace('Global messaging outage', 'Global messaging outage, again'));
    const third = run();
    assert.match(third.stdout, /1 written, 1 unchanged/);
    assert.ok(third.handlebars);
    assert.deepEqual(third.warnings, first.warnings);
  });

  it('skips the unchanged files of a real CLI run', () => {
    const dir = project(2);
    const first = runBinary(['build'], dir);
    assert.equal(first.code, 0, first.stderr);
    const disguised = disguise(join(dir, 'postmortems', 'incident-0.md'));
    const second = runBinary(['build'], dir);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /0 written, 2 unchanged/);
    assert.equal(readFileSync(join(dir, 'postmortems', 'incident-0.md'), 'utf8'), disguised);
  });
});
