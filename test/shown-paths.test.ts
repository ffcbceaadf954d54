import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, runCli, tempDir } from './helpers.js';

/**
 * A file name is text from whoever wrote the checkout: one holding control
 * characters must not drive the terminal (`ESC [2J` clears the screen) in any
 * line the tool prints, while JSON keeps the exact name.
 */
const HOSTILE = '\u001b[2J\u001b]0;owned\u0007bad';
// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
const ESC_OR_BEL = /[\u0007\u001b]/;

function folderWithHostileName(): string {
  const dir = tempDir('pm-names-');
  mkdirSync(join(dir, 'incidents'));
  // Invalid (no timeline), so every reporter names it.
  writeFileSync(join(dir, 'incidents', `${HOSTILE}.yaml`), 'id: bad\n');
  copyFileSync(join(FIXTURES, 'valid', 'minimal', 'input.yaml'), join(dir, 'incidents', 'minimal.yaml'));
  return dir;
}

describe('paths with control characters are shown inert', { skip: process.platform === 'win32' && 'no such file names' }, () => {
  for (const format of ['pretty', 'github'] as const) {
    it(`validate --format ${format}`, async () => {
      const run = await runCli(['validate', 'incidents', '--format', format], folderWithHostileName());
      assert.equal(run.code, 1);
      assert.doesNotMatch(run.stdout + run.stderr, ESC_OR_BEL);
      assert.match(run.stdout, /incidents\/\\u001B\[2J\\u001B\]0;owned\\u0007bad\.yaml/);
    });
  }

  it('validate --format json keeps the exact name', async () => {
    const run = await runCli(['validate', 'incidents', '--format', 'json'], folderWithHostileName());
    const files = (JSON.parse(run.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file);
    assert.ok(files.includes(`incidents/${HOSTILE}.yaml`), files.join('\n'));
  });

  it('fmt, build and the `wrote` line of --out', async () => {
    const dir = folderWithHostileName();
    writeFileSync(join(dir, 'incidents', `${HOSTILE}.yaml`), readFileSync(join(FIXTURES, 'valid', 'minimal', 'input.yaml'), 'utf8').replace('id: minimal', 'id: other').replace('severity: SEV3', 'severity:   SEV3'));
    for (const argv of [
      ['fmt', 'incidents'],
      ['build', 'incidents', '--out', `${HOSTILE}-out`],
      ['report', 'incidents', '--out', `${HOSTILE}.md`],
      ['log', `incidents/${HOSTILE}.yaml`, 'Rolled back', '--at', '2024-05-02 14:30'],
    ]) {
      const run = await runCli(argv, dir, { POSTMORTEM_NOW: '2026-01-01T00:00:00Z' });
      assert.doesNotMatch(run.stdout + run.stderr, ESC_OR_BEL, `${argv[0]}: ${JSON.stringify(run.stdout + run.stderr)}`);
      assert.match(run.stdout + run.stderr, /\\u001B\[2J/, `${argv[0]} names the file`);
    }
  });
});
