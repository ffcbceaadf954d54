import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { loadConfig } from '../src/config/config.js';
import { pathToFileURL } from 'node:url';
import { EditorSession } from './editor-session.js';
import { ROOT, runBinary, runCli, tempDir } from './helpers.js';

const CREATED = [
  'postmortem.config.yaml',
  'incidents/',
  'schema/incident.schema.json',
  'schema/config.schema.json',
  '.vscode/settings.json',
];

function emptyFolder(): string {
  return tempDir('postmortem-init-');
}

describe('init', () => {
  it('sets up an empty folder: commented configuration, incidents/, schemas and editor settings', async () => {
    const dir = emptyFolder();
    const result = await runCli(['init'], dir);
    assert.equal(result.code, 0, result.stderr);
    for (const path of CREATED) assert.match(result.stdout, new RegExp(`^created +${path.replace('.', '\\.')}$`, 'm'));
    assert.ok(statSync(join(dir, 'incidents')).isDirectory());
    assert.ok(!existsSync(join(dir, '.github')), 'no workflow without --ci');

    const configText = readFileSync(join(dir, 'postmortem.config.yaml'), 'utf8');
    assert.ok(configText.split('\n').filter((line) => line.startsWith('#')).length >= 8, 'the configuration explains itself');
    const loaded = await loadConfig(dir);
    assert.deepEqual(loaded.diagnostics, []);
    assert.equal(loaded.config.timezone, 'UTC');
    assert.deepEqual(
      loaded.config.severities.map((level) => level.id),
      ['SEV1', 'SEV2', 'SEV3', 'SEV4'],
    );

    for (const schema of ['incident', 'config']) {
      assert.equal(
        readFileSync(join(dir, 'schema', `${schema}.schema.json`), 'utf8'),
        readFileSync(join(ROOT, 'schema', `${schema}.schema.json`), 'utf8'),
      );
    }
    const settings = JSON.parse(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')) as Record<string, Record<string, string[]>>;
    assert.deepEqual(settings['yaml.schemas']!['./schema/incident.schema.json'], ['incidents/**/*.yaml', 'incidents/**/*.yml']);
    assert.deepEqual(settings['yaml.schemas']!['./schema/config.schema.json'], ['postmortem.config.yaml', 'postmortem.config.yml']);
  });

  it('with --ci github, adds a workflow that validates with annotations on every pull request', async () => {
    const dir = emptyFolder();
    const result = await runCli(['init', 'repo', '--ci', 'github'], dir);
    assert.equal(result.code, 0, result.stderr);
    const workflow = parse(readFileSync(join(dir, 'repo', '.github', 'workflows', 'postmortem.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      jobs: Record<string, { steps: { run?: string; uses?: string }[] }>;
    };
    assert.ok('pull_request' in workflow.on);
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    assert.ok(runs.includes(`npx --yes --package ${pkg.name}@${pkg.version} postmortem validate --format github`), runs.join('\n'));
    assert.ok(runs.some((run) => run.endsWith('fmt --check --format github')));
  });

  it('uses the project’s own copy of the tool in CI when package.json depends on it', async () => {
    const dir = emptyFolder();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ devDependencies: { 'incident-postmortem': '^0.1.0' } }));
    await runCli(['init', '--ci', 'github'], dir);
    const text = readFileSync(join(dir, '.github', 'workflows', 'postmortem.yml'), 'utf8');
    assert.match(text, /- run: npm ci\n/);
    assert.match(text, /run: npx postmortem validate --format github/);
  });

  it('writes the incident schema with the levels of a configuration already there', async () => {
    const dir = emptyFolder();
    writeFileSync(join(dir, 'postmortem.config.yaml'), 'severities:\n  - { id: P1, description: Outage }\n  - { id: P2, description: Degraded }\n');
    await runCli(['init'], dir);
    const schema = JSON.parse(readFileSync(join(dir, 'schema', 'incident.schema.json'), 'utf8')) as {
      properties: { severity: { enum: string[] } };
    };
    assert.deepEqual(schema.properties.severity.enum, ['P1', 'P2']);
    assert.equal(readFileSync(join(dir, 'schema', 'incident.schema.json'), 'utf8'), (await runCli(['schema'], dir)).stdout);
  });

  it('never overwrites: what exists is left byte for byte and reported, with advice for editor settings', async () => {
    const dir = emptyFolder();
    mkdirSync(join(dir, '.vscode'));
    const mine = '{ "editor.tabSize": 8 }\n';
    writeFileSync(join(dir, '.vscode', 'settings.json'), mine);
    writeFileSync(join(dir, 'postmortem.config.yaml'), 'timezone: Europe/Paris\n');
    const first = await runCli(['init'], dir);
    assert.equal(first.code, 0);
    assert.match(first.stdout, /^left alone +postmortem\.config\.yaml \(it exists\)$/m);
    assert.match(first.stdout, /^left alone +\.vscode\/settings\.json \(it exists\)$/m);
    assert.match(first.stdout, /"yaml\.schemas"/, 'says what to add by hand');
    assert.equal(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8'), mine);
    assert.equal(readFileSync(join(dir, 'postmortem.config.yaml'), 'utf8'), 'timezone: Europe/Paris\n');

    const second = await runCli(['init', '--ci', 'github'], dir);
    assert.doesNotMatch(second.stdout.replace(/^created +\.github.*$/m, ''), /^created/m);
    assert.equal(second.stdout.match(/^left alone/gm)?.length, CREATED.length);
    // No temporary files left behind.
    for (const folder of ['.', 'schema', '.vscode']) {
      assert.deepEqual(readdirSync(join(dir, folder)).filter((name) => name.endsWith('.tmp')), []);
    }
  });
});

describe('an editor in a project set up by init', () => {
  it('validates incident files through the yaml.schemas mapping init wrote, with no modeline', async () => {
    const dir = emptyFolder();
    writeFileSync(join(dir, 'postmortem.config.yaml'), 'severities:\n  - { id: P1, description: Outage }\n  - { id: P2, description: Degraded }\n');
    await runCli(['init'], dir);
    const settings = JSON.parse(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    // The YAML extension hands the server the `yaml.*` settings of the workspace, as they are.
    const editor = await EditorSession.start({ validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: settings['yaml.schemas'] }, dir);
    try {
      const incident = (severity: string, extra = '') =>
        `id: x\ntitle: X\nseverity: ${severity}\nsummary: S\nimpact:\n  description: D\ntimeline:\n  - at: 2026-11-25 10:00\n    kind: impact-start\n    text: T\n${extra}`;
      const good = await editor.open(pathToFileURL(join(dir, 'incidents', 'good.yaml')).href, incident('P2'));
      assert.deepEqual(good, []);
      const unknownKey = await editor.open(pathToFileURL(join(dir, 'incidents', 'nested', 'bad.yaml')).href, incident('P1', 'rootcause: x\n'));
      assert.ok(unknownKey.some((d) => /rootcause/.test(d.message)), JSON.stringify(unknownKey));
      const badLevel = await editor.open(pathToFileURL(join(dir, 'incidents', 'level.yml')).href, incident('SEV1'));
      assert.ok(badLevel.some((d) => /P1, P2|"P1", "P2"|P1/.test(d.message)), JSON.stringify(badLevel));
      const config = await editor.open(pathToFileURL(join(dir, 'postmortem.config.yaml')).href, 'timezon: UTC\n');
      assert.ok(config.some((d) => /timezon/.test(d.message)), JSON.stringify(config));
      // Files outside incidents/ are not incident files.
      const other = await editor.open(pathToFileURL(join(dir, 'docker-compose.yaml')).href, 'services: {}\n');
      assert.deepEqual(other, []);
    } finally {
      await editor.stop();
    }
  });
});

describe('a new user, from the built binary', () => {
  it('init, new, log, resolve, validate and build', () => {
    const dir = emptyFolder();
    const at = (time: string) => ({ POSTMORTEM_NOW: time });
    const step = (argv: string[], env: Record<string, string> = {}) => {
      const result = runBinary(argv, dir, env);
      assert.equal(result.code, 0, `postmortem ${argv.join(' ')}\n${result.stdout}${result.stderr}`);
      return result;
    };
    step(['init', '--ci', 'github']);
    step(['new', 'Checkout errors', '--severity', 'SEV2', '--services', 'checkout', '--zone', 'Europe/London'], at('2026-11-25T09:58:00Z'));
    const id = '2026-11-25-checkout-errors';
    step(['log', id, 'Error-rate alert pages on-call', '--kind', 'detected', '--by', 'monitoring'], at('2026-11-25T10:04:00Z'));
    step(['log', id, 'Sam acknowledges', '--kind', 'acknowledged', '--by', 'Sam'], at('2026-11-25T10:06:00Z'));
    step(['log', id, 'Rolled back release 4.2', '--kind', 'mitigated', '--at', '10:31'], at('2026-11-25T10:35:00Z'));
    step(['log', id, 'Customers report failed payments on social media', '--at', '~10:01'], at('2026-11-25T10:40:00Z'));
    step(['resolve', id], at('2026-11-25T10:45:00Z'));

    const file = join(dir, 'incidents', `${id}.yaml`);
    const data = parse(readFileSync(file, 'utf8')) as { status: string; timeline: { at: string; kind?: string }[] };
    assert.equal(data.status, 'review');
    assert.deepEqual(
      data.timeline.map((event) => [event.at, event.kind ?? 'note']),
      [
        ['2026-11-25 09:58', 'impact-start'],
        ['~2026-11-25 10:01', 'note'],
        ['2026-11-25 10:04', 'detected'],
        ['2026-11-25 10:06', 'acknowledged'],
        ['2026-11-25 10:31', 'mitigated'],
        ['2026-11-25 10:45', 'resolved'],
      ],
    );

    const validate = step(['validate', '--strict']);
    assert.match(validate.stdout, /1 file: 1 ok, 0 invalid; 0 errors, 0 warnings/);
    step(['fmt', '--check']);
    step(['build']);
    const postmortem = readFileSync(join(dir, 'postmortems', `${id}.md`), 'utf8');
    assert.match(postmortem, /^# Checkout errors$/m);
    assert.match(postmortem, /\| Duration \| 47 minutes \|/);
    assert.match(postmortem, /\| Time to detect \| 6 minutes \|/);
    assert.match(postmortem, /\| Time to mitigate \| 33 minutes \|/);
  });
});
