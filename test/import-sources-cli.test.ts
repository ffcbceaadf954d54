import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, incidentProject, runCli } from './helpers.js';
import { zipArchive } from './zip-writer.js';

/**
 * `postmortem import <source>` end to end, for every source, on the fixture
 * cases the issue names: the new file passes `validate` and `fmt --check`,
 * and importing the same input again with `--into` adds nothing (the file
 * stays byte for byte). test/import.test.ts checks the same at the library
 * level for every fixture case.
 */
const ROOT = join(FIXTURES, 'import');

const CASES: readonly [source: string, name: string][] = [
  ['statuspage', 'github-list-pick'],
  ['statuspage', 'non-utc-page-dst'],
  ['pagerduty', 'retriggered-after-resolve'],
  ['incident-io', 'null-timestamps-unassigned-roles'],
  ['firehydrant', 'skipped-and-custom-milestones'],
  ['slack', 'threads'],
  ['slack', 'since-until'],
];

/** A case's options.json as command-line words. */
function argvOf(options: Record<string, unknown>): string[] {
  return Object.entries(options).flatMap(([key, value]) => {
    if (value === undefined) return [];
    const flag = `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    if (value === true) return [flag];
    return Array.isArray(value) ? value.flatMap((item) => [flag, String(item)]) : [flag, String(value)];
  });
}

/** The project with the case's input copied in as `input.json` or `input/`; the input's name in it. */
function project(source: string, name: string): { dir: string; input: string } {
  const dir = incidentProject({});
  const input = existsSync(join(ROOT, source, name, 'input.json')) ? 'input.json' : 'input';
  cpSync(join(ROOT, source, name, input), join(dir, input), { recursive: true });
  return { dir, input };
}

async function importTwice(dir: string, source: string, input: string, options: Record<string, unknown>): Promise<void> {
  const created = await runCli(['import', source, input, ...argvOf(options), '--id', 'imported'], dir);
  assert.equal(created.code, 0, created.stdout + created.stderr);
  assert.match(created.stdout, /^created incidents\/imported\.yaml: \d+ events? from /m);
  // The command it suggests works as printed.
  const suggested = /see it with: postmortem (.+)$/m.exec(created.stdout)?.[1]?.split(' ') ?? [];
  assert.equal((await runCli(suggested, dir)).code, 0, `postmortem ${suggested.join(' ')}`);
  const validated = await runCli(['validate'], dir);
  assert.equal(validated.code, 0, validated.stdout + validated.stderr);
  assert.doesNotMatch(validated.stdout, /: error: /);
  const formatted = await runCli(['fmt', '--check'], dir);
  assert.equal(formatted.code, 0, formatted.stdout + formatted.stderr);

  const before = readFileSync(join(dir, 'incidents', 'imported.yaml'), 'utf8');
  const files = readdirSync(join(dir, 'incidents'));
  // --into takes the source's options, not the new file's.
  const sourceOnly = Object.fromEntries(Object.entries(options).filter(([key]) => !['severity', 'severityMap', 'timezone', 'title', 'id'].includes(key)));
  const again = await runCli(['import', source, input, ...argvOf(sourceOnly), '--into', 'imported'], dir);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /^nothing new for incidents\/imported\.yaml from .*; \d+ events? already there$/m);
  assert.equal(readFileSync(join(dir, 'incidents', 'imported.yaml'), 'utf8'), before, 'byte for byte');
  assert.deepEqual(readdirSync(join(dir, 'incidents')), files, 'no other file');
}

describe('import, every source end to end', () => {
  for (const [source, name] of CASES) {
    it(`${source} ${name}: a new file that validates; importing again with --into adds nothing`, async () => {
      const options = JSON.parse(readFileSync(join(ROOT, source, name, 'options.json'), 'utf8')) as Record<string, unknown>;
      const { dir, input } = project(source, name);
      await importTwice(dir, source, input, options);
    });
  }

  it('slack from the .zip export: the same file as from its folder', async () => {
    const options = JSON.parse(readFileSync(join(ROOT, 'slack', 'threads', 'options.json'), 'utf8')) as Record<string, unknown>;
    const { dir, input } = project('slack', 'threads');
    const fromFolder = await runCli(['import', 'slack', input, ...argvOf(options), '--id', 'folder'], dir);
    assert.equal(fromFolder.code, 0, fromFolder.stderr);
    const files = ['channels.json', 'users.json', ...readdirSync(join(dir, input, 'inc-checkout')).map((day) => `inc-checkout/${day}`)];
    writeFileSync(join(dir, 'export.zip'), zipArchive(files.map((file) => ({ name: file, text: readFileSync(join(dir, input, file)) }))));
    await importTwice(dir, 'slack', 'export.zip', { ...options, id: undefined });
    const folderText = readFileSync(join(dir, 'incidents', 'folder.yaml'), 'utf8');
    assert.equal(readFileSync(join(dir, 'incidents', 'imported.yaml'), 'utf8'), folderText.replace(/\bfolder\b/g, 'imported'));
  });

  it('nothing selected: the warning says what to change (the window, when no message falls in it), and nothing else is reported or asked', async () => {
    const { dir, input } = project('slack', 'threads');
    const before = readdirSync(join(dir, 'incidents'));
    const outside = await runCli(['import', 'slack', input, '--all', '--until', '2024-03-01', '--severity', 'SEV3'], dir);
    assert.equal(outside.code, 1, outside.stdout + outside.stderr);
    assert.match(outside.stdout, /No message of #inc-checkout was found \(of 0 read\), so the timeline is empty \[import-empty\]\n {2}hint: To import some, widen --since and --until: no message of the channel falls between them\./);
    assert.doesNotMatch(outside.stdout + outside.stderr, /import-shape|gives no events/);
    assert.match(outside.stderr, /^postmortem: nothing to import: the source gave no event, so no file was written\.$/m);
    // Without --severity either: nothing to write, so nothing to ask for.
    const unasked = await runCli(['import', 'slack', input, '--reaction', 'nosuchreaction'], dir);
    assert.equal(unasked.code, 1, unasked.stdout + unasked.stderr);
    assert.match(unasked.stdout, /has the reaction :nosuchreaction:.*\[import-empty\]/);
    assert.deepEqual(readdirSync(join(dir, 'incidents')), before);
  });

  it('refuses an option the source does not take, and reads --since/--until in the zone asked', async () => {
    const { dir, input } = project('slack', 'threads');
    const wrong = await runCli(['import', 'slack', input, '--incident', 'x', '--severity', 'SEV3'], dir);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /slack does not take --incident; it takes --channel, --reaction, --all, --since, --until/);
    const both = await runCli(['import', 'slack', input, '--all', '--reaction', 'pushpin', '--severity', 'SEV3'], dir);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--reaction and --all/);
    const badTime = await runCli(['import', 'slack', input, '--all', '--since', 'yesterday', '--severity', 'SEV3'], dir);
    assert.equal(badTime.code, 2);
    assert.match(badTime.stderr, /--since: Unexpected time `yesterday`/);
    // The thread starts at 23:46 UTC on the 4th, which is the 5th in Tokyo: a day alone starts in the zone asked.
    const utc = await runCli(['import', 'slack', input, '--all', '--since', '2024-03-05', '--severity', 'SEV3', '--id', 'utc'], dir);
    const tokyo = await runCli(['import', 'slack', input, '--all', '--since', '2024-03-05', '--severity', 'SEV3', '--timezone', 'Asia/Tokyo', '--id', 'tokyo'], dir);
    assert.equal(utc.code, 0, utc.stderr);
    assert.equal(tokyo.code, 0, tokyo.stderr);
    const count = (run: { stdout: string }) => Number(/: (\d+) events?/.exec(run.stdout)?.[1]);
    assert.deepEqual([count(utc), count(tokyo)], [3, 5]);
  });
});
