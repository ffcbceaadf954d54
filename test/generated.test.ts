import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generatedFiles } from '../scripts/generate.js';
import { ROOT } from './helpers.js';

describe('generated files are committed up to date', () => {
  for (const [file, text] of Object.entries(generatedFiles())) {
    it(file, () => {
      const committed = readFileSync(join(ROOT, file), 'utf8');
      assert.ok(committed === text, `${file} differs from what the schemas generate: run \`npm run generate\` and commit the result`);
    });
  }

  it('the incident schema is draft-07 and refuses unknown keys but keeps x- keys', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'incident.schema.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.patternProperties, { '^x-': {} });
  });
});
