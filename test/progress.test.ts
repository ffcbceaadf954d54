import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { generateIncidents } from '../bench/generate.js';
import { BIN, runBinary, tempDir } from './helpers.js';
import { runInPty } from './pty.js';

const COUNT = 250;
const ARGS = [BIN, 'report', 'incidents', '--as-of', '2026-11-25', '--format', 'json', '--out', 'report.json'];

/** A progress bar on a terminal only: never when standard error is piped, never in CI. */
describe('progress bar over many incidents', () => {
  let dir = '';
  before(() => {
    dir = tempDir('postmortem-progress-');
    generateIncidents(join(dir, 'incidents'), COUNT, 'progress-test');
  });

  const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', TERM: 'xterm', HOME: tmpdir(), ...extra });

  it('is drawn on standard error at a terminal, counting to the total, then cleared', async () => {
    const run = await runInPty(process.execPath, ARGS.slice(), { cwd: dir, env: env() }, []);
    assert.equal(run.exitCode, 0, run.screen);
    // The bar redraws on a timer, so which counts are drawn depends on speed; the first frame always is.
    assert.match(run.screen, /Reading incidents \d+\/250/);
    assert.match(run.screen, /wrote report\.json/);
    assert.ok(existsSync(join(dir, 'report.json')));
  });

  it('is never drawn in CI, even at a terminal', async () => {
    const run = await runInPty(process.execPath, ARGS.slice(), { cwd: dir, env: env({ CI: 'true' }) }, []);
    assert.equal(run.exitCode, 0, run.screen);
    assert.doesNotMatch(run.screen, /Reading incidents/);
  });

  it('is never drawn when standard error is piped', () => {
    const run = runBinary(ARGS.slice(1), dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, 'wrote report.json\n');
  });
});
