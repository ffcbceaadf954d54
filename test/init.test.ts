import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
  'incidents/.gitkeep',
  'schema/incident.schema.json',
  'schema/config.schema.json',
  '.vscode/settings.json',
  '.gitignore',
];

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

interface PackageJson {
  devDependencies?: Record<string, string>;
}

interface GitlabJob {
  image: string;
  rules: { if: string }[];
  script: string[];
  artifacts: unknown;
}

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
    // build's manifest holds times of this machine: never committed, in whichever folder build writes.
    assert.match(readFileSync(join(dir, '.gitignore'), 'utf8'), /^\.postmortem-build\.json$/m);
    const git = spawnSync('git', ['-C', dir, 'init', '-q'], { encoding: 'utf8' });
    assert.equal(git.status, 0, git.stderr);
    const ignored = spawnSync('git', ['-C', dir, 'check-ignore', 'postmortems/.postmortem-build.json', 'docs/site/.postmortem-build.json', 'postmortems/x.md'], { encoding: 'utf8' });
    assert.equal(ignored.stdout, 'postmortems/.postmortem-build.json\ndocs/site/.postmortem-build.json\n');

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

  it('with --ci github, adds a workflow that installs the tool with npm ci and validates with annotations on every pull request', async () => {
    const dir = emptyFolder();
    const result = await runCli(['init', 'repo', '--ci', 'github'], dir);
    assert.equal(result.code, 0, result.stderr);
    const workflow = parse(readFileSync(join(dir, 'repo', '.github', 'workflows', 'postmortem.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      jobs: Record<string, { steps: { run?: string; uses?: string }[] }>;
    };
    assert.ok('pull_request' in workflow.on);
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    assert.deepEqual(
      runs.filter((run) => run !== ''),
      ['npm ci', 'npx postmortem validate --format github', 'npx postmortem fmt --check --format github'],
    );
    // The tool is installed the recommended way: a dev dependency, pinned by the lock file.
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'repo', 'package.json'), 'utf8')), {
      private: true,
      devDependencies: { [PKG.name]: `^${PKG.version}` },
    });
    assert.match(result.stdout, /^created +package\.json$/m);
    assert.match(result.stdout, /^Next: cd repo && npm install$/m);
    assert.match(result.stdout, /commit package\.json and package-lock\.json/);
  });

  it('with --ci gitlab, adds a job that keeps a Code Quality report and fails on problems', async () => {
    const dir = emptyFolder();
    const result = await runCli(['init', '--ci', 'gitlab'], dir);
    assert.equal(result.code, 0, result.stderr);
    const config = parse(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')) as Record<string, GitlabJob>;
    assert.deepEqual(Object.keys(config), ['postmortem']);
    const job = config.postmortem!;
    assert.match(job.image, /^node:2\d$/);
    assert.deepEqual(job.rules, [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }, { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
    assert.deepEqual(job.script, ['npm ci', 'npx postmortem validate --format gitlab > gl-code-quality-report.json', 'npx postmortem fmt --check']);
    assert.deepEqual(job.artifacts, { when: 'always', reports: { codequality: 'gl-code-quality-report.json' } });
    assert.ok(!existsSync(join(dir, '.github')));
    assert.equal((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson).devDependencies?.[PKG.name], `^${PKG.version}`);
  });

  it('leaves .gitlab-ci.yml alone when there is one, and prints the job to add to it', async () => {
    const dir = emptyFolder();
    const mine = 'build:\n  script:\n    - make\n';
    writeFileSync(join(dir, '.gitlab-ci.yml'), mine);
    const result = await runCli(['init', '--ci', 'gitlab'], dir);
    assert.equal(result.code, 0);
    assert.equal(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8'), mine);
    assert.match(result.stdout, /^left alone +\.gitlab-ci\.yml \(it exists\)$/m);
    // The advice is the job itself, ready to paste: it parses as the job init writes.
    const advice = result.stdout.split(/^ {12}To check incidents in merge requests, add this job to it:\n/m)[1]!.split('\n\n')[0]!;
    const pasted = parse(advice.replace(/^ {12}/gm, '')) as Record<string, GitlabJob>;
    const written = tempDir('postmortem-init-');
    await runCli(['init', '--ci', 'gitlab'], written);
    assert.deepEqual(pasted, parse(readFileSync(join(written, '.gitlab-ci.yml'), 'utf8')));
  });

  it('leaves package.json alone when it already depends on the tool, and says to lock it when there is no lock file', async () => {
    for (const key of ['dependencies', 'devDependencies']) {
      const dir = emptyFolder();
      const mine = `{"name":"ops", "${key}": {"${PKG.name}": "0.0.9"}}`;
      writeFileSync(join(dir, 'package.json'), mine);
      const first = await runCli(['init', '--ci', 'github'], dir);
      assert.equal(first.code, 0, first.stdout);
      assert.equal(readFileSync(join(dir, 'package.json'), 'utf8'), mine);
      assert.doesNotMatch(first.stdout, /package\.json \(/);
      assert.match(first.stdout, /^Next: npm install$/m);
      writeFileSync(join(dir, 'package-lock.json'), '{}\n');
      const second = await runCli(['init', '--ci', 'gitlab'], dir);
      assert.equal(readFileSync(join(dir, 'package.json'), 'utf8'), mine);
      assert.doesNotMatch(second.stdout, /npm install/);
      assert.match(readFileSync(join(dir, '.github', 'workflows', 'postmortem.yml'), 'utf8'), /- run: npm ci\n/);
    }
  });

  it('adds the tool to the devDependencies of an existing package.json, keeping its keys, order and layout', async () => {
    const cases: { name: string; before: string; after: string }[] = [
      {
        name: 'two spaces, dependencies before scripts',
        before: '{\n  "name": "ops",\n  "dependencies": {\n    "zod": "^3.0.0"\n  },\n  "scripts": {\n    "lint": "eslint ."\n  }\n}\n',
        after: `{\n  "name": "ops",\n  "dependencies": {\n    "zod": "^3.0.0"\n  },\n  "devDependencies": {\n    "${PKG.name}": "^${PKG.version}"\n  },\n  "scripts": {\n    "lint": "eslint ."\n  }\n}\n`,
      },
      {
        name: 'tabs, CRLF, sorted devDependencies, no final line break',
        before: '{\r\n\t"private": true,\r\n\t"devDependencies": {\r\n\t\t"eslint": "^9.0.0",\r\n\t\t"typescript": "^5.0.0"\r\n\t}\r\n}',
        after: `{\r\n\t"private": true,\r\n\t"devDependencies": {\r\n\t\t"eslint": "^9.0.0",\r\n\t\t"${PKG.name}": "^${PKG.version}",\r\n\t\t"typescript": "^5.0.0"\r\n\t}\r\n}`,
      },
      {
        name: 'unsorted devDependencies: added last; other keys kept as they are',
        before: '{\n    "devDependencies": {\n        "zx": "8",\n        "ava": "6"\n    },\n    "x-team": {"pager": "ops"}\n}\n',
        after: `{\n    "devDependencies": {\n        "zx": "8",\n        "ava": "6",\n        "${PKG.name}": "^${PKG.version}"\n    },\n    "x-team": {\n        "pager": "ops"\n    }\n}\n`,
      },
      { name: 'one line', before: '{"name":"ops"}', after: `{"name":"ops","devDependencies":{"${PKG.name}":"^${PKG.version}"}}` },
    ];
    for (const { name, before, after } of cases) {
      const dir = emptyFolder();
      writeFileSync(join(dir, 'package.json'), before);
      const result = await runCli(['init', '--ci', 'github'], dir);
      assert.equal(result.code, 0, `${name}\n${result.stdout}`);
      assert.equal(readFileSync(join(dir, 'package.json'), 'utf8'), after, name);
      assert.match(result.stdout, new RegExp(`^updated +package\\.json \\(${PKG.name} \\^${PKG.version.replace(/\./g, '\\.')} added to devDependencies\\)$`, 'm'), name);
      assert.deepEqual(readdirSync(dir).filter((file) => file.endsWith('.tmp')), [], 'written atomically: no temporary file left');
    }
  });

  it('reports a package.json that is not valid JSON at its line and column, and leaves it alone', async () => {
    const cases: { text: string; at: string; message: RegExp }[] = [
      { text: '{\n  "name": "ops",\n  "devDependencies": {"zx": "8",}\n}\n', at: '3:33', message: /Unexpected `\}`, expected a property name in double quotes/ },
      { text: '{\n  "name": "ops"\n  "private": true\n}\n', at: '3:3', message: /Unexpected `"`, expected `,` or `\}`/ },
      { text: '{\n  // comments are not JSON\n}\n', at: '2:3', message: /Unexpected `\/`/ },
      { text: '', at: '1:1', message: /Unexpected end of the file/ },
      { text: '["ops"]\n', at: '1:1', message: /Unexpected array at the top of package\.json, expected an object/ },
      { text: '{\n  "name": "ops",\n  "devDependencies": ["zx"]\n}\n', at: '3:3', message: /Unexpected array as `devDependencies`, expected an object/ },
    ];
    for (const { text, at, message } of cases) {
      const dir = emptyFolder();
      writeFileSync(join(dir, 'package.json'), text);
      const result = await runCli(['init', '--ci', 'github'], dir);
      assert.equal(result.code, 1, result.stdout);
      assert.equal(readFileSync(join(dir, 'package.json'), 'utf8'), text, 'left byte for byte');
      const line = result.stdout.split('\n').find((l) => l.startsWith('package.json:')) ?? '';
      assert.ok(line.startsWith(`package.json:${at}: error: `), `${JSON.stringify(text)}\n${result.stdout}`);
      assert.match(line, message);
      assert.match(line, /\[package-json-invalid\]$/);
      assert.match(result.stdout, new RegExp(`hint: .*"${PKG.name}": "\\^${PKG.version.replace(/\./g, '\\.')}"`));
      // Everything else is set up all the same.
      assert.ok(existsSync(join(dir, '.github', 'workflows', 'postmortem.yml')));
      const json = await runCli(['init', '--ci', 'github', '--format', 'json'], dir);
      const [column] = at.split(':').slice(1).map(Number);
      const reported = (JSON.parse(json.stdout.slice(0, json.stdout.indexOf('\n}\n') + 3)) as { diagnostics: { rule: string; column: number }[] }).diagnostics;
      assert.deepEqual(reported.map((d) => [d.rule, d.column]), [['package-json-invalid', column]]);
    }
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

  it('leaves a project whose fresh clone CI can check at once: git keeps the empty incidents/ by its .gitkeep', () => {
    const dir = emptyFolder();
    assert.equal(runBinary(['init'], dir).code, 0);
    const git = (args: string[], cwd: string) => spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
    // What docs/ci.md says to add.
    for (const args of [['init', '-q'], ['add', 'postmortem.config.yaml', 'incidents/', 'schema/', '.vscode/', '.gitignore'], ['commit', '-q', '-m', 'init']]) {
      assert.equal(git(args, dir).status, 0, args.join(' '));
    }
    const clone = join(tempDir('postmortem-init-clone-'), 'clone');
    assert.equal(git(['clone', '-q', dir, clone], dir).status, 0);
    for (const command of [['validate'], ['fmt', '--check']]) {
      const run = runBinary(command, clone);
      assert.equal(run.code, 0, `${command.join(' ')}: ${run.stdout}${run.stderr}`);
    }
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
    assert.deepEqual(second.stdout.match(/^created.*$/gm), ['created     .github/workflows/postmortem.yml', 'created     package.json']);
    // Every file of the first run but incidents/.gitkeep, written only into an incidents/ init made.
    assert.equal(second.stdout.match(/^left alone/gm)?.length, CREATED.length - 1);
    // Run again, init finds its own files: left alone, with no advice to add what is there.
    const third = await runCli(['init', '--ci', 'github'], dir);
    assert.doesNotMatch(third.stdout, /^(created|updated)/m);
    assert.match(third.stdout, /^left alone +\.github\/workflows\/postmortem\.yml \(it exists\)$/m);
    assert.doesNotMatch(third.stdout, /postmortem\.yml \(it exists\)\n {12}/);
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

    // What new wrote for the summary and the impact is placeholder text, until they are written.
    const draft = runBinary(['validate', '--strict'], dir);
    assert.equal(draft.code, 1, draft.stdout);
    assert.equal([...draft.stdout.matchAll(/warning: Unexpected placeholder `To be written`.*\[placeholder-text\]$/gm)].length, 2, draft.stdout);
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace(/^summary: \|\n {2}To be written\.$/m, 'summary: |\n  Card payments failed after release 4.2.')
        .replace(/^ {2}description: \|\n {4}To be written\.$/m, '  description: |\n    Customers could not pay by card.'),
    );
    const validate = step(['validate', '--strict']);
    assert.match(validate.stdout, /1 file: 1 ok, 0 invalid; 0 errors, 0 warnings/);
    step(['fmt', '--check']);
    step(['build']);
    const postmortem = readFileSync(join(dir, 'postmortems', `${id}.md`), 'utf8');
    assert.match(postmortem, /^# Checkout errors$/m);
    assert.match(postmortem, /\| Duration \(impact start to resolved\) \| 47 minutes \|/);
    assert.match(postmortem, /\| Time to detect \(impact start to detected\) \| 6 minutes \|/);
    assert.match(postmortem, /\| Time to mitigate \(impact start to mitigated\) \| 33 minutes \|/);
  });
});
