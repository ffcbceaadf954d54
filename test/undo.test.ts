import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { reversalOf, reverse } from '../src/authoring/last-log.js';
import { FIXTURES, RUNNERS, incidentProject, listFiles, runCli } from './helpers.js';

const COMMENTED = readFileSync(join(FIXTURES, 'log', 'commented.yaml'), 'utf8');
const SEPARATED = readFileSync(join(FIXTURES, 'log', 'separated.yaml'), 'utf8');
const NOW = { POSTMORTEM_NOW: '2026-11-25T15:20:00Z' };
const ID = 'checkout-card-errors';

function project(files: Record<string, string> = { 'commented.yaml': COMMENTED }): string {
  return incidentProject(files, undefined, 'postmortem-undo-');
}

const read = (dir: string, name = 'commented.yaml') => readFileSync(join(dir, 'incidents', name), 'utf8');

describe('undo', () => {
  const variants = [
    { name: 'LF', text: COMMENTED },
    { name: 'CRLF with a byte-order mark', text: `\uFEFF${COMMENTED.replace(/\n/g, '\r\n')}` },
  ];
  for (const variant of variants) {
    it(`${variant.name}: takes back the last log, byte for byte, once`, async () => {
      const dir = project({ 'commented.yaml': variant.text });
      const logged = await runCli(['log', ID, 'Paged the payments team.', '--at', '14:05', '--kind', 'escalation'], dir, NOW);
      assert.equal(logged.code, 0, logged.stderr);
      assert.notEqual(read(dir), variant.text);
      const undone = await runCli(['undo', ID], dir, NOW);
      assert.equal(undone.code, 0, undone.stderr);
      assert.equal(undone.stdout, 'undone: removed the escalation at 2026-11-25 14:05 (event 3) from incidents/commented.yaml\n');
      assert.equal(read(dir), variant.text);
      const again = await runCli(['undo', ID], dir, NOW);
      assert.equal(again.code, 1);
      assert.equal(again.stderr, 'postmortem: nothing to undo in incidents/commented.yaml: no `log` into it is remembered (undo takes back one log, once).\nNothing was written to incidents/commented.yaml.\n');
      assert.equal(read(dir), variant.text);
    });
  }

  it('takes back only the last of two logs', async () => {
    const dir = project();
    assert.equal((await runCli(['log', ID, 'First.', '--at', '14:40'], dir, NOW)).code, 0);
    const afterFirst = read(dir);
    assert.equal((await runCli(['log', ID, 'Second.', '--at', '14:06'], dir, NOW)).code, 0);
    assert.equal((await runCli(['undo', ID], dir, NOW)).code, 0);
    assert.equal(read(dir), afterFirst);
    assert.equal((await runCli(['undo', ID], dir, NOW)).code, 1, 'one step only');
  });

  it('takes back a resolve: the event and the status it set', async () => {
    const dir = project({ 'separated.yaml': SEPARATED });
    assert.equal((await runCli(['resolve', 'separated', '--at', '2026-03-01T10:30Z'], dir, NOW)).code, 0);
    assert.match(read(dir, 'separated.yaml'), /^status: review$/m);
    const undone = await runCli(['undo', 'separated'], dir, NOW);
    assert.equal(undone.code, 0, undone.stderr);
    assert.equal(read(dir, 'separated.yaml'), SEPARATED);
  });

  it('is refused, writing nothing, when the file changed since the log', async () => {
    const dir = project();
    assert.equal((await runCli(['log', ID, 'Rolled back.', '--at', '14:40'], dir, NOW)).code, 0);
    appendFileSync(join(dir, 'incidents', 'commented.yaml'), '# edited by hand\n');
    const edited = read(dir);
    const refused = await runCli(['undo', ID], dir, NOW);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^postmortem: incidents\/commented\.yaml has changed since the last `log` into it \(the note at 2026-11-25 14:40\), so undo cannot tell what that log added any more\n {2}hint: /,
    );
    assert.equal(read(dir), edited);
  });

  it('keeps its memory in the incidents folder only, one entry per file wherever it is, and reads a damaged memory as empty', async () => {
    const dir = project({ 'commented.yaml': COMMENTED, 'separated.yaml': SEPARATED });
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', 'copy.yaml'), COMMENTED);
    assert.equal((await runCli(['log', ID, 'One.', '--at', '14:40'], dir, NOW)).code, 0);
    assert.equal((await runCli(['log', 'separated', 'Two.', '--at', '2026-03-01T09:30Z'], dir, NOW)).code, 0);
    assert.equal((await runCli(['log', 'elsewhere/copy.yaml', 'Three.', '--at', '14:41'], dir, NOW)).code, 0);
    assert.deepEqual(listFiles(dir), ['elsewhere/copy.yaml', 'incidents/.postmortem-undo.json', 'incidents/commented.yaml', 'incidents/separated.yaml']);
    const memory = JSON.parse(read(dir, '.postmortem-undo.json')) as { version: number; files: Record<string, unknown> };
    assert.deepEqual(Object.keys(memory.files), ['../elsewhere/copy.yaml', 'commented.yaml', 'separated.yaml']);
    assert.doesNotMatch(read(dir, '.postmortem-undo.json'), /2026-11-25T15:20|1764084000/, 'no clock in it');
    // Both files' last logs can be undone, in any order.
    assert.equal((await runCli(['undo', 'separated'], dir, NOW)).code, 0);
    assert.equal((await runCli(['undo', ID], dir, NOW)).code, 0);
    assert.equal(read(dir), COMMENTED);
    assert.equal(read(dir, 'separated.yaml'), SEPARATED);

    writeFileSync(join(dir, 'incidents', '.postmortem-undo.json'), '{ not json');
    const damaged = await runCli(['undo', 'elsewhere/copy.yaml'], dir, NOW);
    assert.equal(damaged.code, 1);
    assert.match(damaged.stderr, /nothing to undo/);
    assert.equal((await runCli(['log', 'elsewhere/copy.yaml', 'Four.', '--at', '14:42'], dir, NOW)).code, 0);
    assert.equal((await runCli(['undo', 'elsewhere/copy.yaml'], dir, NOW)).code, 0);
  });

  it('a reversal is the one span where two texts differ', () => {
    for (const [before, after] of [
      ['abc', 'abXc'],
      ['aaa', 'aaaa'],
      ['', 'x'],
      ['status: draft\nx\n', 'status: review\nx\ny\n'],
      ['same', 'same'],
    ] as const) {
      assert.equal(reverse(after, reversalOf(before, after)), before);
    }
    assert.deepEqual(reversalOf('aaa', 'aaaa'), { prefix: 3, suffix: 0, restore: '' });
  });

  for (const { how, run, itEveryWay } of RUNNERS) {
    itEveryWay(`remembers across processes (${how})`, async () => {
      const dir = project();
      const logged = await run(['log', ID, 'Rolled back.', '--at', '14:40'], dir, NOW);
      assert.equal(logged.code, 0, logged.stderr);
      const undone = await run(['undo', ID], dir, NOW);
      assert.equal(undone.code, 0, undone.stderr);
      assert.equal(read(dir), COMMENTED);
    });
  }
});
