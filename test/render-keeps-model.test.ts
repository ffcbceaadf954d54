/**
 * Rendering never changes the model it is given (stages do not mutate their
 * inputs): build's cache hashes the checked model before rendering it
 * (build-cache.ts's modelHash), and publish renders the same model twice.
 * Each model is deep-frozen, so a write anywhere throws in strict-mode code,
 * and compared with a copy taken before.
 *
 * Note: `v8.serialize` of a model can differ after rendering with no value
 * changed: a string sliced from a two-byte source (a file with a character
 * beyond Latin-1) is written two-byte until V8 internalizes it in place as a
 * property key (`KIND_LABELS[event.kind]`), then one-byte. That is V8's
 * representation, not a mutation; the values compared here are what counts,
 * and what modelHash hashes (`canonicalText`).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../src/config/config.js';
import { checkIncidentSource } from '../src/pipeline/check-incident.js';
import { postmortemTree } from '../src/render/postmortem-tree.js';
import { renderPostmortem } from '../src/render/render-postmortem.js';
import { loadTemplates } from '../src/render/templates.js';
import { decodeSource } from '../src/source/source-file.js';
import { FIXTURES, ROOT } from './helpers.js';

const INCIDENTS = join(ROOT, 'incidents');
const FILES = [
  ...readdirSync(INCIDENTS)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(INCIDENTS, name)),
  ...readdirSync(join(FIXTURES, 'valid'))
    .map((name) => join(FIXTURES, 'valid', name, 'input.yaml'))
    .filter((path) => existsSync(path)),
].sort();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

describe('rendering keeps the model as it was', () => {
  it('renders each sample and valid fixture from a frozen model, which ends as it began', async () => {
    const loaded = await loadTemplates();
    assert.ok(loaded.ok);
    let rendered = 0;
    for (const path of FILES) {
      const decoded = decodeSource(readFileSync(path), basename(path));
      assert.ok(decoded.ok, path);
      const checked = checkIncidentSource(decoded.source, defaultConfig(ROOT));
      if (checked.value === null) continue; // a fixture that needs its own configuration
      const before = structuredClone(checked.value);
      const model = deepFreeze(checked.value);
      const markdown = renderPostmortem(model, loaded.templates);
      postmortemTree(model, loaded.templates);
      assert.deepStrictEqual(model, before, path);
      assert.equal(renderPostmortem(model, loaded.templates), markdown, `${path}: the same model renders the same again`);
      rendered += 1;
    }
    assert.ok(rendered > FILES.length / 2, `${rendered} of ${FILES.length} rendered`);
  });
});
