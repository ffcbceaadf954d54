/**
 * build-file.ts: the render stage is made once per run (the builder every
 * file of it is built with), not once per file, and building a file through
 * the run's builder gives what building it alone gives.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../src/config/config.js';
import { type BuildFileContext, type BuiltFile, fileBuilder } from '../src/pipeline/build-file.js';
import type { InputFile } from '../src/pipeline/incident-files.js';
import { loadTemplates } from '../src/render/templates.js';
import { ROOT, tempDir } from './helpers.js';

async function countingContext(): Promise<{ context: BuildFileContext; reads: () => number }> {
  const loaded = await loadTemplates([]);
  assert.ok(loaded.ok);
  let reads = 0;
  const context: BuildFileContext = {
    config: defaultConfig(ROOT),
    // The stage is made from the templates: each read of them is a stage made.
    get templates() {
      reads += 1;
      return loaded.templates;
    },
  };
  return { context, reads: () => reads };
}

const SAMPLE = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');

/** Valid incidents, each with an id of its own. */
function incidentFiles(count: number): InputFile[] {
  const dir = tempDir('postmortem-build-file-');
  return Array.from({ length: count }, (_, at) => {
    const absolute = join(dir, `incident-${at}.yaml`);
    writeFileSync(absolute, SAMPLE.replace('id: 2022-10-25-messaging-outage', `id: incident-${at}`));
    return { absolute, display: `incident-${at}.yaml` };
  });
}

describe('fileBuilder', () => {
  it('makes the render stage once for all the files built with one builder', async () => {
    const { context, reads } = await countingContext();
    const files = incidentFiles(3);
    const builder = fileBuilder(context);
    const one: BuiltFile[] = [];
    for (const file of files) one.push(await builder(file));
    assert.equal(reads(), 1);
    // Each file alone, with a builder of its own: the same results.
    const other: BuiltFile[] = [];
    for (const file of files) other.push(await fileBuilder(context)(file));
    assert.equal(reads(), 4);
    assert.deepEqual(other, one);
    for (const built of one) assert.ok(built.value && 'markdown' in built.value && built.value.markdown.startsWith('# '), built.file);
  });
});
