import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, RUNNERS, incidentProject, runCli } from './helpers.js';

const COMMENTED = readFileSync(join(FIXTURES, 'log', 'commented.yaml'), 'utf8');
const SEPARATED = readFileSync(join(FIXTURES, 'log', 'separated.yaml'), 'utf8');
const NOW = { POSTMORTEM_NOW: '2026-11-25T15:20:00Z' };
const ID = 'checkout-card-errors';

function project(files: Record<string, string> = { 'commented.yaml': COMMENTED }): string {
  return incidentProject(files, undefined, 'postmortem-amend-');
}

const read = (dir: string, name = 'commented.yaml') => readFileSync(join(dir, 'incidents', name), 'utf8');

async function amend(dir: string, ...argv: string[]) {
  return runCli(['amend', ...argv], dir, NOW);
}

describe('amend: only the changed values’ text changes', () => {
  const cases: { name: string; argv: string[]; from: string; to: string }[] = [
    {
      name: 'a double-quoted text keeps its quotes and the comment after it',
      argv: ['--event', '4', '--text', 'Rolled back to v1.'],
      from: '        text: "Rolled back to payments config v1."    # double-quoted',
      to: '        text: "Rolled back to v1."    # double-quoted',
    },
    {
      name: 'a single-quoted text, and a by, chosen by the event’s time',
      argv: ['--event', '2026-11-25 13:58', '--text', 'Deploy 4512 starts.', '--by', 'ci'],
      from: "        text: 'Deploy 4512 starts: payments config v2.'\n        by: deploy-bot",
      to: "        text: 'Deploy 4512 starts.'\n        by: ci",
    },
    {
      name: 'a literal block stays a literal block, indented under its key',
      argv: ['--event', '2', '--text', 'Card payments fail.\nAll of them.'],
      from: '        text: |\n            Card payments start failing.\n            # Markdown, not a comment\n',
      to: '        text: |-\n          Card payments fail.\n          All of them.\n',
    },
    {
      name: 'a missing by is added after the text, before the keys log does not write; an event found by the same instant in another form',
      argv: ['--event', '2026-11-25 14:10', '--by', 'Alertmanager'],
      from: '        text: Error-rate alert fires.\n',
      to: '        text: Error-rate alert fires.\n        by: Alertmanager\n',
    },
    {
      name: 'a plain text given what a YAML 1.1 reader takes for a boolean, or a tab: quoted as fmt writes them',
      argv: ['--event', '2026-11-25 14:10', '--text', 'Off', '--by', 'a\tb'],
      from: '        text: Error-rate alert fires.\n',
      to: '        text: "Off"\n        by: "a\\tb"\n',
    },
    {
      name: 'a new time in the same place, in the old value’s quoting',
      argv: ['--event', '2', '--at', '14:04'],
      from: '    -   at: "2026-11-25 14:03"',
      to: '    -   at: "2026-11-25 14:04"',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const dir = project();
      const result = await amend(dir, ID, ...c.argv);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.ok(COMMENTED.includes(c.from), c.from);
      assert.equal(read(dir), COMMENTED.replace(c.from, c.to));
      assert.equal((await runCli(['validate'], dir)).code, 0);
    });
  }

  it('says which event it changed, where it is now', async () => {
    const dir = project();
    const result = await amend(dir, ID, '--event', '4', '--kind', 'mitigated', '--text', 'x');
    assert.equal(result.stdout, `amended event 4, the mitigated at 2026-11-25 14:30, in incidents/commented.yaml:${COMMENTED.split('\n').indexOf('    -   at: 2026-11-25 14:30') + 1}\n`);
  });
});

describe('amend: a new time moves the event where log would have put it', () => {
  for (const [name, text] of [
    ['events separated by blank lines', SEPARATED],
    ['events one after another', SEPARATED.replace(/\n\n/g, '\n')],
  ] as const) {
    for (const [from, to] of [
      ['2026-03-01T09:30Z', '2026-03-01T10:30Z'],
      ['2026-03-01T10:30Z', '2026-03-01T09:10Z'],
      ['2026-03-01T09:10Z', '2026-03-01T08:00Z'],
    ] as const) {
      it(`${name}: ${from} → ${to}`, async () => {
        const amended = project({ 'separated.yaml': text });
        assert.equal((await runCli(['log', 'separated', 'Cache node restarted.', '--at', from], amended, NOW)).code, 0);
        const result = await runCli(['amend', 'separated', '--at', to], amended, NOW);
        assert.equal(result.code, 0, result.stdout + result.stderr);
        const logged = project({ 'separated.yaml': text });
        assert.equal((await runCli(['log', 'separated', 'Cache node restarted.', '--at', to], logged, NOW)).code, 0);
        assert.equal(read(amended, 'separated.yaml'), read(logged, 'separated.yaml'));
      });
    }
  }

  it('keeps the blank line between two events, and a file without a final line break without one', async () => {
    const header = SEPARATED.slice(0, SEPARATED.indexOf('timeline:\n') + 'timeline:\n'.length);
    const impact = '- at: 2026-03-01T09:00Z\n  kind: impact-start\n  text: Search latency rises.\n';
    const note = (at: string) => `- at: ${at}\n  text: Cache node restarted.\n`;
    for (const [label, ending] of [['with a final line break', '\n'], ['without one', '']] as const) {
      const dir = project({ 'two.yaml': `${header}${impact}\n${note('2026-03-01T09:30Z').slice(0, -1)}${ending}` });
      const result = await runCli(['amend', 'separated-events', '--event', '2', '--at', '2026-03-01T08:50Z'], dir, NOW);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.equal(read(dir, 'two.yaml'), `${header}${note('2026-03-01T08:50Z')}\n${impact.slice(0, -1)}${ending}`, label);
    }
  });

  it('carries the comments under the event with it', async () => {
    const dir = project();
    const result = await amend(dir, ID, '--event', '2', '--at', '14:31');
    // Milestones out of order are refused: impact-start after mitigated would be an error.
    assert.equal(result.code, 1);
    assert.match(result.stderr, /not amended: the change would bring the problems above/);
    assert.equal(read(dir), COMMENTED);
    const note = project();
    assert.equal((await runCli(['log', ID, 'Note.', '--at', '14:20'], note, NOW)).code, 0);
    assert.equal((await amend(note, ID, '--event', '2026-11-25 14:20', '--at', '13:59')).code, 0);
    assert.match(read(note), /by: deploy-bot\n {4}- {3}at: 2026-11-25 13:59\n {8}text: Note\.\n\n {4}- {3}at: "2026-11-25 14:03"/);
  });
});

describe('amend: which event', () => {
  it('without --event, the event the last log added; after the amend undo still takes it back', async () => {
    const dir = project();
    assert.equal((await runCli(['log', ID, 'Paged teh team', '--at', '14:05'], dir, NOW)).code, 0);
    const fixed = await amend(dir, ID, '--text', 'Paged the team');
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(read(dir), /text: Paged the team\n/);
    const moved = await amend(dir, ID, '--at', '14:35');
    assert.equal(moved.code, 0, moved.stderr);
    assert.match(moved.stdout, /^amended event 5 \(was event 3\), the note at 2026-11-25 14:35/);
    assert.equal((await runCli(['undo', ID], dir, NOW)).code, 0);
    assert.equal(read(dir), COMMENTED);
  });

  it('amending another event leaves the last log unknown: undo and a bare amend are refused', async () => {
    const dir = project();
    assert.equal((await runCli(['log', ID, 'Note.', '--at', '14:05'], dir, NOW)).code, 0);
    assert.equal((await amend(dir, ID, '--event', '1', '--by', 'ci')).code, 0);
    const before = read(dir);
    const undo = await runCli(['undo', ID], dir, NOW);
    assert.equal(undo.code, 1);
    assert.match(undo.stderr, /has changed since the last `log` into it/);
    const bare = await amend(dir, ID, '--text', 'x');
    assert.equal(bare.code, 1);
    assert.match(bare.stderr, /^postmortem: The file has changed since the last `log` into it, so which event it added is not known any more\n {2}hint: Say which event: --event 3/);
    assert.equal(read(dir), before);
  });

  it('refuses, writing nothing: no such number, no event at a time, two at one time, nothing remembered, nothing to change', async () => {
    const dir = project({ 'commented.yaml': COMMENTED, 'separated.yaml': SEPARATED });
    const cases: [string[], number, RegExp][] = [
      [[ID, '--event', '9', '--text', 'x'], 1, /^postmortem: --event: there is no event 9: the timeline has 4\n/],
      [[ID, '--event', '0', '--text', 'x'], 1, /there is no event 0/],
      [[ID, '--event', '14:11', '--text', 'x'], 1, /^postmortem: --event: no event is at 2026-11-25 14:11\n/],
      [[ID, '--event', 'soon', '--text', 'x'], 1, /^postmortem: --event: Unexpected time `soon`/],
      [[ID, '--event', '1', '--at', '25:00'], 1, /^postmortem: --at: Unexpected time `2026-11-25 25:00`/],
      [[ID, '--text', 'x'], 1, /^postmortem: No `log` into this file is remembered\n {2}hint: Say which event/],
      [[ID, '--event', '1'], 2, /^postmortem: Say what to change: --text, --at, --kind or --by\n/],
    ];
    for (const [argv, code, message] of cases) {
      const result = await amend(dir, ...argv);
      assert.equal(result.code, code, argv.join(' '));
      assert.match(result.stderr, message, argv.join(' '));
    }
    assert.equal(read(dir), COMMENTED);
    assert.deepEqual(readdirSync(join(dir, 'incidents')).sort(), ['commented.yaml', 'separated.yaml']);
    assert.equal((await runCli(['log', 'separated', 'Twin.', '--at', '2026-03-01T09:20Z'], dir, NOW)).code, 0);
    const twins = await runCli(['amend', 'separated', '--event', '2026-03-01T09:20Z', '--text', 'x'], dir, NOW);
    assert.equal(twins.code, 1);
    assert.match(twins.stderr, /^postmortem: --event: events 2, 3 are all at 2026-03-01T09:20Z\n {2}hint: Say which by its number: --event 2\./);
  });

  for (const { how, run, itEveryWay } of RUNNERS) {
    itEveryWay(`amends the event the last log added, in another process (${how})`, async () => {
      const dir = project();
      assert.equal((await run(['log', ID, 'Paged teh team', '--at', '14:05'], dir, NOW)).code, 0);
      const fixed = await run(['amend', ID, '--text', 'Paged the team'], dir, NOW);
      assert.equal(fixed.code, 0, fixed.stderr);
      assert.match(read(dir), /text: Paged the team\n/);
    });
  }
});
