import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseCommandLine } from '../src/cli/main.js';
import { parseWithYargs } from '../src/cli/parse-with-yargs.js';
import { ROOT, RUNNERS, incidentProject, runBinary, runCli, tempDir } from './helpers.js';

const ANSI_ESCAPE = '\u001b[';

const GOOD = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');
const BAD = GOOD.replace('title: Global messaging outage', 'titel: Global messaging outage').replace(
  'id: 2022-10-25-messaging-outage',
  'id: broken-incident',
);
const WARNING = GOOD.replace('id: 2022-10-25-messaging-outage', 'id: out-of-order').replace(
  '  - at: ~2022-10-25 08:00\n',
  '  - at: ~2022-10-25 08:30\n',
);

const project = (files: Record<string, string>, config?: string): string => incidentProject(files, config, 'postmortem-cli-');

it('`--version` alone, read without yargs, prints what yargs prints', async () => {
  assert.deepEqual(await parseCommandLine(['--version']), await parseWithYargs(['--version']));
});

for (const { how, run, it, itEveryWay } of RUNNERS) {
  describe(`CLI (${how})`, () => {
    itEveryWay('prints its version and help, exit 0', async () => {
      const version = await run(['--version'], ROOT);
      assert.equal(version.code, 0);
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.equal(version.stdout.trim(), pkg.version);
      const help = await run(['--help'], ROOT);
      assert.equal(help.code, 0);
      for (const command of ['validate', 'build', 'render']) assert.match(help.stdout, new RegExp(`postmortem ${command}`));
    });

    itEveryWay('exits 2 on bad usage, with a message and no stack trace', async () => {
      for (const argv of [['bogus'], ['validate', '--format', 'xml'], [], ['render'], ['build', '--jobs', '0']]) {
        const result = await run(argv, ROOT);
        assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
        assert.match(result.stderr, /^postmortem: /);
        assert.doesNotMatch(result.stderr, /\n\s+at /);
      }
    });

    it('validates the samples: exit 0 and a summary line', async () => {
      const result = await run(['validate'], ROOT);
      assert.equal(result.code, 0, result.stdout);
      const count = readdirSync(join(ROOT, 'incidents')).filter((f) => f.endsWith('.yaml')).length;
      const files = `${count} file${count === 1 ? '' : 's'}`;
      assert.match(result.stdout, new RegExp(`^${files}: ${count} ok, 0 invalid; 0 errors, 0 warnings\\n$`));
    });

    itEveryWay('reports a bad file at file:line:column with a hint, and still checks the others', async () => {
      const dir = project({ 'a-good.yaml': GOOD, 'b-bad.yaml': BAD });
      const result = await run(['validate'], dir);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /^incidents\/b-bad\.yaml:3:1: error: Unknown key `titel` in the incident \[unknown-key\]$/m);
      assert.match(result.stdout, /hint: Did you mean `title`\?/);
      assert.doesNotMatch(result.stdout, /Missing required key `title`/, 'the misspelt key is reported once');
      assert.match(result.stdout, /2 files: 1 ok, 1 invalid; 1 error, 0 warnings\n$/);
      assert.ok(!result.stdout.includes(ANSI_ESCAPE), 'no colour when not a terminal');
    });

    it('--format json is one parseable document', async () => {
      const dir = project({ 'a-good.yaml': GOOD, 'b-bad.yaml': BAD });
      const result = await run(['validate', '--format', 'json'], dir);
      assert.equal(result.code, 1);
      const report = JSON.parse(result.stdout) as {
        files: { file: string; status: string }[];
        diagnostics: { file: string; line: number; column: number; rule: string; severity: string; hint?: string }[];
        summary: { files: number; ok: number; invalid: number; errors: number };
      };
      assert.deepEqual(
        report.files.map((f) => [f.file, f.status]),
        [
          ['incidents/a-good.yaml', 'ok'],
          ['incidents/b-bad.yaml', 'invalid'],
        ],
      );
      const unknown = report.diagnostics.find((d) => d.rule === 'unknown-key');
      assert.deepEqual([unknown?.file, unknown?.line, unknown?.column, unknown?.severity], ['incidents/b-bad.yaml', 3, 1, 'error']);
      assert.equal(unknown?.hint, 'Did you mean `title`?');
      assert.deepEqual(report.summary, { ...report.summary, files: 2, ok: 1, invalid: 1, errors: 1 });
    });

    it('--format github prints workflow annotations', async () => {
      const dir = project({ 'b-bad.yaml': BAD });
      const result = await run(['validate', '--format', 'github'], dir);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /^::error file=incidents\/b-bad\.yaml,line=3,col=1,endLine=3,endColumn=6,title=postmortem unknown-key::Unknown key `titel` in the incident%0ADid you mean `title`\?$/m);
    });

    itEveryWay('warns at a related id no file of the run has, after every file, counted in the summary and the JSON', async () => {
      // a names b (a later file) and c (no file); b names a (an earlier file); so only c is unknown, and only the end of the run knows it.
      const a = GOOD.replace('id: 2022-10-25-messaging-outage', 'id: incident-a').concat('related:\n  - incident-b\n  - incident-c\n');
      const b = GOOD.replace('id: 2022-10-25-messaging-outage', 'id: incident-b').concat('related: [incident-a]\n');
      const dir = project({ 'a.yaml': a, 'b.yaml': b, 'c-bad.yaml': BAD });
      const line = a.split('\n').indexOf('  - incident-c') + 1;
      const pretty = await run(['validate'], dir);
      assert.equal(pretty.code, 1, 'the invalid file fails the run; the warning does not');
      const warning = `incidents/a.yaml:${line}:5: warning: Unexpected \`incident-c\` in \`related\`: no incident file of this run has that id, so its link leads nowhere [unknown-related]`;
      assert.ok(pretty.stdout.includes(`${warning}\n`), pretty.stdout);
      // Printed after every file's own problems (c-bad.yaml's), as only the end of the run can tell it.
      assert.ok(pretty.stdout.indexOf(warning) > pretty.stdout.indexOf('incidents/c-bad.yaml:'), pretty.stdout);
      assert.match(pretty.stdout, /3 files: 2 ok, 1 invalid; 1 error, 1 warning\n$/);
      assert.doesNotMatch(pretty.stdout, /`incident-b`|`incident-a`/);

      const json = await run(['validate', '--format', 'json'], dir);
      const report = JSON.parse(json.stdout) as { diagnostics: { file: string; line: number; column: number; rule: string; severity: string }[]; summary: { warnings: number } };
      assert.deepEqual(
        report.diagnostics.filter((d) => d.rule === 'unknown-related').map((d) => [d.file, d.line, d.column, d.severity]),
        [['incidents/a.yaml', line, 5, 'warning']],
      );
      assert.equal(report.summary.warnings, 1);

      // The files named: a and b know each other, c is still unknown.
      const both = await run(['validate', 'incidents/a.yaml', 'incidents/b.yaml'], dir);
      assert.equal(both.code, 0, both.stdout);
      assert.match(both.stdout, /\n2 files: 2 ok, 0 invalid; 0 errors, 1 warning\n$/);
      // One file alone: what it names is not in the run.
      const alone = await run(['validate', 'incidents/b.yaml'], dir);
      assert.equal(alone.code, 0, 'a warning');
      assert.match(alone.stdout, /^incidents\/b\.yaml:\d+:\d+: warning: Unexpected `incident-a` in `related`.*\[unknown-related\]$/m);
      const strict = await run(['validate', '--strict', 'incidents/b.yaml'], dir);
      assert.equal(strict.code, 1, '--strict fails on it as on any warning');
    });

    it('--strict makes warnings fail', async () => {
      const dir = project({ 'warn.yaml': WARNING });
      const relaxed = await run(['validate'], dir);
      assert.equal(relaxed.code, 0, relaxed.stdout);
      assert.match(relaxed.stdout, /warning: .*\[timeline-order\]/);
      const strict = await run(['validate', '--strict'], dir);
      assert.equal(strict.code, 1);
    });

    itEveryWay('build writes valid incidents atomically, skips invalid ones and keeps their old output', async () => {
      const dir = project({ 'a-good.yaml': GOOD, 'b-bad.yaml': BAD });
      const out = join(dir, 'postmortems');
      mkdirSync(out);
      writeFileSync(join(out, 'broken-incident.md'), 'earlier output\n');
      const result = await run(['build'], dir);
      assert.equal(result.code, 1);
      assert.deepEqual(readdirSync(out).sort(), ['.postmortem-build.json', '2022-10-25-messaging-outage.md', 'broken-incident.md']);
      assert.equal(readFileSync(join(out, 'broken-incident.md'), 'utf8'), 'earlier output\n');
      assert.match(readFileSync(join(out, '2022-10-25-messaging-outage.md'), 'utf8'), /^# Global messaging outage\n/);
      assert.match(result.stdout, /2 files: 1 ok, 1 invalid; 1 error, 0 warnings; 1 written, 0 unchanged in postmortems\n$/);

      const before = statSync(join(out, '2022-10-25-messaging-outage.md')).mtimeMs;
      const again = await run(['build', '--out', 'postmortems'], dir);
      assert.match(again.stdout, /0 written, 1 unchanged in postmortems\n$/);
      assert.equal(statSync(join(out, '2022-10-25-messaging-outage.md')).mtimeMs, before, 'unchanged output is not rewritten');
    });

    it('reports an output folder it cannot write to, without a stack trace', async () => {
      const dir = project({ 'a-good.yaml': GOOD });
      writeFileSync(join(dir, 'not-a-folder'), 'a file where the output folder should be\n');
      const result = await run(['build', '--out', 'not-a-folder'], dir);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /^incidents\/a-good\.yaml:1:1: error: Cannot write the postmortem to not-a-folder\/2022-10-25-messaging-outage\.md: E[A-Z]+ \[output-unwritable\]$/m);
      // The hint fits the error: not the permissions or a full disk.
      assert.match(result.stdout, /^ {2}hint: A file stands where a folder of this path goes: move it, or write to another folder; nothing was written for this file\.$/m);
      assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at /);
      assert.equal(readFileSync(join(dir, 'not-a-folder'), 'utf8'), 'a file where the output folder should be\n');
    });

    itEveryWay('reports a list used as a key at its place, and prints nothing else (no warning from the YAML parser)', async () => {
      // In `x-` data such a key is kept as text, and the YAML parser would warn about it on stderr.
      const listKeys = '[checkout, payments]: degraded\nx-notes:\n  [checkout, payments]: degraded\n';
      const dir = project({ 'a-good.yaml': GOOD, 'b-list-key.yaml': `${GOOD}${listKeys}` });
      const result = await run(['validate'], dir);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      const line = GOOD.split('\n').length;
      assert.match(result.stdout, new RegExp(`^incidents/b-list-key\\.yaml:${line}:1: error: Unexpected list \`\\[checkout, payments\\]\` as a key, expected a key of plain text \\[yaml-complex-key\\]$`, 'm'));
      assert.match(result.stdout, /2 files: 1 ok, 1 invalid; 1 error, 0 warnings\n$/);
      assert.equal(result.stderr, '');
    });

    it('a configuration with a lone CR, that is a link to nothing, or whose text holds a control character is an error, not silently the defaults', async () => {
      const crlf = project({ 'a-good.yaml': GOOD }, '# note\rseverities: [{id: P1, description: only}]\nout: elsewhere\n');
      const cr = await run(['validate'], crlf);
      assert.equal(cr.code, 1, cr.stdout);
      assert.match(cr.stdout, /^postmortem\.config\.yaml:1:7: error: Unexpected carriage return \(CR\) without a line feed.* \[line-endings\]$/m);
      const dangling = project({ 'a-good.yaml': GOOD });
      symlinkSync(join(dangling, 'missing.yaml'), join(dangling, 'postmortem.config.yaml'));
      const link = await run(['validate'], dangling);
      assert.equal(link.code, 1, link.stdout);
      assert.match(link.stdout, /^postmortem\.config\.yaml:1:1: error: .*\[file-unreadable\]$/m);
      assert.equal((await run(['validate'], project({ 'a-good.yaml': GOOD }, '# only a comment\n'))).code, 0);
      // Its problems speak of settings, not of incidents, its size too.
      const huge = await run(['validate'], project({ 'a-good.yaml': GOOD }, `# ${'x'.repeat(1_100_000)}\n`));
      assert.match(huge.stdout, /^postmortem\.config\.yaml:1:1: error: File is \d+ bytes, over the 1 MiB limit for the configuration \[file-too-large\]$/m);
      const list = await run(['validate'], project({ 'a-good.yaml': GOOD }, '- timezone: UTC\n'));
      assert.match(list.stdout, /^postmortem\.config\.yaml:1:1: error: Unexpected list at the top level, expected a mapping of settings \[not-a-mapping\]$/m);
      assert.doesNotMatch(list.stdout, /incident/);
      // Its text reaches postmortems as incident text does: a control character is refused there too.
      const escape = await run(['validate'], project({ 'a-good.yaml': GOOD }, 'severities: [{id: SEV1, description: "a\\e]0;x\\ab"}, {id: SEV2, description: b}]\n'));
      assert.equal(escape.code, 1, escape.stdout);
      assert.match(escape.stdout, /^postmortem\.config\.yaml:1:40: error: Unexpected control character U\+001B \(escape\) in `severities\[0\]\.description`.*\[control-character\]$/m);
      // A .yml beside the .yaml read is never read: said, not silently lost; in JSON, on standard error beside the one document.
      const both = project({ 'a-good.yaml': GOOD }, 'timezone: UTC\n');
      writeFileSync(join(both, 'postmortem.config.yml'), 'timezone: Europe/Berlin\n');
      const warned = await run(['validate'], both);
      assert.equal(warned.code, 0, warned.stdout);
      assert.match(warned.stdout, /^postmortem\.config\.yml:1:1: warning: Ignored postmortem\.config\.yml: postmortem\.config\.yaml beside it is the configuration \[config-ignored\]$/m);
      assert.equal((await run(['validate', '--strict'], both)).code, 1);
      const asJson = await run(['validate', '--format', 'json'], both);
      assert.equal((JSON.parse(asJson.stdout) as { summary: { ok: number } }).summary.ok, 1);
      assert.match(asJson.stderr, /\[config-ignored\]/);
      // In JSON, a run stopped by its configuration is one document with the promised fields, over no file.
      const json = await run(['validate', '--format', 'json'], project({ 'a-good.yaml': GOOD }, 'severities: 5\n'));
      assert.equal(json.code, 1, json.stdout);
      const result = JSON.parse(json.stdout) as { files: unknown[]; diagnostics: { rule: string }[]; summary: { files: number; errors: number } };
      assert.deepEqual([result.files, result.diagnostics.map((d) => d.rule), result.summary.files, result.summary.errors], [[], ['wrong-type'], 0, 1]);
    });

    it('report, actions and export exit 1 for a path that matches nothing, as validate does, and honour --strict', async () => {
      const dir = project({ 'a-good.yaml': GOOD });
      for (const command of [['report'], ['actions', '--fail-on-overdue', '--as-of', '2022-10-26'], ['export']]) {
        const typo = await run([...command, 'incidents', 'incidnets'], dir);
        assert.equal(typo.code, 1, `${command[0]}: ${typo.stderr}`);
        assert.match(typo.stderr, /^incidnets:1:1: error: No such file or folder \[file-unreadable\]$/m);
        assert.match(typo.stderr, /1 file: 1 ok, 0 invalid; 1 error, 0 warnings\n$/);
        assert.equal((await run([...command, 'incidents'], dir)).code, 0, command[0]);
      }
      const warned = project({ 'a-good.yaml': GOOD.replace('status: final', 'status: review').replace('summary: ', 'summary: TODO ') });
      assert.equal((await run(['report', 'incidents'], warned)).code, 0);
      assert.equal((await run(['report', '--strict', 'incidents'], warned)).code, 1);
    });

    it('reports a custom template that names a missing field as a template error, at its place in the template', async () => {
      const dir = project({ 'a-good.yaml': GOOD });
      mkdirSync(join(dir, 'my-templates'));
      writeFileSync(join(dir, 'my-templates', 'title.hbs'), '# {{titel}}\n');
      for (const argv of [['build', '--templates', 'my-templates'], ['render', 'incidents/a-good.yaml', '--templates', 'my-templates']]) {
        const result = await run(argv, dir);
        assert.equal(result.code, 1, result.stdout + result.stderr);
        assert.match(result.stdout + result.stderr, /^my-templates\/title\.hbs:1:5: error: Unknown field `titel` in PostmortemView; did you mean `title`\? \(postmortem\.hbs → title\.hbs\) \[template-error\]$/m);
        assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at |internal error/);
      }
      assert.ok(!existsSync(join(dir, 'postmortems', '2022-10-25-messaging-outage.md')));
    });

    itEveryWay('render prints Markdown on stdout and problems on stderr', async () => {
      const dir = project({ 'a-good.yaml': GOOD, 'b-bad.yaml': BAD });
      const good = await run(['render', 'incidents/a-good.yaml'], dir);
      assert.equal(good.code, 0, good.stderr);
      assert.match(good.stdout, /^# Global messaging outage\n/);
      assert.equal(good.stderr, '');
      const bad = await run(['render', 'incidents/b-bad.yaml'], dir);
      assert.equal(bad.code, 1);
      assert.equal(bad.stdout, '');
      assert.match(bad.stderr, /incidents\/b-bad\.yaml:3:1: error/);
    });

    itEveryWay('reads the configuration from a parent folder and reports its problems with positions', async () => {
      const dir = project({ 'a.yaml': GOOD.replace('severity: SEV1', 'severity: P1') }, 'severities:\n  - id: P1\n    description: Worst\n');
      const nested = join(dir, 'incidents');
      const ok = await run(['validate', '.'], nested);
      assert.equal(ok.code, 0, ok.stdout);

      writeFileSync(join(dir, 'postmortem.config.yaml'), 'timezone: Mars/Olympus\nincident: x\ntemplates: missing-folder\n');
      const bad = await run(['validate'], nested);
      assert.equal(bad.code, 1);
      const json = await run(['validate', '--format', 'json'], nested);
      const rules = (JSON.parse(json.stdout) as { diagnostics: { rule: string }[] }).diagnostics.map((d) => d.rule);
      assert.deepEqual(rules, ['unknown-timezone', 'unknown-key', 'invalid-value'], 'in line order');
      assert.match(bad.stdout, /postmortem\.config\.yaml:2:1: error: Unknown key `incident` in the configuration \[unknown-key\]/);
      assert.match(bad.stdout, /hint: Did you mean `incidents`\?/);
      assert.match(bad.stdout, /postmortem\.config\.yaml:3:12: error: Unexpected `templates: missing-folder`: no such folder \[invalid-value\]/);
    });

    itEveryWay('a missing incidents folder is reported where it was chosen: at `incidents` in the configuration, or as the default with how to set one up', async () => {
      const configured = project({ 'a.yaml': GOOD }, 'timezone: UTC\nincidents: nope\n');
      for (const command of [['validate'], ['build'], ['report'], ['actions'], ['export'], ['fmt', '--check']]) {
        const result = await run(command, configured);
        assert.equal(result.code, 1, `${command[0]}: ${result.stdout}${result.stderr}`);
        assert.match(
          result.stdout + result.stderr,
          /^postmortem\.config\.yaml:2:12: error: No such folder `nope`: `incidents` names the folder incident files are read from \[file-unreadable\]$/m,
          command[0],
        );
      }
      const bare = tempDir('postmortem-cli-bare-');
      const result = await run(['validate'], bare);
      assert.equal(result.code, 1, result.stdout);
      assert.match(result.stdout, /^incidents:1:1: error: No such folder: given no paths, postmortem reads the incident files of the `incidents` folder \[file-unreadable\]$/m);
      assert.match(result.stdout, /hint: .*run `postmortem init` to set up a project here\./);
    });

    it('reports a missing input path without stopping the others', async () => {
      const dir = project({ 'a.yaml': GOOD });
      const result = await run(['validate', 'incidents', 'nope.yaml'], dir);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /^nope\.yaml:1:1: error: No such file or folder \[file-unreadable\]$/m);
      assert.match(result.stdout, /1 file: 1 ok, 0 invalid; 1 error/);
    });

    it('refuses a file over 1 MiB before parsing', async () => {
      const dir = project({ 'huge.yaml': `${GOOD}\n# ${'x'.repeat(1024 * 1024)}\n` });
      const result = await run(['validate'], dir);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /huge\.yaml:1:1: error: File is \d+ bytes, over the 1 MiB limit/);
    });
  });
}

describe('CLI colour', () => {
  it('is never used with NO_COLOR, even on a terminal', async () => {
    const dir = project({ 'b-bad.yaml': BAD });
    const { main } = await import('../src/cli/main.js');
    let out = '';
    const io = { cwd: dir, env: { NO_COLOR: '1' }, stdout: (t: string) => (out += t), stderr: () => {}, stdoutIsTTY: true, stdinIsTTY: false, now: () => new Date(0) };
    await main(['validate'], io);
    assert.ok(!out.includes(ANSI_ESCAPE));
    out = '';
    await main(['validate'], { ...io, env: {} });
    assert.ok(out.includes(ANSI_ESCAPE), 'colour on a terminal');
  });

  it('follows the stream it writes to, an empty NO_COLOR, and FORCE_COLOR either way', async () => {
    const dir = project({ 'b-bad.yaml': BAD });
    const { main } = await import('../src/cli/main.js');
    const run = async (env: Record<string, string>, tty: { stdoutIsTTY: boolean; stderrIsTTY: boolean }) => {
      let out = '';
      let err = '';
      const io = { cwd: dir, env, stdout: (t: string) => (out += t), stderr: (t: string) => (err += t), stdinIsTTY: false, now: () => new Date(0), ...tty };
      await main(['render', 'incidents/b-bad.yaml'], io);
      return { out: out.includes(ANSI_ESCAPE), err: err.includes(ANSI_ESCAPE) };
    };
    // `render` writes problems to standard error: coloured only when that is a terminal.
    assert.deepEqual(await run({}, { stdoutIsTTY: true, stderrIsTTY: false }), { out: false, err: false }, '2> file at a terminal');
    assert.deepEqual(await run({}, { stdoutIsTTY: false, stderrIsTTY: true }), { out: false, err: true });
    assert.deepEqual(await run({ NO_COLOR: '' }, { stdoutIsTTY: false, stderrIsTTY: true }), { out: false, err: true }, 'an empty NO_COLOR asks nothing');
    assert.deepEqual(await run({ FORCE_COLOR: '0' }, { stdoutIsTTY: true, stderrIsTTY: true }), { out: false, err: false });
    assert.deepEqual(await run({ FORCE_COLOR: '1' }, { stdoutIsTTY: false, stderrIsTTY: false }), { out: false, err: true });
  });
});

describe('build of the samples', () => {
  it('writes one postmortem per sample and leaves no temporary files', async () => {
    const dir = tempDir('postmortem-samples-');
    cpSync(join(ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
    const result = runBinary(['build'], dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const inputs = readdirSync(join(dir, 'incidents')).filter((f) => f.endsWith('.yaml'));
    const outputs = readdirSync(join(dir, 'postmortems'));
    assert.deepEqual(outputs.sort(), ['.postmortem-build.json', ...inputs.map((f) => f.replace(/\.yaml$/, '.md'))].sort());
    assert.ok(existsSync(join(dir, 'postmortems', '2022-10-25-messaging-outage.md')));
  });
});

describe('a lone `-`', () => {
  it('is read as written, as a positional, in a list and as an option value', async () => {
    assert.deepEqual((await parseCommandLine(['validate', '-', 'a.yaml'])).selected?.args['paths'], ['-', 'a.yaml']);
    assert.equal((await parseCommandLine(['import', 'statuspage', '-'])).selected?.args['input'], '-');
    assert.deepEqual((await parseCommandLine(['log', 'x', '-'])).selected?.args['text'], ['-']);
    assert.equal((await parseCommandLine(['log', 'x', 'a', '--by', '-'])).selected?.args['by'], '-');
    await assert.rejects(parseCommandLine(['schema', 'incident', '-']), /Unknown argument: -$/);
    await assert.rejects(parseCommandLine(['validate', '--format', '-']), /Given: "-", Choices/);
  });

  it('is no file for validate, never the default folder in its place', async () => {
    const dir = project({ 'good.yaml': GOOD });
    const result = await RUNNERS[0]!.run(['validate', '-'], dir);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^-:1:1: error: No such file or folder \[file-unreadable\]$/m);
    assert.match(result.stdout, /^0 files:/m);
  });
});

describe('the command table', () => {
  it('declares each command once; its usage line is derived from its positionals', async () => {
    const { COMMANDS } = await import('../src/cli/commands/index.js');
    assert.deepEqual(
      COMMANDS.map((command) => command.usage),
      ['validate [paths..]', 'build [paths..]', 'render <file>', 'init [dir]', 'new [title]', 'log [incident] [text..]', 'resolve [incident]', 'amend [incident]', 'undo [incident]', 'import <source> <input>']
        .concat(['fmt [paths..]', 'schema [which]', 'report [paths..]', 'actions [paths..]', 'export [paths..]', 'publish [paths..]']),
    );
    assert.deepEqual(
      COMMANDS.filter((command) => command.listPositional !== undefined).map((command) => `${command.name} ${command.listPositional}`),
      ['validate paths', 'build paths', 'log text', 'fmt paths', 'report paths', 'actions paths', 'export paths', 'publish paths'],
    );
  });

  it('hands a handler only values its declarations allow', async () => {
    const { defineCommand } = await import('../src/cli/command.js');
    const command = defineCommand({
      name: 'count',
      describe: 'Test command',
      options: { times: { type: 'number', default: 1 }, 'as-of': { type: 'string' } },
      handler: async () => async (args) => args.times + (args.asOf?.length ?? 0),
    });
    const io = { cwd: ROOT, env: {}, stdout: () => {}, stderr: () => {}, stdoutIsTTY: false, stdinIsTTY: false, now: () => new Date(0) };
    assert.equal(await command.run({ strict: false, times: 2, asOf: 'abc' }, io), 5);
    await assert.rejects(command.run({ strict: false, times: 'two' }, io), /`count --times` was parsed into a value its declaration does not allow/);
    await assert.rejects(command.run({ strict: false }, io), /`count --times`/, 'a value with a default is always there');
    await assert.rejects(command.run({ strict: false, times: 1, asOf: 3 }, io), /`count --as-of`/);
  });

  it('refuses a positional given as an option: `log --text` kept one of the two texts and dropped the other', async () => {
    const dir = project({ 'a.yaml': GOOD });
    const before = readFileSync(join(dir, 'incidents', 'a.yaml'), 'utf8');
    const log = await runCli(['log', 'a', 'positional words', '--text', 'option text', '--at', '2022-10-25 09:00'], dir);
    assert.equal(log.code, 2, log.stdout + log.stderr);
    assert.match(log.stderr, /^postmortem: `--text` is not an option of `log`: give text as words \(\[incident\] \[text\.\.\]\)$/m);
    assert.equal(readFileSync(join(dir, 'incidents', 'a.yaml'), 'utf8'), before);
    assert.match((await runCli(['validate', '--paths=incidents'], dir)).stderr, /`--paths` is not an option of `validate`/);
    // After `--` it is text, and `resolve --text` is an option.
    assert.equal((await runCli(['log', 'a', '--at', '2022-10-25 09:00', '--', '--text', 'is text here'], dir)).code, 0);
  });
});
