import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BIN, FIXTURES, tempDir } from './helpers.js';

/**
 * Named pipes where the tool reads user files. Reading one blocks forever,
 * so each command runs as a process of the built CLI with a generous kill
 * timer: a hang shows as a killed process (status null), never as a hung
 * test run. Nothing here measures time.
 */
const HANG_GUARD_MS = 60_000;
const windows = process.platform === 'win32';

function runBuilt(argv: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  assert.ok(existsSync(BIN), 'run `npm run build` first');
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', POSTMORTEM_NOW: '2026-01-01T00:00:00Z' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: HANG_GUARD_MS,
    killSignal: 'SIGKILL',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** A folder with one valid incident and a named pipe among the incident files. */
function folderWithPipe(): string {
  const dir = tempDir('pm-fifo-');
  mkdirSync(join(dir, 'incidents'));
  copyFileSync(join(FIXTURES, 'valid', 'minimal', 'input.yaml'), join(dir, 'incidents', 'minimal.yaml'));
  mkfifo(join(dir, 'incidents', 'pipe.yaml'));
  return dir;
}

const PIPE_MESSAGE = /incidents\/pipe\.yaml:1:1.*Unexpected named pipe, expected a regular file.*file-unreadable/;

describe('special files are refused, never read', { skip: windows && 'no named pipes' }, () => {
  for (const [name, argv] of [
    ['validate a folder', ['validate', 'incidents']],
    ['validate the pipe by name', ['validate', 'incidents/pipe.yaml']],
    ['build', ['build', 'incidents', '--out', 'out']],
    ['fmt --check', ['fmt', '--check', 'incidents']],
    ['report', ['report', 'incidents']],
  ] as const) {
    it(`${name}: the pipe is an error at its path, the other file is processed, the run ends`, () => {
      const dir = folderWithPipe();
      const run = runBuilt([...argv], dir);
      assert.notEqual(run.code, null, 'the command hung on the named pipe');
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout + run.stderr, PIPE_MESSAGE);
    });
  }

  it('log on a named pipe is refused', () => {
    const dir = folderWithPipe();
    const run = runBuilt(['log', 'incidents/pipe.yaml', 'Rolled back', '--at', '2024-05-02 14:30'], dir);
    assert.notEqual(run.code, null, 'log hung on the named pipe');
    assert.notEqual(run.code, 0);
    assert.match(run.stdout + run.stderr, /Unexpected named pipe `incidents\/pipe\.yaml`, expected a regular file/);
  });

  it('new, which reads every incident file for the ids in use, skips the pipe', () => {
    const dir = folderWithPipe();
    const run = runBuilt(['new', 'Checkout errors', '--severity', 'SEV2', '--started', '2026-01-01 00:00', '--zone', 'UTC'], dir);
    assert.notEqual(run.code, null, 'new hung on the named pipe');
    assert.equal(run.code, 0, run.stdout + run.stderr);
  });

  it('a configuration file that is a named pipe is an error at its path', () => {
    const dir = folderWithPipe();
    mkfifo(join(dir, 'pipe-config.yaml'));
    const run = runBuilt(['validate', 'incidents/minimal.yaml', '--config', 'pipe-config.yaml'], dir);
    assert.notEqual(run.code, null, 'the configuration pipe hung the command');
    assert.notEqual(run.code, 0);
    assert.match(run.stdout + run.stderr, /pipe-config\.yaml:1:1.*Unexpected named pipe/);
  });

  it('a template that is a named pipe is a template error', () => {
    const dir = folderWithPipe();
    mkdirSync(join(dir, 'templates'));
    mkfifo(join(dir, 'templates', 'postmortem.hbs'));
    const run = runBuilt(['build', 'incidents/minimal.yaml', '--templates', 'templates', '--out', 'out'], dir);
    assert.notEqual(run.code, null, 'the template pipe hung the command');
    assert.notEqual(run.code, 0);
    assert.match(run.stdout + run.stderr, /postmortem\.hbs.*Unexpected named pipe.*template-error/);
  });

  it("publish into a site whose manifest is a named pipe refuses the manifest", () => {
    const dir = folderWithPipe();
    mkdirSync(join(dir, 'site'));
    mkfifo(join(dir, 'site', '.postmortem-manifest.json'));
    const run = runBuilt(['publish', 'incidents/minimal.yaml', '--target', 'mkdocs', '--out', 'site'], dir);
    assert.notEqual(run.code, null, 'the manifest pipe hung publish');
    assert.notEqual(run.code, 0);
    assert.match(run.stdout + run.stderr, /publish-manifest-invalid/);
  });
});

describe('new reads ids through the checked reader', () => {
  it('a huge incident file is not read in full for its id', async () => {
    const { knownIncidents } = await import('../src/authoring/known-ids.js');
    const dir = tempDir('pm-huge-');
    // The id is declared, but the file is over the 1 MiB limit: it is not read, so only its name counts.
    writeFileSync(join(dir, 'huge.yaml'), `id: declared-in-huge\n# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const known = await knownIncidents(dir, dir);
    assert.deepEqual(
      known.map((k) => [k.name, k.id]),
      [['huge', undefined]],
    );
  });
});
