import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { generateIncidents } from '../bench/generate.js';
import type { CliIo } from '../src/cli/io.js';
import { BIN, runBinary, runCli, tempDir } from './helpers.js';
import { runInPty } from './pty.js';

const COUNT = 250;
const ARGS = [BIN, 'report', 'incidents', '--as-of', '2026-11-25', '--format', 'json', '--out', 'report.json'];

/** A progress bar that keeps what it was asked to draw. */
function recordedProgress(): { drawn: string[]; progress: NonNullable<CliIo['progress']> } {
  const drawn: string[] = [];
  return {
    drawn,
    progress: async (label, total) => {
      drawn.push(`${label} 0/${total}`);
      return { update: (done) => void drawn.push(`${label} ${done}/${total}`), stop: () => void drawn.push('cleared') };
    },
  };
}

/** A progress bar on a terminal only: never when standard error is piped, never in CI. */
describe('progress bar over many incidents', () => {
  let dir = '';
  before(() => {
    dir = tempDir('postmortem-progress-');
    // Short incidents: the bar counts files, so their number matters here, not their size.
    generateIncidents(join(dir, 'incidents'), COUNT, 'progress-test', 'short');
  });

  const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', TERM: 'xterm', HOME: tmpdir(), ...extra });

  it('is drawn on standard error at a terminal, counting to the total, then cleared', async () => {
    const { drawn, progress } = recordedProgress();
    const run = await runCli(ARGS.slice(1), dir, { TERM: 'xterm' }, { stderrIsTTY: true, progress });
    assert.equal(run.code, 0, run.stderr);
    const counts = Array.from({ length: COUNT + 1 }, (_, done) => `Reading incidents ${done}/${COUNT}`);
    assert.deepEqual(drawn, [...counts, 'cleared']);
    assert.equal(run.stderr, 'wrote report.json\n');
    assert.ok(existsSync(join(dir, 'report.json')));
  });

  it('is drawn on a real terminal', async () => {
    const run = await runInPty(process.execPath, ARGS.slice(), { cwd: dir, env: env() }, []);
    assert.equal(run.exitCode, 0, run.screen);
    // The bar redraws on a timer, so which counts are drawn depends on speed; the first frame always is.
    assert.match(run.screen, /Reading incidents \d+\/250/);
    assert.match(run.screen, /wrote report\.json/);
    assert.ok(existsSync(join(dir, 'report.json')));
  });

  it('leaves Ctrl-C to stop the run as it stops any program: ended by SIGINT, nothing written', async () => {
    // Long enough a run that the key comes while it reads.
    const many = tempDir('postmortem-progress-interrupt-');
    generateIncidents(join(many, 'incidents'), 1500, 'progress-interrupt', 'short');
    for (const command of [['export', 'incidents', '--format', 'csv', '--out', 'out.csv'], ['report', 'incidents', '--as-of', '2026-11-25', '--out', 'out.md']]) {
      const run = await runInPty(process.execPath, [BIN, ...command], { cwd: many, env: env() }, [{ expect: /Reading incidents \d+\/1500/, send: '\u0003' }]);
      assert.equal(run.signal, 2, `${command[0]}: exit ${run.exitCode}, signal ${run.signal}\n${run.screen}`);
      assert.doesNotMatch(run.screen, /Canceled|wrote/);
    }
    assert.deepEqual(readdirSync(many), ['incidents']);
  });

  it('is never drawn in CI, even at a terminal', async () => {
    const { drawn, progress } = recordedProgress();
    const run = await runCli(ARGS.slice(1), dir, { TERM: 'xterm', CI: 'true' }, { stderrIsTTY: true, progress });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(drawn, []);
    assert.doesNotMatch(run.stderr, /Reading incidents/);
  });

  it('is never drawn on a dumb terminal, nor for fewer than 200 files', async () => {
    const { drawn, progress } = recordedProgress();
    const dumb = await runCli(ARGS.slice(1), dir, { TERM: 'dumb' }, { stderrIsTTY: true, progress });
    assert.equal(dumb.code, 0, dumb.stderr);
    const few = readdirSync(join(dir, 'incidents')).slice(0, 199).map((name) => join('incidents', name));
    const short = await runCli(['report', ...few, '--as-of', '2026-11-25', '--format', 'json', '--out', 'few.json'], dir, {}, { stderrIsTTY: true, progress });
    assert.equal(short.code, 0, short.stderr);
    assert.deepEqual(drawn, []);
  });

  it('is never drawn when standard error is piped', async () => {
    const { drawn, progress } = recordedProgress();
    const inProcess = await runCli(ARGS.slice(1), dir, { TERM: 'xterm' }, { stderrIsTTY: false, progress });
    assert.equal(inProcess.code, 0, inProcess.stderr);
    assert.deepEqual(drawn, []);
    const run = runBinary(ARGS.slice(1), dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, 'wrote report.json\n');
  });
});
