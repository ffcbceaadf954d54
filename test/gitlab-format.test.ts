import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import type { CodeQualityIssue } from '../src/cli/reporters/gitlab.js';
import { ROOT, RUNNERS, incidentProject } from './helpers.js';

const GOOD = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');
/** Two problems: a misspelt key (line 3) and an unknown severity. */
const BAD = GOOD.replace('id: 2022-10-25-messaging-outage', 'id: broken')
  .replace('title: Global messaging outage', 'titel: Global messaging outage')
  .replace(/^severity: .*$/m, 'severity: SEV9');
const SEVERITY_LINE = BAD.split('\n').findIndex((line) => line.startsWith('severity:')) + 1;

const project = (files: Record<string, string>, config?: string): string => incidentProject(files, config, 'postmortem-gitlab-');

/** The report, checked to be exactly `JSON.stringify(…, null, 2)` and a line break, as GitLab reads it. */
function report(stdout: string): CodeQualityIssue[] {
  const issues = JSON.parse(stdout) as CodeQualityIssue[];
  assert.ok(Array.isArray(issues));
  assert.equal(stdout, `${JSON.stringify(issues, null, 2)}\n`, 'the streamed report is the same bytes as the whole one');
  for (const issue of issues) {
    assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
    assert.match(issue.fingerprint, /^[0-9a-f]{64}$/);
    assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity));
    assert.deepEqual(Object.keys(issue.location).sort(), ['lines', 'path']);
    assert.ok(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1);
  }
  return issues;
}

for (const { how, run, it, itEveryWay } of RUNNERS) {
  describe(`--format gitlab (${how})`, () => {
    itEveryWay('validate prints a Code Quality report on standard output and the problems for people on standard error', async () => {
      const dir = project({ 'a-good.yaml': GOOD, 'b-bad.yaml': BAD });
      const result = await run(['validate', '--format', 'gitlab'], dir);
      assert.equal(result.code, 1);
      const issues = report(result.stdout);
      assert.deepEqual(
        issues.map((issue) => [issue.location.path, issue.location.lines.begin, issue.check_name, issue.severity]),
        [
          ['incidents/b-bad.yaml', 3, 'unknown-key', 'major'],
          ['incidents/b-bad.yaml', SEVERITY_LINE, 'unknown-severity', 'major'],
        ],
      );
      assert.equal(issues[0]!.description, 'Unknown key `titel` in the incident [unknown-key]');
      const expected = createHash('sha256').update(JSON.stringify(['incidents/b-bad.yaml', 'unknown-key', 'Unknown key `titel` in the incident', 3])).digest('hex');
      assert.equal(issues[0]!.fingerprint, expected, 'file, rule, message and line, hashed');
      assert.match(result.stderr, /^incidents\/b-bad\.yaml:3:1: error: Unknown key `titel` in the incident \[unknown-key\]$/m);
      assert.match(result.stderr, /2 files: 1 ok, 1 invalid; 2 errors, 0 warnings\n$/);

      const again = await run(['validate', '--format', 'gitlab'], dir);
      assert.equal(again.stdout, result.stdout, 'the same report, fingerprints included, on every run');
    });

    it('validate prints [] and exits 0 when there is no problem; warnings are minor and fail only with --strict', async () => {
      const clean = await run(['validate', '--format', 'gitlab'], project({ 'a.yaml': GOOD }));
      assert.equal(clean.code, 0, clean.stderr);
      assert.equal(clean.stdout, '[]\n');

      const warned = GOOD.replace('  - at: ~2022-10-25 08:00\n', '  - at: ~2022-10-25 08:30\n');
      const dir = project({ 'a.yaml': warned });
      const relaxed = await run(['validate', '--format', 'gitlab'], dir);
      assert.equal(relaxed.code, 0, relaxed.stderr);
      const warnings = report(relaxed.stdout);
      assert.ok(warnings.length > 0);
      assert.deepEqual(new Set(warnings.map((issue) => `${issue.check_name} ${issue.severity}`)), new Set(['timeline-order minor']));
      assert.equal((await run(['validate', '--format', 'gitlab', '--strict'], dir)).code, 1);
    });

    itEveryWay('standard output stays one JSON array when the configuration has a warning or an error', async () => {
      const warning = await run(['validate', '--format', 'gitlab'], project({ 'a.yaml': BAD }, 'timezone: !zone UTC\n'));
      assert.equal(warning.code, 1);
      assert.deepEqual(report(warning.stdout).map((issue) => issue.location.path), ['incidents/a.yaml', 'incidents/a.yaml']);
      assert.match(warning.stderr, /^postmortem\.config\.yaml:1:11: warning: .*\[yaml-tag\]$/m);

      const error = await run(['validate', '--format', 'gitlab'], project({ 'a.yaml': GOOD }, 'timezone: Mars/Olympus\n'));
      assert.equal(error.code, 1);
      assert.deepEqual(report(error.stdout).map((issue) => [issue.location.path, issue.location.lines.begin]), [['postmortem.config.yaml', 1]]);
    });

    it('a path that matches nothing is a finding too', async () => {
      const result = await run(['validate', '--format', 'gitlab', 'incidents/a.yaml', 'missing.yaml'], project({ 'a.yaml': GOOD }));
      assert.equal(result.code, 1);
      assert.deepEqual(report(result.stdout).map((issue) => [issue.location.path, issue.check_name]), [['missing.yaml', 'file-unreadable']]);
    });

    itEveryWay('fmt --check reports each file that would change', async () => {
      const dir = project({ 'a.yaml': GOOD, 'b.yaml': GOOD.replace('id: 2022-10-25-messaging-outage', 'id: b').replace(/^title: /m, 'title:   ') });
      const result = await run(['fmt', '--check', '--format', 'gitlab'], dir);
      assert.equal(result.code, 1);
      assert.deepEqual(report(result.stdout).map((issue) => [issue.location.path, issue.check_name]), [['incidents/b.yaml', 'not-formatted']]);
      assert.match(result.stderr, /2 files: 1 would be reformatted, 1 already formatted/);
    });

    itEveryWay('build keeps the report on standard output and its summary on standard error', async () => {
      const dir = project({ 'a-good.yaml': GOOD, 'b-bad.yaml': BAD });
      const result = await run(['build', '--format', 'gitlab'], dir);
      assert.equal(result.code, 1);
      assert.equal(report(result.stdout).length, 2);
      assert.match(result.stderr, /1 written, 0 unchanged in postmortems\n$/);
    });
  });
}
