import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { committedFiles } from '../scripts/generate.js';
import { VALIDATORS_PATH, compiledJsonSchema, validatorsSource } from '../scripts/validators-source.js';
import { ConfigSchema } from '../src/schema/config-schema.js';
import { IncidentSchema } from '../src/schema/incident-schema.js';
import { toJsonSchema } from '../src/schema/json-schema.js';
import { ROOT } from './helpers.js';

describe('generated files are committed up to date', () => {
  for (const [file, text] of Object.entries(committedFiles())) {
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

describe('the validators the build generates', () => {
  // `npm test` builds first; a test file run on its own imports whatever the last build wrote.
  it('are those the schemas compile to now', () => {
    const built = readFileSync(join(ROOT, VALIDATORS_PATH), 'utf8');
    assert.ok(built === validatorsSource(), `${VALIDATORS_PATH} is older than the schemas: run \`npm run build\``);
  });

  it('are compiled from the same JSON Schemas as the committed ones', () => {
    for (const schema of [IncidentSchema, ConfigSchema]) assert.deepEqual(compiledJsonSchema(schema), toJsonSchema(schema));
  });
});
