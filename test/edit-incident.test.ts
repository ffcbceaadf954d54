import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type TextEdit, editIncidentFile } from '../src/authoring/edit-incident.js';
import { defaultConfig } from '../src/config/config.js';
import { ROOT, tempDir } from './helpers.js';

/**
 * The writing commands' cycle (edit-incident.ts): a dry run without the
 * lock, then, holding it, the change written. The change is a pure function
 * of the file's text, so the dry run's result is written when the file is as
 * the dry run read it, and the change is made again on whatever another
 * writer left there meanwhile.
 */
const SAMPLE = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');

function incidentFile(text: string): { absolute: string; display: string } {
  const absolute = join(tempDir('postmortem-edit-'), 'outage.yaml');
  writeFileSync(absolute, text);
  return { absolute, display: 'outage.yaml' };
}

/** Appends a comment line, and counts the texts it was given. */
function appending(line: string, seen: string[]): TextEdit<null> {
  return (text) => {
    seen.push(text);
    return { ok: true, text: `${text}${line}\n`, result: null };
  };
}

describe('editIncidentFile', () => {
  it('writes the dry run’s change when the file is unchanged under the lock: the change is made once', async () => {
    const file = incidentFile(SAMPLE);
    const seen: string[] = [];
    const outcome = await editIncidentFile(file, defaultConfig(ROOT), appending('# one', seen));
    assert.equal(outcome.kind, 'written');
    assert.equal(seen.length, 1);
    assert.equal(readFileSync(file.absolute, 'utf8'), `${SAMPLE}# one\n`);
  });

  it('makes the change again on what another writer saved between the dry run and the lock', async () => {
    const file = incidentFile(SAMPLE);
    const seen: string[] = [];
    const edit = appending('# mine', seen);
    const outcome = await editIncidentFile(file, defaultConfig(ROOT), (text) => {
      // Another writer's change lands right after the dry run read the file.
      if (seen.length === 0) writeFileSync(file.absolute, `${SAMPLE}# theirs\n`);
      return edit(text);
    });
    assert.equal(outcome.kind, 'written');
    assert.deepEqual(seen, [SAMPLE, `${SAMPLE}# theirs\n`]);
    assert.equal(readFileSync(file.absolute, 'utf8'), `${SAMPLE}# theirs\n# mine\n`, 'their change is kept');
  });

  it('still refuses a change that brings an error, and leaves the file alone', async () => {
    const file = incidentFile(SAMPLE);
    const outcome = await editIncidentFile(file, defaultConfig(ROOT), (text) => ({ ok: true, text: text.replace(/^severity: .*$/m, 'severity: SEV9'), result: null }));
    assert.equal(outcome.kind, 'invalid');
    assert.ok(outcome.kind === 'invalid' && outcome.diagnostics.some((d) => d.rule === 'unknown-severity'));
    assert.equal(readFileSync(file.absolute, 'utf8'), SAMPLE);
  });
});
