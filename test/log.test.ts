import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { insertEvent } from '../src/authoring/insert-event.js';
import { setStatus } from '../src/authoring/set-status.js';
import { BIN, FIXTURES, ROOT, runCli, tempDir } from './helpers.js';
import { byDepth } from './depth.js';

const LOG_FIXTURES = join(FIXTURES, 'log');
const COMMENTED = readFileSync(join(LOG_FIXTURES, 'commented.yaml'), 'utf8');
const SEPARATED = readFileSync(join(LOG_FIXTURES, 'separated.yaml'), 'utf8');
const FLOW = readFileSync(join(LOG_FIXTURES, 'flow-timeline.yaml'), 'utf8');
const SAMPLE = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');

/** 16:20 in Berlin, the zone of commented.yaml: a clock time such as 14:05 means 2026-11-25 14:05 there. */
const NOW = { POSTMORTEM_NOW: '2026-11-25T15:20:00Z' };

const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A fresh project folder holding incidents/<name> for each file. */
function project(files: Record<string, string>): string {
  const dir = tempDir('postmortem-log-');
  folders.push(dir);
  mkdirSync(join(dir, 'incidents'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'incidents', name), text);
  return dir;
}

function read(dir: string, name: string): string {
  return readFileSync(join(dir, 'incidents', name), 'utf8');
}

/** The 0-based index of the line that is exactly `line`; fails when there is not exactly one. */
function indexOfLine(lines: readonly string[], line: string): number {
  const found = lines.flatMap((candidate, index) => (candidate === line ? [index] : []));
  assert.equal(found.length, 1, `expected exactly one line ${JSON.stringify(line)}`);
  return found[0]!;
}

/** `text` with `added` inserted as whole lines before line `index` (0-based), in the text's line endings. */
function withLines(text: string, index: number, added: readonly string[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  lines.splice(index, 0, ...added);
  return lines.join(eol);
}

/**
 * Asserts that `after` is `before` with one contiguous run of lines added and
 * nothing else changed, and returns where the run starts and what it holds.
 */
function addedLines(before: string, after: string): { index: number; lines: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  assert.equal(prefix + suffix, a.length, 'only lines were added: none removed or changed');
  return { index: prefix, lines: b.slice(prefix, b.length - suffix) };
}

describe('log: where the event goes, and nothing else changes', () => {
  const lines = COMMENTED.split('\n');
  const cases: { name: string; at: string; extra: string[]; index: number; added: string[] }[] = [
    {
      name: 'in the middle, after the item and the comment indented under it, before the next item’s comments',
      at: '14:05',
      extra: ['--kind', 'escalation', '--by', 'Ana Lima'],
      index: indexOfLine(lines, '        # a trailing comment indented under the item') + 1,
      added: ['    -   at: 2026-11-25 14:05', '        kind: escalation', '        text: Paged the payments team.', '        by: Ana Lima'],
    },
    {
      name: 'at the start, above the comment that belongs to the first event',
      at: '2026-11-25 13:00',
      extra: [],
      index: indexOfLine(lines, '    # The first event; this comment belongs to it.'),
      added: ['    -   at: 2026-11-25 13:00', '        text: Paged the payments team.'],
    },
    {
      name: 'at the end, before the comment that follows the timeline',
      at: '15:00',
      extra: ['--kind', 'communication'],
      index: indexOfLine(lines, '# a comment at column 0 after the timeline'),
      added: ['    -   at: 2026-11-25 15:00', '        kind: communication', '        text: Paged the payments team.'],
    },
    {
      name: 'after an event at the same instant written with an offset (13:10Z is 14:10 in Berlin)',
      at: '2026-11-25 14:10',
      extra: [],
      index: indexOfLine(lines, '    -   at: 2026-11-25 14:30'),
      added: ['    -   at: 2026-11-25 14:10', '        text: Paged the payments team.'],
    },
    {
      name: 'after an event at the same wall time',
      at: '2026-11-25 14:03',
      extra: [],
      index: indexOfLine(lines, '        # a trailing comment indented under the item') + 1,
      added: ['    -   at: 2026-11-25 14:03', '        text: Paged the payments team.'],
    },
  ];

  const variants: { name: string; text: string }[] = [
    { name: 'LF', text: COMMENTED },
    { name: 'CRLF', text: COMMENTED.replace(/\n/g, '\r\n') },
    { name: 'CRLF with a byte-order mark', text: `\uFEFF${COMMENTED.replace(/\n/g, '\r\n')}` },
  ];

  for (const variant of variants) {
    for (const c of cases) {
      it(`${variant.name}: ${c.name}`, async () => {
        const dir = project({ 'commented.yaml': variant.text });
        const result = await runCli(['log', 'checkout-card-errors', 'Paged', 'the', 'payments', 'team.', '--at', c.at, ...c.extra], dir, NOW);
        assert.equal(result.code, 0, result.stdout + result.stderr);
        const written = read(dir, 'commented.yaml');
        assert.equal(written, withLines(variant.text, c.index, c.added));
        // The same, said as a diff: one run of added lines, nothing else touched.
        const bare = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
        assert.deepEqual(addedLines(bare(variant.text), bare(written)), { index: c.index, lines: c.added });
        if (variant.text.includes('\r\n')) assert.doesNotMatch(written, /[^\r]\n/, 'CRLF stays CRLF');
        assert.match(result.stdout, new RegExp(`^logged \\S+ \\S+ in incidents/commented\\.yaml:${c.index + 1}\\n$`));
        assert.equal((await runCli(['validate'], dir)).code, 0);
      });
    }
  }

  it('shows the time without its date when it is today in the incident’s zone', async () => {
    const dir = project({ 'commented.yaml': COMMENTED });
    const result = await runCli(['log', 'checkout-card-errors', 'Rolled back', '--at', '~14:45', '--kind', 'action'], dir, NOW);
    const line = indexOfLine(COMMENTED.split('\n'), '# a comment at column 0 after the timeline') + 1;
    assert.equal(result.stdout, `logged ~14:45 action in incidents/commented.yaml:${line}\n`);
    const now = await runCli(['log', 'checkout-card-errors', 'Still watching'], dir, NOW);
    assert.equal(now.code, 0, now.stderr);
    assert.match(read(dir, 'commented.yaml'), /^ {4}- {3}at: 2026-11-25 16:20\n {8}text: Still watching\n# a comment at column 0/m);
  });

  it('keeps blank lines between events where the timeline has them, and a missing final newline missing', async () => {
    const original = SEPARATED.replace(/\n$/, '');
    const dir = project({ 'separated.yaml': original });
    const end = await runCli(['log', 'separated-events', 'All clear.', '--at', '2026-03-01T11:00Z'], dir, NOW);
    assert.equal(end.code, 0, end.stderr);
    const afterEnd = read(dir, 'separated.yaml');
    assert.equal(afterEnd, `${original}\n\n- at: 2026-03-01T11:00Z\n  text: All clear.`);

    const start = await runCli(['log', 'separated-events', 'Deploy.', '--at', '2026-03-01T08:00Z', '--kind', 'trigger'], dir, NOW);
    assert.equal(start.code, 0, start.stderr);
    const lines = afterEnd.split('\n');
    const first = indexOfLine(lines, '- at: 2026-03-01T09:00Z');
    assert.equal(read(dir, 'separated.yaml'), withLines(afterEnd, first, ['- at: 2026-03-01T08:00Z', '  kind: trigger', '  text: Deploy.', '']));
  });

  it('a comment after the last event, at the events’ indentation, stays after the events logged at the end', async () => {
    // Indented under `timeline:`: flush with the key, such a comment is not the list's.
    const indented = SEPARATED.replace(/\n\n/g, '\n').replace(/^(-| {2})/gm, '  $1');
    const original = `${indented}  # add new events above this line\n`;
    const dir = project({ 'separated.yaml': original });
    const logged = await runCli(['log', 'separated-events', 'All clear.', '--at', '2026-03-01T11:00Z'], dir, NOW);
    assert.equal(logged.code, 0, logged.stderr);
    assert.equal(read(dir, 'separated.yaml'), `${indented}  - at: 2026-03-01T11:00Z\n    text: All clear.\n  # add new events above this line\n`);
    const amended = await runCli(['amend', 'separated-events', '--event', '1', '--text', 'Started.'], dir, NOW);
    assert.equal(amended.code, 0, amended.stderr);
    assert.match(read(dir, 'separated.yaml'), /\n {2}# add new events above this line\n$/);
  });

  it('a trigger logged in the minute impact started goes before impact-start, other events after it', async () => {
    const dir = project({ 'separated.yaml': SEPARATED });
    const note = await runCli(['log', 'separated-events', 'Pager fires.', '--at', '2026-03-01T09:00Z'], dir, NOW);
    assert.equal(note.code, 0, note.stderr);
    const trigger = await runCli(['log', 'separated-events', 'Config pushed.', '--at', '2026-03-01T09:00Z', '--kind', 'trigger'], dir, NOW);
    assert.equal(trigger.code, 0, trigger.stderr);
    const order = read(dir, 'separated.yaml')
      .split('\n')
      .filter((line) => /^ {2}(kind|text):/.test(line))
      .slice(0, 4);
    assert.deepEqual(order, ['  kind: trigger', '  text: Config pushed.', '  kind: impact-start', order[3]]);
    assert.match(read(dir, 'separated.yaml'), /kind: impact-start\n {2}text: [^\n]*\n\n- at: 2026-03-01T09:00Z\n {2}text: Pager fires\./);
  });

  it('--error-rate writes the rate from this event on, checked as a percentage', async () => {
    const dir = project({ 'commented.yaml': COMMENTED });
    const logged = await runCli(['log', 'checkout-card-errors', 'Most traffic moved away.', '--at', '14:20', '--error-rate', '5'], dir, NOW);
    assert.equal(logged.code, 0, logged.stderr);
    assert.match(read(dir, 'commented.yaml'), /- {3}at: 2026-11-25 14:20\n {8}text: Most traffic moved away\.\n {8}error_rate: 5\n/);
    // Without impact.slo the rate counts nowhere: logged, with the warning that says so.
    assert.match(logged.stdout, /warning: Unexpected `error_rate` on an event of an incident without `impact\.slo`/);
    for (const wrong of ['150', '-1', 'lots']) {
      const refused = await runCli(['log', 'checkout-card-errors', 'x', '--at', '14:21', '--error-rate', wrong], dir, NOW);
      assert.equal(refused.code, 2, wrong);
      assert.match(refused.stderr, /--error-rate must be a percentage from 0 to 100/);
    }
  });

  it('into a resolved incident, without --at: refused, asking for the time, and nothing written', async () => {
    const dir = project({ 'commented.yaml': COMMENTED });
    const resolved = await runCli(['log', 'checkout-card-errors', 'Fixed.', '--kind', 'resolved', '--at', '15:00'], dir, NOW);
    assert.equal(resolved.code, 0, resolved.stderr);
    const before = read(dir, 'commented.yaml');
    const late = await runCli(['log', 'checkout-card-errors', 'Customers told.'], dir, NOW);
    assert.equal(late.code, 1, late.stdout + late.stderr);
    assert.match(late.stderr, /The incident is already resolved \(at 2026-11-25 15:00\), so the current time is not the event's\n {2}hint: Give the time it happened with --at/);
    assert.equal(read(dir, 'commented.yaml'), before);
    const timed = await runCli(['log', 'checkout-card-errors', 'Customers told.', '--at', '15:20'], dir, NOW);
    assert.equal(timed.code, 0, timed.stderr);
  });

  it('writes text that needs quoting so that it reads back exactly as given', async () => {
    const dir = project({ 'commented.yaml': COMMENTED });
    const texts = [
      'Alert fired: p99 > 5s # not a comment',
      '*Rollback* finished',
      '&not-an-anchor',
      '!important',
      '~',
      'null',
      'yes',
      '123',
      // (A text that starts with `-` reads as an option on the command line; a later line may.)
      'first line\n- not a list',
      '@here paged',
      '`kubectl rollout undo` ran',
      '%YAML',
      "it's \"quoted\"",
      ' leading and trailing spaces ',
      'two lines:\n  - indented\n# not a comment',
      '\n  starts with a blank line',
      'ends with a newline\n',
      'a\ttab',
    ];
    for (const [i, text] of texts.entries()) {
      const at = `2026-11-25 15:${String(10 + i).padStart(2, '0')}`;
      const result = await runCli(['log', 'checkout-card-errors', text, '--at', at, '--by', 'Ops: on-call #2'], dir, NOW);
      assert.equal(result.code, 0, `${JSON.stringify(text)}: ${result.stdout}${result.stderr}`);
    }
    const data = parse(read(dir, 'commented.yaml')) as { timeline: { at: string; text: string; by?: string }[] };
    for (const [i, text] of texts.entries()) {
      const event = data.timeline.find((e) => e.at === `2026-11-25 15:${String(10 + i).padStart(2, '0')}`);
      assert.equal(event?.text, text);
      assert.equal(event?.by, 'Ops: on-call #2');
    }
    // As `fmt` writes them: text a YAML 1.1 reader (PyYAML) would take for a boolean keeps quotes, and a tab is `\t`.
    const written = read(dir, 'commented.yaml');
    assert.match(written, /^ +text: "yes"$/m);
    assert.match(written, /^ +text: "a\\ttab"$/m);
    const validate = await runCli(['validate'], dir);
    assert.equal(validate.code, 0, validate.stdout);
  });
});

describe('log: refused input writes nothing', () => {
  async function refused(files: Record<string, string>, argv: string[], env: Record<string, string> = NOW) {
    const dir = project(files);
    const [name] = Object.keys(files) as [string];
    const path = join(dir, 'incidents', name);
    const before = readFileSync(path);
    const mtime = statSync(path).mtimeMs;
    const result = await runCli(argv, dir, env);
    assert.ok(readFileSync(path).equals(before), 'the file is byte for byte as it was');
    assert.equal(statSync(path).mtimeMs, mtime, 'the file was not rewritten');
    assert.deepEqual(readdirSync(join(dir, 'incidents')), [name], 'no lock or temporary file is left');
    return result;
  }

  it('a time that cannot be read: exit 1, and the message says why', async () => {
    const result = await refused({ 'commented.yaml': COMMENTED }, ['log', 'checkout-card-errors', 'x', '--at', '25:00']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^postmortem: --at: Unexpected time `2026-11-25 25:00`: hour 25 is not 00 to 23\n {2}hint: /);
    assert.match(result.stderr, /Nothing was written to incidents\/commented\.yaml\./);

    const garbled = await refused({ 'commented.yaml': COMMENTED }, ['log', 'checkout-card-errors', 'x', '--at', 'yesterday']);
    assert.equal(garbled.code, 1);
    assert.match(garbled.stderr, /Unexpected time `yesterday`.*\n {2}hint: Write it like 2022-10-25 08:05/);
  });

  it('a wall time that a daylight-saving change skips, given as a clock time in the incident’s zone', async () => {
    // Berlin skipped from 02:00 to 03:00 on 2026-03-29.
    const result = await refused({ 'commented.yaml': COMMENTED }, ['log', 'checkout-card-errors', 'x', '--at', '02:30'], {
      POSTMORTEM_NOW: '2026-03-29T09:00:00Z',
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Nonexistent time `2026-03-29 02:30`: clocks in Europe\/Berlin jumped from \+01:00 to \+02:00/);
    assert.match(result.stderr, /hint: Add the offset you mean: `2026-03-29T02:30\+01:00` or `2026-03-29T02:30\+02:00`/);
  });

  it('a time zone the incident names but nobody knows', async () => {
    const text = COMMENTED.replace('timezone: Europe/Berlin ', 'timezone: Europe/Berln  ');
    const result = await refused({ 'commented.yaml': text }, ['log', 'checkout-card-errors', 'x']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Cannot read the current time in time zone `Europe\/Berln`: the zone is unknown/);
  });

  it('a day as --at: written as the date alone, placed before the timed events of that day', async () => {
    const dir = project({ 'commented.yaml': COMMENTED });
    const logged = await runCli(['log', 'checkout-card-errors', 'Card network confirms the certificate rotation.', '--at', '2026-11-25'], dir, NOW);
    assert.equal(logged.code, 0, logged.stdout + logged.stderr);
    const text = read(dir, 'commented.yaml');
    assert.match(text, /- {3}at: 2026-11-25\n {8}text: Card network confirms the certificate rotation\.\n/);
    // "Some time that day" sorts before every timed event of the day: it goes first in the timeline.
    assert.ok(text.indexOf('at: 2026-11-25\n') < text.indexOf('at: 2026-11-25 '), text);
    const validated = await runCli(['validate'], dir, NOW);
    assert.equal(validated.code, 0, validated.stdout + validated.stderr);
    assert.doesNotMatch(validated.stdout, /timeline-order/);
  });

  it('the cause found: --kind identified, a milestone like the others', async () => {
    const dir = project({ 'commented.yaml': COMMENTED });
    const logged = await runCli(['log', 'checkout-card-errors', 'Bad card-network certificate found.', '--kind', 'identified', '--at', '14:20'], dir, NOW);
    assert.equal(logged.code, 0, logged.stdout + logged.stderr);
    assert.match(readFileSync(join(dir, 'incidents', 'commented.yaml'), 'utf8'), /- {3}at: 2026-11-25 14:20\n {8}kind: identified\n {8}text: Bad card-network certificate found\.\n/);
    const again = await runCli(['log', 'checkout-card-errors', 'Found it again.', '--kind', 'identified', '--at', '14:25'], dir, NOW);
    assert.equal(again.code, 1);
    assert.match(again.stdout, /Unexpected second `identified` milestone, expected at most one \[duplicate-milestone\]/);
  });

  it('a second resolved milestone, with the positioned message', async () => {
    const dir = project({ 'commented.yaml': COMMENTED });
    const first = await runCli(['log', 'checkout-card-errors', 'Fixed.', '--kind', 'resolved', '--at', '15:00'], dir, NOW);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const path = join(dir, 'incidents', 'commented.yaml');
    const before = readFileSync(path);
    const second = await runCli(['resolve', 'checkout-card-errors', '--at', '15:10'], dir, NOW);
    assert.equal(second.code, 1);
    assert.ok(readFileSync(path).equals(before));
    assert.match(second.stdout, /^incidents\/commented\.yaml:\d+:15: error: Unexpected second `resolved` milestone, expected at most one \[duplicate-milestone\]\n/);
    assert.match(second.stdout, /\| {9}kind: resolved\n/);
    assert.match(second.stdout, /note: incidents\/commented\.yaml:\d+:15: first `resolved` is here/);
    assert.match(second.stderr, /not logged: the event would bring the problems above into incidents\/commented\.yaml/);
  });

  it('an event that would take the file over the 1 MiB cap, which every command then refuses', async () => {
    let text = COMMENTED;
    // Comment lines of about 90 bytes, up to 100 to 200 bytes under the cap; the event adds over 300.
    // (The size is counted as it grows: measuring the whole text each time takes seconds.)
    for (let index = 0, size = Buffer.byteLength(text); size < 1024 * 1024 - 200; index += 1) {
      const line = `# ${'padding '.repeat(10)}${index}\n`;
      text += line;
      size += Buffer.byteLength(line);
    }
    const result = await refused({ 'commented.yaml': text }, ['log', 'checkout-card-errors', `a long message ${'x'.repeat(300)}`, '--at', '14:00']);
    assert.equal(result.code, 1, result.stdout + result.stderr.slice(0, 2_000));
    assert.match(result.stdout, /^incidents\/commented\.yaml:1:1: error: File is \d+ bytes, over the 1 MiB limit for an incident file \[file-too-large\]$/m);
    assert.match(result.stderr, /not logged/);
  });

  it('errors the file already had do not block; new warnings are shown but do not block either, unless --strict', async () => {
    const draft = SEPARATED.replace(/\n {2}kind: impact-start\n/, '\n'); // missing-impact-start, an error
    const dir = project({ 'separated.yaml': draft });
    const note = await runCli(['log', 'separated-events', 'Cache node restarted.', '--at', '2026-03-01T09:40Z'], dir, NOW);
    assert.equal(note.code, 0, note.stdout + note.stderr);
    assert.equal(note.stdout, 'logged 2026-03-01T09:40Z note in incidents/separated.yaml:15\n');

    const commented = project({ 'commented.yaml': COMMENTED });
    const strict = await runCli(['log', 'checkout-card-errors', 'Ack.', '--kind', 'acknowledged', '--at', '14:05', '--strict'], commented, NOW);
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /warning: .*\[acknowledged-before-detected\]/);
    assert.equal(read(commented, 'commented.yaml'), COMMENTED);
    const relaxed = await runCli(['log', 'checkout-card-errors', 'Ack.', '--kind', 'acknowledged', '--at', '14:05'], commented, NOW);
    assert.equal(relaxed.code, 0);
    assert.match(relaxed.stdout, /^incidents\/commented\.yaml:\d+:\d+: warning: .*\[acknowledged-before-detected\]\n(.*\n)*logged 14:05 acknowledged in /);
  });

  it('a timeline written as a flow list: asks for fmt instead of reformatting it', async () => {
    const result = await refused({ 'flow-timeline.yaml': FLOW }, ['log', 'flow-timeline', 'x']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /flow list/);
    assert.match(result.stderr, /postmortem fmt/);
  });

  it('text that starts with a dash, after `--`, is text and not an option', async () => {
    const dir = project({ 'sample.yaml': SAMPLE });
    const result = await runCli(['log', '2022-10-25-messaging-outage', '--at', '2022-10-25 09:00', '--', '- not an option', '--kind', 'x'], dir, NOW);
    assert.equal(result.code, 0, result.stderr);
    assert.match(read(dir, 'sample.yaml'), /text: "- not an option --kind x"\n/);
    // Words that look like numbers stay as written: a version, a hexadecimal id, a count with a leading zero.
    const numbers = await runCli(['log', '2022-10-25-messaging-outage', '--at', '2022-10-25 09:01', '--', '4.10', 'deployed', 'to', '0x1F', 'hosts,', '1e3', '02'], dir, NOW);
    assert.equal(numbers.code, 0, numbers.stderr);
    assert.match(read(dir, 'sample.yaml'), /text: 4\.10 deployed to 0x1F hosts, 1e3 02\n/);
    const elsewhere = await runCli(['init', '--', 'x'], dir);
    assert.equal(elsewhere.code, 2);
    assert.match(elsewhere.stderr, /^postmortem: `init` takes nothing after `--`\n$/);
  });

  it('empty event text is a usage error', async () => {
    const result = await refused({ 'commented.yaml': COMMENTED }, ['log', 'checkout-card-errors', '  ']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /The event text is empty/);
  });
});

describe('resolve', () => {
  it('logs the resolved milestone and sets status: review, changing nothing else', async () => {
    const dir = project({ 'commented.yaml': COMMENTED });
    const result = await runCli(['resolve', 'checkout-card-errors', '--at', '15:00', '--by', 'Ana Lima'], dir, NOW);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const lines = COMMENTED.split('\n');
    const index = indexOfLine(lines, '# a comment at column 0 after the timeline');
    const expected = withLines(COMMENTED, index, [
      '    -   at: 2026-11-25 15:00',
      '        kind: resolved',
      '        text: Resolved.',
      '        by: Ana Lima',
    ]).replace('\nstatus: draft\n', '\nstatus: review\n');
    assert.equal(read(dir, 'commented.yaml'), expected);
    assert.equal(result.stdout, `logged 15:00 resolved in incidents/commented.yaml:${index + 1}; status: draft → review\n`);
  });

  it('adds a status line after the title when there is none, and keeps review as it is', async () => {
    const dir = project({ 'separated.yaml': SEPARATED });
    const result = await runCli(['resolve', 'separated-events', '--at', '2026-03-01T10:30Z', '--text', 'Latency normal: cache warm.'], dir, NOW);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const withStatus = withLines(SEPARATED, 2, ['status: review']);
    const end = withStatus.split('\n').length - 1;
    assert.equal(read(dir, 'separated.yaml'), withLines(withStatus, end, ['', '- at: 2026-03-01T10:30Z', '  kind: resolved', '  text: "Latency normal: cache warm."']));
    assert.match(result.stdout, /; added status: review\n$/);
  });

  it('leaves review and final as they are', () => {
    const review = setStatus('id: x\nstatus: review\n', 'review', { keep: ['review', 'final'] });
    assert.deepEqual(review, { ok: true, text: 'id: x\nstatus: review\n', from: 'review', to: 'review', changed: false });
    const final = setStatus('id: x\nstatus: final\n', 'review', { keep: ['review', 'final'] });
    assert.deepEqual(final, { ok: true, text: 'id: x\nstatus: final\n', from: 'final', to: 'final', changed: false });
  });

  it('replaces only the status value: its comment, quoting style around it and line endings stay', () => {
    const changed = setStatus('id: x\r\nstatus: draft      # draft | review | final\r\ntitle: T\r\n', 'review');
    assert.ok(changed.ok);
    assert.equal(changed.text, 'id: x\r\nstatus: review     # draft | review | final\r\ntitle: T\r\n', 'the comment keeps its column');
    const tight = setStatus('status: draft # no room\n', 'review');
    assert.ok(tight.ok);
    assert.equal(tight.text, 'status: review # no room\n');
    const shorter = setStatus('status: review   # x\n', 'final');
    assert.ok(shorter.ok);
    assert.equal(shorter.text, 'status: final    # x\n');
    const quoted = setStatus("status: 'draft'\n", 'review');
    assert.ok(quoted.ok);
    assert.equal(quoted.text, 'status: review\n');
    const empty = setStatus('id: x\nstatus:   # to do\n', 'review');
    assert.ok(empty.ok);
    assert.equal(empty.text, 'id: x\nstatus: review   # to do\n');
    const noNewline = setStatus('id: x\ntitle: T', 'review');
    assert.ok(noNewline.ok);
    assert.equal(noNewline.text, 'id: x\ntitle: T\nstatus: review');
  });
});

describe('log: naming the incident', () => {
  it('by id (found by its `id:` when the file is named otherwise), by file name and by path', async () => {
    const dir = project({ 'commented.yaml': COMMENTED });
    for (const [i, incident] of ['checkout-card-errors', 'commented', 'incidents/commented.yaml', join(dir, 'incidents', 'commented.yaml')].entries()) {
      const result = await runCli(['log', incident, `event ${i}`, '--at', `15:0${i}`], dir, NOW);
      assert.equal(result.code, 0, `${incident}: ${result.stderr}`);
      assert.match(result.stdout, /in incidents\/commented\.yaml:\d+\n$/);
    }
    const sub = join(dir, 'incidents');
    const fromBelow = await runCli(['log', 'commented.yaml', 'from the incidents folder', '--at', '15:09'], sub, NOW);
    assert.equal(fromBelow.code, 0, fromBelow.stderr);
    assert.equal(fromBelow.stdout, `logged 15:09 note in commented.yaml:${read(dir, 'commented.yaml').split('\n').indexOf('        text: from the incidents folder')}\n`);
  });

  it('an unknown id: exit 2, with a suggestion', async () => {
    const dir = project({ 'commented.yaml': COMMENTED, 'separated.yaml': SEPARATED });
    const typo = await runCli(['log', 'checkout-card-erors', 'x'], dir, NOW);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /^postmortem: No incident `checkout-card-erors`: no incidents\/checkout-card-erors\.yaml, and no file in incidents\/ has an id with `checkout-card-erors` in it\nDid you mean `checkout-card-errors`\?\n$/);
    const start = await runCli(['log', 'incidents/checkout.yaml', 'x'], dir, NOW);
    assert.equal(start.code, 2);
    assert.match(start.stderr, /No such file `incidents\/checkout\.yaml`.*\nDid you mean `checkout-card-errors`\?/);
    const missing = await runCli(['log', 'incidents/nope.yaml', 'x'], dir, NOW);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No such file `incidents\/nope\.yaml`/);
  });
});

describe('insertEvent', () => {
  const event = { at: '2026-03-01T09:30Z', instant: Date.parse('2026-03-01T09:30Z'), text: 'x' };

  it('refuses a file without a timeline, or with an empty one', () => {
    const none = insertEvent('id: x\ntitle: T\n', event, 'UTC');
    assert.ok(!none.ok);
    assert.match(none.message, /no `timeline:`/);
    const empty = insertEvent('id: x\ntimeline:\n', event, 'UTC');
    assert.ok(!empty.ok);
  });

  it('refuses a file it cannot tell where to edit: not YAML, two documents, too deep, a lone CR, a flow mapping', () => {
    const timeline = 'id: x\ntimeline:\n  - at: 2026-03-01T09:00Z\n    text: a\n';
    const refusals: [string, RegExp][] = [
      [`${timeline}title: [\n`, /is not valid YAML/],
      [`${timeline}---\nid: y\n`, /is not valid YAML/],
      [`${timeline}x-deep: ${'['.repeat(70)}${']'.repeat(70)}\n`, /nests lists or mappings more than 64 levels deep/],
      [timeline.replace('id: x\n', 'id: x\r'), /carriage return \(CR\) alone/],
      ['{ id: x, timeline: [] }\n', /not a block mapping/],
    ];
    for (const [text, message] of refusals) {
      const refused = insertEvent(text, event, 'UTC');
      assert.ok(!refused.ok, JSON.stringify(text));
      assert.match(refused.message, message, JSON.stringify(text));
    }
    assert.ok(insertEvent(timeline, event, 'UTC').ok);
  });

  it('puts the new event last when no time can be read, and skips unreadable times otherwise', () => {
    const unreadable = 'timeline:\n  - at: sometime\n    text: a\n  - at: later\n    text: b\n';
    const last = insertEvent(unreadable, event, 'UTC');
    assert.ok(last.ok);
    assert.equal(last.text, `${unreadable}  - at: 2026-03-01T09:30Z\n    text: x\n`);
    const mixed = 'timeline:\n  - at: 2026-03-01T09:00Z\n    text: a\n  - at: sometime\n    text: b\n  - at: 2026-03-01T10:00Z\n    text: c\n';
    const between = insertEvent(mixed, event, 'UTC');
    assert.ok(between.ok);
    assert.deepEqual(addedLines(mixed, between.text), { index: 3, lines: ['  - at: 2026-03-01T09:30Z', '    text: x'] });
  });
});

describe('log: the built command', () => {
  it('logs, and refuses a bad time with exit 1, as a real process', () => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    const dir = project({ 'commented.yaml': COMMENTED.replace(/\n/g, '\r\n') });
    const run = (...argv: string[]) =>
      spawnSync(process.execPath, [BIN, ...argv], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...NOW } });
    const good = run('log', 'checkout-card-errors', 'Rolled back.', '--kind', 'action', '--at', '14:40');
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /^logged 14:40 action in incidents\/commented\.yaml:\d+\n$/);
    const written = read(dir, 'commented.yaml');
    assert.match(written, /\r\n {4}- {3}at: 2026-11-25 14:40\r\n {8}kind: action\r\n {8}text: Rolled back\.\r\n/);
    const bad = run('log', 'checkout-card-errors', 'x', '--at', '2026-11-31 10:00');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^postmortem: --at: Unexpected time `2026-11-31 10:00`: 2026-11 has no day 31\n/);
    assert.equal(read(dir, 'commented.yaml'), written);
  });
});

describe('log: many processes at once (10, or 20 at the thorough depth)', () => {
  it('all land, each once, and nothing else changes', { timeout: 120_000 }, async (t) => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    const dir = project({ 'outage.yaml': SAMPLE });
    const path = join(dir, 'incidents', 'outage.yaml');
    const count = byDepth(10, 20);
    const started = Date.now();
    const runs = Array.from({ length: count }, (_, i) => {
      // Half at distinct times, half at one shared time (which then keep their arrival order).
      const at = i % 2 === 0 ? `2022-10-25T08:${String(30 + i).padStart(2, '0')}:00+01:00` : '2022-10-25 09:20';
      const child = spawn(process.execPath, [BIN, 'log', 'incidents/outage.yaml', `event ${i}`, '--at', at], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', POSTMORTEM_NOW: '2022-10-25T09:30:00Z' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      return new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
    });
    const results = await Promise.all(runs);
    t.diagnostic(`${count} concurrent log processes took ${Date.now() - started} ms`);
    for (const [i, result] of results.entries()) assert.equal(result.code, 0, `process ${i}: ${result.output}`);

    const written = readFileSync(path, 'utf8');
    const lines = written.split('\n');
    for (let i = 0; i < count; i += 1) {
      assert.equal(lines.filter((line) => line === `    text: event ${i}`).length, 1, `event ${i} is there once`);
    }
    // Take the new events out again: what is left is the original, byte for byte.
    const kept = lines.filter((line, index) => !/^ {4}text: event \d+$/.test(line) && !/^ {4}text: event \d+$/.test(lines[index + 1] ?? ''));
    assert.equal(kept.join('\n'), SAMPLE);
    // Beside it, only what undo remembers of the last of them.
    assert.deepEqual(readdirSync(join(dir, 'incidents')).sort(), ['.postmortem-undo.json', 'outage.yaml']);

    const validate = spawnSync(process.execPath, [BIN, 'validate'], { cwd: dir, encoding: 'utf8' });
    assert.equal(validate.status, 0, validate.stdout);
    assert.match(validate.stdout, /0 errors, 0 warnings/);
  });
});
