import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import type { Prompts } from '../src/cli/prompts.js';
import { addressProblem, fetchBytes } from '../src/import/fetch-input.js';
import { FIXTURES, incidentProject, runCli } from './helpers.js';

const STATUSPAGE = join(FIXTURES, 'import', 'statuspage');
const LIST = join(STATUSPAGE, 'github-list-pick', 'input.json');
const LIST_TEXT = readFileSync(LIST, 'utf8');
const ID = '2024-09-16-disruption-with-git-ssh';
const FILE = `${ID}.yaml`;

function read(dir: string, name = FILE): string {
  return readFileSync(join(dir, 'incidents', name), 'utf8');
}

/** The project with the Git SSH incident imported from the recorded GitHub status page, and the list beside it. */
async function imported(): Promise<string> {
  const dir = incidentProject({}, 'import:\n  severity_map: { minor: SEV3, major: SEV2 }\n');
  writeFileSync(join(dir, 'incidents.json'), LIST_TEXT);
  const run = await runCli(['import', 'statuspage', 'incidents.json', '--incident', 'r3x7x31k7nn1', '--timezone', 'America/Los_Angeles'], dir);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  return dir;
}

/** The list with one more update posted to the Git SSH incident. */
function withNewUpdate(): string {
  const data = JSON.parse(LIST_TEXT) as { incidents: { id: string; incident_updates: Record<string, unknown>[] }[] };
  const incident = data.incidents.find((candidate) => candidate.id === 'r3x7x31k7nn1')!;
  incident.incident_updates.unshift({ ...incident.incident_updates[0], id: 'zz9newupdate', status: 'postmortem', body: 'A <em>review</em> is published.', display_at: '2024-09-17T10:00:00Z' });
  return JSON.stringify(data, null, 2);
}

/** Asserts that `after` is `before` with whole lines added, nothing else changed; returns the added lines. */
function addedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of b) {
    if (i < a.length && line === a[i]) i += 1;
    else added.push(line);
  }
  assert.equal(i, a.length, 'every line of the file before is kept, in order');
  return added;
}

describe('import statuspage: a new file', () => {
  it('writes a valid, canonical draft named by date and title, in the zone asked, and says where', async () => {
    const dir = await imported();
    assert.deepEqual(readdirSync(join(dir, 'incidents')), [FILE]);
    const data = parse(read(dir)) as Record<string, unknown>;
    assert.equal(data.severity, 'SEV3');
    assert.equal(data.timezone, 'America/Los_Angeles');
    assert.deepEqual(data['x-imported'], { source: 'statuspage', id: 'r3x7x31k7nn1', url: 'https://www.githubstatus.com/incidents/r3x7x31k7nn1' });
    const timeline = data.timeline as { at: string; kind?: string; 'x-source-id': string }[];
    assert.deepEqual(timeline[0], { at: '2024-09-16 06:29:47.155', kind: 'impact-start', text: 'Impact began.', 'x-source-id': 'statuspage:r3x7x31k7nn1:started_at' });
    assert.deepEqual(timeline.map((event) => event.kind), ['impact-start', 'detected', 'communication', 'communication', 'communication', 'communication', 'resolved']);
    const validate = await runCli(['validate'], dir);
    assert.equal(validate.code, 0, validate.stdout);
    assert.match(validate.stdout, /0 errors, 2 warnings/);
    assert.equal((await runCli(['fmt', '--check'], dir)).code, 0);
  });

  it("writes times in the configuration's zone when it names one, else in the status page's", async () => {
    const zoneOf = async (config: string) => {
      const dir = incidentProject({}, config);
      writeFileSync(join(dir, 'incidents.json'), LIST_TEXT);
      const run = await runCli(['import', 'statuspage', 'incidents.json', '--incident', 'r3x7x31k7nn1', '--severity', 'SEV3'], dir);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const data = parse(read(dir)) as { timezone: string; timeline: { at: string }[] };
      return [data.timezone, data.timeline[0]!.at];
    };
    assert.deepEqual(await zoneOf('timezone: Europe/Berlin\n'), ['Europe/Berlin', '2024-09-16 15:29:47.155']);
    // The GitHub page's zone is Etc/UTC, written by its canonical name.
    assert.deepEqual(await zoneOf(''), ['UTC', '2024-09-16 13:29:47.155']);
  });

  it('refuses a second import of the same incident, pointing at --into, and writes nothing', async () => {
    const dir = await imported();
    const before = read(dir);
    const again = await runCli(['import', 'statuspage', 'incidents.json', '--incident', 'r3x7x31k7nn1'], dir);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`incidents/${FILE} already exists .*nothing was written[\\s\\S]*--into ${ID}`));
    assert.equal(read(dir), before);
  });

  it('names another incident of the same status page with the same date and title `-2`; a hand-written file of that name refuses it', async () => {
    const dir = await imported();
    const before = read(dir);
    // GitHub posts two incidents with one title on one day: the same data under another incident id.
    const other = JSON.parse(LIST_TEXT) as { incidents: { id: string }[] };
    const copy = { ...other.incidents.find((incident) => incident.id === 'r3x7x31k7nn1')!, id: 'another0001' };
    writeFileSync(join(dir, 'another.json'), JSON.stringify({ incident: copy }));
    const second = await runCli(['import', 'statuspage', 'another.json'], dir);
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.match(second.stdout, new RegExp(`^created incidents/${ID}-2\\.yaml`, 'm'));
    assert.equal(read(dir), before, 'the first incident is left as it was');
    assert.equal((parse(read(dir, `${ID}-2.yaml`)) as { 'x-imported': { id: string } })['x-imported'].id, 'another0001');
    // Added on purpose into the first file, they are, with a word that the file came from another incident.
    const into = await runCli(['import', 'statuspage', 'another.json', '--into', ID], dir);
    assert.equal(into.code, 0, into.stdout + into.stderr);
    assert.match(into.stderr, /^postmortem: warning: The file was imported from statuspage incident r3x7x31k7nn1; these events are from incident another0001: check that they belong together \[import-conflict\]$/m);
    // Without an x-imported note, the file may be this incident written by hand: the person chooses.
    const byHand = incidentProject({ [FILE]: before.replace(/\n# Imported by[\s\S]*$/, '\n') }, 'import:\n  severity_map: { minor: SEV3, major: SEV2 }\n');
    writeFileSync(join(byHand, 'another.json'), JSON.stringify({ incident: copy }));
    const refused = await runCli(['import', 'statuspage', 'another.json'], byHand);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /already exists .*nothing was written[\s\S]*--into/);
  });

  it('asks for what is missing at a terminal, and names the options without one', async () => {
    const dir = incidentProject({});
    const piped = await runCli(['import', 'statuspage', LIST, '--incident', 'r3x7x31k7nn1'], dir);
    assert.equal(piped.code, 2);
    assert.match(piped.stderr, /missing --severity, and there is no terminal to ask on[\s\S]*severity is `minor`[\s\S]*--severity-map minor=SEV1/);
    const asked: string[] = [];
    const prompts: Prompts = {
      intro: async (title) => void asked.push(title),
      text: async () => assert.fail('the title comes from the source'),
      select: async ({ message }) => (asked.push(message), 'SEV4'),
      cancel: async () => undefined,
      outro: async () => undefined,
    };
    const terminal = await runCli(['import', 'statuspage', LIST, '--incident', 'r3x7x31k7nn1'], dir, {}, { stdinIsTTY: true, stdoutIsTTY: true, prompts });
    assert.equal(terminal.code, 0, terminal.stderr);
    assert.deepEqual(asked, ['New incident from statuspage', 'Severity']);
    assert.equal((parse(read(dir)) as { severity: string }).severity, 'SEV4');
  });

  it('reads standard input for -', async () => {
    const dir = incidentProject({});
    const run = await runCli(['import', 'statuspage', '-', '--incident', 'r3x7x31k7nn1', '--severity', 'SEV3'], dir, {}, { stdin: () => Readable.from([Buffer.from(LIST_TEXT)]) });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(existsSync(join(dir, 'incidents', FILE)));
  });

  it('refuses input that is not the shape at file:line:column, or several incidents without --incident; writes nothing', async () => {
    const dir = incidentProject({});
    const wrong = await runCli(['import', 'statuspage', join(STATUSPAGE, 'wrong-type-at-pointer', 'input.json'), '--incident', 'r3x7x31k7nn1', '--severity', 'SEV3'], dir);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout, /wrong-type-at-pointer\/input\.json:260:25: error: Unexpected number `1726495867786` at `\/incidents\/1\/incident_updates\/2\/display_at`, expected an RFC 3339 time/);
    const several = await runCli(['import', 'statuspage', LIST, '--severity', 'SEV3'], dir);
    assert.equal(several.code, 2);
    assert.match(several.stderr, /lists 2 incidents; choose one with --incident ID:\n {2}69sb0f8lydp4 {2}Incident with Pages and Actions\n {2}r3x7x31k7nn1 {2}Disruption with Git SSH/);
    const unknown = await runCli(['import', 'statuspag', LIST], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown source `statuspag`; did you mean `statuspage`\?/);
    assert.deepEqual(readdirSync(join(dir, 'incidents')), []);
  });
});

describe('import statuspage --into', () => {
  it('adds nothing the second time: the file stays byte for byte', async () => {
    const dir = await imported();
    const before = read(dir);
    const run = await runCli(['import', 'statuspage', 'incidents.json', '--incident', 'r3x7x31k7nn1', '--into', ID], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /nothing new for incidents\/\S+ from statuspage incident r3x7x31k7nn1; 7 events already there/);
    assert.equal(read(dir), before);
  });

  it('adds a new update to a hand-edited file in time order, keeping every other byte', async () => {
    const dir = await imported();
    // A person's edits: a comment, their own wording, an event of their own, CRLF line endings.
    const edited = read(dir)
      .replace('text: Impact began.', 'text: Git SSH connections start failing.  # from the SSH dashboards')
      .replace('lessons:\n', '# Reviewed with the Git team on Tuesday.\nlessons:\n')
      .replace('timeline:\n', 'timeline:\n  - at: 2024-09-16 06:20\n    kind: trigger\n    text: Hosts rotated into the SSH pool.\n')
      .replace(/\n/g, '\r\n');
    writeFileSync(join(dir, 'incidents', FILE), edited);
    writeFileSync(join(dir, 'incidents.json'), withNewUpdate());
    const run = await runCli(['import', 'statuspage', 'incidents.json', '--incident', 'r3x7x31k7nn1', '--into', ID], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /added 1 event to incidents\/\S+ from statuspage incident r3x7x31k7nn1; 7 events already there/);
    const after = read(dir);
    assert.deepEqual(addedLines(edited, after), [
      '  - at: 2024-09-17 03:00',
      '    kind: communication',
      '    text: "Postmortem: A *review* is published."',
      '    x-source-id: statuspage:zz9newupdate\r',
    ].map((line) => (line.endsWith('\r') ? line : `${line}\r`)));
    // Last, after the resolved event (in time order).
    assert.ok(after.indexOf('zz9newupdate') > after.indexOf('x-source-id: statuspage:hq18g8q5kw28'));
    assert.equal((await runCli(['validate'], dir)).code, 0);
  });

  it('never doubles a milestone: one the file has is added as a note, naming both times', async () => {
    const dir = await imported();
    const run = await runCli(['import', 'statuspage', 'incidents.json', '--incident', '69sb0f8lydp4', '--into', ID], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /warning: The imported `resolved` at 2024-09-16 15:08:39\.333 is added as a note: the incident already has `resolved` at 2024-09-16 07:28:03\.812 \[import-conflict\]/);
    const timeline = (parse(read(dir)) as { timeline: { kind?: string }[] }).timeline;
    assert.equal(timeline.filter((event) => event.kind === 'resolved').length, 1);
    assert.equal(timeline.filter((event) => event.kind === 'impact-start').length, 1);
    assert.equal((await runCli(['validate'], dir)).code, 0);
  });

  it('refuses options that only a new file takes', async () => {
    const dir = await imported();
    const run = await runCli(['import', 'statuspage', 'incidents.json', '--incident', 'r3x7x31k7nn1', '--into', ID, '--severity', 'SEV1'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--severity sets up a new file/);
  });
});

describe('import from an address', () => {
  let server: Server;
  let base = '';
  const asked: string[] = [];
  before(async () => {
    server = createServer((request, response) => {
      asked.push(request.url ?? '');
      if (request.url === '/slow/api/v2/incidents.json') return void setTimeout(() => response.end(LIST_TEXT), 2_000);
      if (request.url === '/huge/api/v2/incidents.json') {
        response.write(' '.repeat(64 * 1024));
        return void setTimeout(() => response.end(' '.repeat(64 * 1024)), 50);
      }
      if (request.url === '/api/v2/incidents.json') return void response.end(LIST_TEXT);
      // One incident, as /api/v2/incidents/<id>.json answers: `{page, incident}`.
      if (request.url === '/api/v2/incidents/r3x7x31k7nn1.json') {
        const list = JSON.parse(LIST_TEXT) as { page: unknown; incidents: { id: string }[] };
        return void response.end(JSON.stringify({ page: list.page, incident: list.incidents.find((incident) => incident.id === 'r3x7x31k7nn1') }));
      }
      response.statusCode = 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it("fetches a status page's incidents.json from its address", async () => {
    const dir = incidentProject({});
    const run = await runCli(['import', 'statuspage', `${base}/`, '--incident', 'r3x7x31k7nn1', '--severity', 'SEV3'], dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(asked.includes('/api/v2/incidents.json'));
    assert.ok(existsSync(join(dir, 'incidents', FILE)));
  });

  it("fetches an incident's own page address as that incident's JSON, whatever its age", async () => {
    const dir = incidentProject({});
    const run = await runCli(['import', 'statuspage', `${base}/incidents/r3x7x31k7nn1`, '--severity', 'SEV3'], dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(asked.includes('/api/v2/incidents/r3x7x31k7nn1.json'), asked.join(' '));
    assert.ok(existsSync(join(dir, 'incidents', FILE)));
  });

  it('gives up on a slow answer at the time limit, and an answer over the size limit as it streams in', async () => {
    const slow = await fetchBytes(new URL(`${base}/slow/api/v2/incidents.json`), { timeoutMs: 100, maxBytes: 1024 * 1024 });
    assert.deepEqual(slow.ok ? 'fetched' : slow.message, `${base}/slow/api/v2/incidents.json did not answer within 0.1 seconds`);
    const huge = await fetchBytes(new URL(`${base}/huge/api/v2/incidents.json`), { timeoutMs: 10_000, maxBytes: 100 * 1024 });
    assert.deepEqual(huge.ok ? 'fetched' : huge.message, `${base}/huge/api/v2/incidents.json answered with more than 102400 bytes, over the limit for an import`);
    const missing = await fetchBytes(new URL(`${base}/nothing.json`), { timeoutMs: 10_000, maxBytes: 1024 });
    assert.match(missing.ok ? 'fetched' : missing.message, /answered 404/);
  });

  it('fetches nothing over plain http but from this machine', () => {
    assert.equal(addressProblem(new URL('http://status.example.com/')), 'Unexpected http address, expected https://');
    assert.equal(addressProblem(new URL('https://status.example.com/')), undefined);
    assert.equal(addressProblem(new URL('http://127.0.0.1:8080/')), undefined);
  });
});
