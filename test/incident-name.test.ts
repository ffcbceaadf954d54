import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { knownIncidents } from '../src/authoring/known-ids.js';
import { BIN, RUNNERS, incidentProject, runCli } from './helpers.js';

/** Naming an incident quickly: a part of its id, `@latest`, and POSTMORTEM_INCIDENT. */

const NOW = { POSTMORTEM_NOW: '2026-11-25T15:20:00Z' };

interface Spec {
  id: string;
  title?: string;
  /** The first event's time. */
  start: string;
  timezone?: string;
  resolved?: string;
}

function incidentText({ id, title, start, timezone, resolved }: Spec): string {
  return [
    `id: ${id}`,
    `title: ${title ?? `Title of ${id}`}`,
    'severity: SEV3',
    ...(timezone ? [`timezone: ${timezone}`] : []),
    'summary: Something broke.',
    'impact:',
    '  description: Users saw errors.',
    'timeline:',
    `- at: ${start}`,
    '  kind: impact-start',
    '  text: Errors start.',
    ...(resolved ? [`- at: ${resolved}`, '  kind: resolved', '  text: Fixed.'] : []),
    '',
  ].join('\n');
}

function project(...specs: Spec[]): string {
  return incidentProject(Object.fromEntries(specs.map((spec) => [`${spec.id}.yaml`, incidentText(spec)])), undefined, 'postmortem-name-');
}

function read(dir: string, id: string): string {
  return readFileSync(join(dir, 'incidents', `${id}.yaml`), 'utf8');
}

/** Every file of the project's incidents folder, with its text: to show that a refused command wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(join(dir, 'incidents')).map((name) => [name, readFileSync(join(dir, 'incidents', name), 'utf8')]));
}

const CDN: Spec = { id: '2024-07-02-cdn-edge-errors', title: 'CDN edge errors', start: '2024-07-02T10:00Z' };
const DB: Spec = { id: '2025-01-14-db-outage', title: 'Database outage', start: '2025-01-14T10:00Z', resolved: '2025-01-14T11:00Z' };

describe('naming an incident by part of its id', () => {
  it('a unique part, anywhere in the id, names it; so does a prefix', async () => {
    const dir = project(CDN, DB);
    const part = await runCli(['log', 'cdn', 'Purged', 'the', 'cache', '--at', '2024-07-02T10:05Z'], dir, NOW);
    assert.equal(part.code, 0, part.stderr);
    assert.match(part.stdout, /in incidents\/2024-07-02-cdn-edge-errors\.yaml:\d+\n$/);
    assert.match(read(dir, CDN.id), /text: Purged the cache\n/);
    const prefix = await runCli(['log', '2025-01', 'Failed over', '--at', '2025-01-14T10:30Z'], dir, NOW);
    assert.equal(prefix.code, 0, prefix.stderr);
    assert.match(read(dir, DB.id), /text: Failed over\n/);
  });

  it('a part of several ids lists them with their titles and writes nothing', async () => {
    const dir = project(
      { id: '2026-11-25-checkout-errors', title: 'Checkout errors', start: '2026-11-25T09:00Z' },
      { id: '2026-11-26-checkout-latency', title: 'Checkout latency', start: '2026-11-26T09:00Z' },
      CDN,
    );
    const before = snapshot(dir);
    const result = await runCli(['log', 'checkout', 'x'], dir, NOW);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      'postmortem: `checkout` is part of the ids of 2 incidents:\n' +
        '  2026-11-25-checkout-errors  Checkout errors  (incidents/2026-11-25-checkout-errors.yaml)\n' +
        '  2026-11-26-checkout-latency  Checkout latency  (incidents/2026-11-26-checkout-latency.yaml)\n' +
        'Name one by more of its id.\n',
    );
    assert.deepEqual(snapshot(dir), before);
    const resolve = await runCli(['resolve', '2026-11'], dir, NOW);
    assert.equal(resolve.code, 2);
    assert.match(resolve.stderr, /`2026-11` is part of the ids of 2 incidents/);
    assert.deepEqual(snapshot(dir), before);
  });

  it('two files that declare the same id: asked to name one by its file, which works', async () => {
    const dir = incidentProject({ 'copy-a.yaml': incidentText(CDN), 'copy-b.yaml': incidentText(CDN) }, undefined, 'postmortem-name-');
    const part = await runCli(['log', 'cdn-edge', 'x'], dir, NOW);
    assert.equal(part.code, 2);
    assert.match(part.stderr, /is part of the ids of 2 incidents:\n.*\n.*\nName one by its file, like `incidents\/copy-a\.yaml`\.\n$/);
    const byFile = await runCli(['log', 'incidents/copy-a.yaml', 'Purged', '--at', '2024-07-02T10:05Z'], dir, NOW);
    assert.equal(byFile.code, 0, byFile.stderr);
  });

  it('an exact id wins over the ids it is part of; a part shorter than three characters names nothing', async () => {
    const dir = project(CDN, { id: 'cdn', start: '2024-08-01T10:00Z' });
    const exact = await runCli(['log', 'cdn', 'Exact', '--at', '2024-08-01T10:05Z'], dir, NOW);
    assert.equal(exact.code, 0, exact.stderr);
    assert.match(exact.stdout, /in incidents\/cdn\.yaml:/);
    assert.doesNotMatch(read(dir, CDN.id), /Exact/);
    const short = await runCli(['log', 'cd', 'x'], dir, NOW);
    assert.equal(short.code, 2);
    assert.match(short.stderr, /^postmortem: No incident `cd`/);
  });

  it('a file name that is a declared id elsewhere: the declared id wins', async () => {
    const dir = incidentProject({ 'a.yaml': incidentText({ id: 'b', start: '2024-01-01T10:00Z' }), 'b-file.yaml': incidentText({ id: 'a-id', start: '2024-01-02T10:00Z' }) });
    const result = await runCli(['log', 'b', 'x', '--at', '2024-01-01T10:05Z'], dir, NOW);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /in incidents\/a\.yaml:/);
  });
});

describe('@latest', () => {
  it('is the unresolved incident whose earliest event is latest, whatever the zone its times are written in', async () => {
    const dir = project(
      CDN,
      // Started latest, but resolved.
      { ...DB, start: '2026-01-01T10:00Z', resolved: '2026-01-01T11:00Z' },
      // 20:00 in New York is 01:00Z the next day: later than 23:00Z.
      { id: 'new-york', start: '2025-12-01 20:00', timezone: 'America/New_York' },
      { id: 'utc', start: '2025-12-01T23:00Z' },
    );
    const result = await runCli(['log', '@latest', 'Still here', '--at', '2025-12-01 21:00'], dir, NOW);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /in incidents\/new-york\.yaml:/);
  });

  it('of two that started at the same instant, takes the one whose id comes last', async () => {
    const dir = project({ id: 'aaa-first', start: '2025-12-01T10:00Z' }, { id: 'zzz-last', start: '2025-12-01T11:00+01:00' });
    const result = await runCli(['resolve', '@latest', '--at', '2025-12-01T12:00Z'], dir, NOW);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /in incidents\/zzz-last\.yaml:/);
  });

  it("takes each file's course from the reading that finds its names, also of a file that declares no id", async () => {
    const dir = incidentProject({
      'draft.yaml': 'title: Draft\ntimezone: Asia/Tokyo\ntimeline:\n- at: 2025-12-02 19:00\n  kind: impact-start\n  text: Errors\n',
      'done.yaml': incidentText({ ...DB, start: '2025-12-03T10:00Z', resolved: '2025-12-03T11:00Z' }),
    });
    const known = await knownIncidents(join(dir, 'incidents'), dir, 'UTC');
    assert.deepEqual(
      known.map((incident) => [incident.name, incident.id, incident.course]),
      [
        // A resolved incident's times are not read: `@latest` passes it over whenever it started.
        ['done', DB.id, { resolved: true }],
        ['draft', undefined, { start: Date.parse('2025-12-02T10:00Z'), resolved: false }],
      ],
    );
    // Without a zone, only the names: `new` and naming by id parse no times.
    assert.deepEqual((await knownIncidents(join(dir, 'incidents'), dir)).map((incident) => incident.course), [undefined, undefined]);
  });

  it('reads every file under a low limit of open files: more incidents than descriptors still finds the newest', () => {
    // 300 resolved incidents, then the newest unresolved one, last in path order: opened all at once,
    // the files past the limit could not be read and were passed over, so another incident was chosen.
    const resolved = Array.from({ length: 300 }, (_, i) => ({ id: `old-${String(i).padStart(3, '0')}`, start: '2025-01-01T10:00Z', resolved: '2025-01-01T11:00Z' }));
    const dir = project(...resolved, { id: 'old-999-open', start: '2024-06-01T10:00Z' }, { id: 'zz-newest', start: '2025-11-25T10:00Z' });
    const command = `ulimit -n 128 && exec "$0" "$1" amend @latest --event 9 --text x`;
    const result = spawnSync('bash', ['-c', command, process.execPath, BIN], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...NOW } });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /Nothing was written to incidents\/zz-newest\.yaml\./);
  });

  it('refused while a file cannot be read for its times, which may be the newest incident: exit 2, nothing written', async () => {
    const dir = project({ ...CDN, resolved: undefined }, { id: 'utc', start: '2025-12-01T23:00Z' });
    // Being written by hand, with a syntax error: it would be the newest.
    writeFileSync(join(dir, 'incidents', 'zz-now.yaml'), incidentText({ id: 'zz-now', start: '2025-12-02T08:00Z' }).replace('title:', 'title: "unclosed'));
    writeFileSync(join(dir, 'incidents', 'no-time.yaml'), incidentText({ id: 'no-time', start: 'soon' }));
    const before = snapshot(dir);
    const result = await runCli(['log', '@latest', 'x'], dir, NOW);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /^postmortem: `@latest` cannot tell which incident is the newest: these files do not say when they started or whether they have ended \(unreadable, or no readable time\):\n {2}incidents\/no-time\.yaml\n {2}incidents\/zz-now\.yaml\nRun `postmortem validate`/);
    assert.deepEqual(snapshot(dir), before);
    // Named, the others are still written to.
    assert.equal((await runCli(['log', 'utc', 'x', '--at', '2025-12-02 09:00'], dir, NOW)).code, 0);
  });

  it('with every incident resolved: exit 2, nothing written', async () => {
    const dir = project(DB);
    const before = snapshot(dir);
    const result = await runCli(['log', '@latest', 'x'], dir, NOW);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^postmortem: No unresolved incident in incidents\/ for `@latest`/);
    assert.deepEqual(snapshot(dir), before);
  });
});

describe('POSTMORTEM_INCIDENT', () => {
  const env = { ...NOW, POSTMORTEM_INCIDENT: 'cdn' };

  it('names the incident when INCIDENT is left out: every word is text', async () => {
    const dir = project(CDN, DB);
    const logged = await runCli(['log', 'Rolled', 'back', '--at', '2024-07-02T10:10Z'], dir, env);
    assert.equal(logged.code, 0, logged.stderr);
    assert.match(logged.stdout, /in incidents\/2024-07-02-cdn-edge-errors\.yaml:/);
    assert.match(read(dir, CDN.id), /text: Rolled back\n/);
    const resolved = await runCli(['resolve', '--at', '2024-07-02T11:00Z'], dir, env);
    assert.equal(resolved.code, 0, resolved.stderr);
    assert.match(read(dir, CDN.id), /kind: resolved\n/);
  });

  it('a first word that names an incident exactly names it; words after -- are always text', async () => {
    const dir = project(CDN, DB);
    const other = await runCli(['log', DB.id, 'Restarted', '--at', '2025-01-14T10:40Z'], dir, env);
    assert.equal(other.code, 0, other.stderr);
    assert.match(read(dir, DB.id), /text: Restarted\n/);
    const literal = await runCli(['log', '--at', '2024-07-02T10:20Z', '--', DB.id, 'is fine'], dir, env);
    assert.equal(literal.code, 0, literal.stderr);
    assert.match(read(dir, CDN.id), new RegExp(`text: ${DB.id} is fine\\n`));
  });

  it('a first word that is only part of an id could be either: refused with both readings, nothing written', async () => {
    const dir = project(CDN, DB);
    const before = snapshot(dir);
    for (const word of ['edge', 'outage', '20']) {
      const result = await runCli(['log', word, 'nodes', 'back'], dir, env);
      if (word === '20') {
        // Too short to name anything: text.
        assert.equal(result.code, 0, result.stderr);
        continue;
      }
      assert.equal(result.code, 2, word);
      assert.match(result.stderr, new RegExp(`^postmortem: \`${word}\` could name the incident incidents/[^ ]+, or be the first word of the text for cdn \\(POSTMORTEM_INCIDENT\\)\\.\\nTo log into cdn, put the text after \`--\`: postmortem log -- ${word} nodes back\\n`));
      assert.deepEqual(snapshot(dir), before);
    }
    const ambiguous = await runCli(['log', '202', 'x'], dir, env);
    assert.equal(ambiguous.code, 2);
    assert.match(ambiguous.stderr, /could name one of several incidents/);
  });

  it('a variable that names nothing, or a missing INCIDENT without it, is a usage error', async () => {
    const dir = project(CDN, DB);
    const before = snapshot(dir);
    const wrong = await runCli(['log', 'x'], dir, { ...NOW, POSTMORTEM_INCIDENT: 'nope' });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /^postmortem: POSTMORTEM_INCIDENT=nope: No incident `nope`/);
    for (const argv of [['resolve'], ['log', '--', 'text only']]) {
      const missing = await runCli(argv, dir, NOW);
      assert.equal(missing.code, 2, argv.join(' '));
      assert.match(missing.stderr, /^postmortem: Name the incident: its id, a part of it, @latest, or the path of its file \(or set POSTMORTEM_INCIDENT/);
    }
    const path = await runCli(['log', 'incidents/nope.yaml', 'x'], dir, env);
    assert.equal(path.code, 2);
    assert.match(path.stderr, /No such file `incidents\/nope\.yaml`/);
    assert.deepEqual(snapshot(dir), before);
  });

  for (const { how, run, itEveryWay } of RUNNERS) {
    itEveryWay(`is read from the environment (${how})`, async () => {
      const dir = project(CDN, DB);
      const result = await run(['log', 'Purged', '--at', '2024-07-02T10:30Z'], dir, { ...env });
      assert.equal(result.code, 0, result.stderr);
      assert.match(read(dir, CDN.id), /text: Purged\n/);
    });
  }
});
