import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { collectIncidentFiles } from '../src/pipeline/collect-files.js';
import { tempDir } from './helpers.js';

/** A project folder with incidents in nested folders, a folder named like a file, and a link to a folder. */
function nestedProject(): string {
  const dir = tempDir('pm-files-');
  const put = (path: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), 'id: x\n');
  };
  for (const path of ['incidents/b.yaml', 'incidents/a/z.yml', 'incidents/a.yaml', 'incidents/a-b.yaml', 'incidents/notes.md', 'incidents/old.yaml/inside.yaml', 'elsewhere/linked.yaml']) put(path);
  symlinkSync(join(dir, 'elsewhere'), join(dir, 'incidents', 'link'), 'dir');
  return dir;
}

describe('the files of a run', { skip: process.platform === 'win32' && 'symbolic links to folders need privileges' }, () => {
  it('a folder: every incident file below it, in the order of their shown paths; links to folders not followed', async () => {
    const dir = nestedProject();
    const { files, diagnostics } = await collectIncidentFiles(['incidents'], dir);
    assert.deepEqual(diagnostics, []);
    const shown = [...files].map((file) => file.display);
    assert.deepEqual(shown, ['incidents/a-b.yaml', 'incidents/a.yaml', 'incidents/a/z.yml', 'incidents/b.yaml', 'incidents/old.yaml/inside.yaml']);
    assert.deepEqual([...shown].sort(), shown);
    assert.deepEqual(
      [...files].map((file) => file.absolute),
      shown.map((path) => join(dir, path)),
    );
    assert.equal(files.length, 5);
    assert.deepEqual([...files.entries()][4], [4, files.at(4)]);
  });

  it('the working directory itself, a folder outside it, and overlapping inputs (each file once)', async () => {
    const dir = nestedProject();
    const inside = await collectIncidentFiles(['.'], join(dir, 'incidents'));
    assert.equal(inside.files.at(0).display, 'a-b.yaml');
    const outside = await collectIncidentFiles([join(dir, 'incidents')], join(dir, 'elsewhere'));
    assert.equal(outside.files.at(0).display, join(dir, 'incidents', 'a-b.yaml'));
    assert.equal(outside.files.at(0).absolute, join(dir, 'incidents', 'a-b.yaml'));
    const overlapping = await collectIncidentFiles(['incidents/a', 'incidents', 'incidents/b.yaml', 'incidents/*.yaml'], dir);
    assert.deepEqual(
      [...overlapping.files].map((file) => file.display),
      ['incidents/a-b.yaml', 'incidents/a.yaml', 'incidents/a/z.yml', 'incidents/b.yaml', 'incidents/old.yaml/inside.yaml'],
    );
  });
});
