import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
// The built library, whose worker threads run the bundled worker: this is what ships.
import { buildPostmortems, defaultConfig } from '../dist/index.js';
import { defaultWorkers } from '../src/pipeline/build.js';
import { ROOT, tempDir } from './helpers.js';

const SAMPLE = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');

/** A folder of many incidents: distinct ids, one duplicate id, one invalid file. */
function manyIncidents(count: number): string {
  const dir = tempDir('postmortem-build-');
  mkdirSync(join(dir, 'incidents'));
  for (let i = 0; i < count; i += 1) {
    const id = `incident-${String(i).padStart(3, '0')}`;
    writeFileSync(join(dir, 'incidents', `${id}.yaml`), SAMPLE.replace('id: 2022-10-25-messaging-outage', `id: ${id}`));
  }
  writeFileSync(join(dir, 'incidents', 'incident-050-copy.yaml'), SAMPLE.replace('id: 2022-10-25-messaging-outage', 'id: incident-050'));
  writeFileSync(join(dir, 'incidents', 'incident-070.yaml'), SAMPLE.replace('severity: SEV1', 'severity: SEV9'));
  return dir;
}

/** The postmortems of a folder (not build's manifest, which holds modification times). */
function readOutputs(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => [name, readFileSync(join(folder, name), 'utf8')]),
  );
}

describe('build', () => {
  it('gives the same files, outcomes and diagnostics on worker threads as on one thread', async () => {
    const dir = manyIncidents(120);
    const config = defaultConfig(dir);
    const single = await buildPostmortems({ config, cwd: dir, out: join(dir, 'one'), workers: 1 });
    const parallel = await buildPostmortems({ config, cwd: dir, out: join(dir, 'two'), workers: 2 });

    assert.equal(single.summary.files, 121);
    assert.equal(single.summary.invalid, 2, 'the duplicate id and the unknown severity');
    assert.deepEqual(
      single.diagnostics.map((d) => [d.file, d.rule]),
      [
        ['incidents/incident-050.yaml', 'duplicate-id'],
        ['incidents/incident-070.yaml', 'unknown-severity'],
      ],
    );
    assert.equal(single.diagnostics[0]!.related?.file, 'incidents/incident-050-copy.yaml', 'the first file in path order keeps the id');
    assert.deepEqual(parallel.diagnostics, single.diagnostics);
    assert.deepEqual(
      parallel.files.map(({ output, ...rest }) => ({ ...rest, output: output?.replace('two/', '') })),
      single.files.map(({ output, ...rest }) => ({ ...rest, output: output?.replace('one/', '') })),
    );
    assert.deepEqual(readOutputs(join(dir, 'two')), readOutputs(join(dir, 'one')));
    assert.equal(Object.keys(readOutputs(join(dir, 'one'))).length, 119);
  });

  it('uses worker threads only where there are cores to spare', () => {
    assert.equal(defaultWorkers(10_000, 2), 1);
    assert.equal(defaultWorkers(10, 8), 1);
    assert.equal(defaultWorkers(10_000, 4), 4);
    assert.equal(defaultWorkers(10_000, 32), 8);
  });
});
