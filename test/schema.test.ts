import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import type { JsonObject, JsonValue } from '../src/schema/schema-for-config.js';
import { ROOT, RUNNERS, tempDir } from './helpers.js';

const SCHEMA_FILES = ['schema/incident.schema.json', 'schema/config.schema.json'] as const;
const committedText = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const committed = (file: string) => JSON.parse(committedText(file)) as JsonObject;

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every schema that describes a value an author writes, with its path: the
 * root, each property, each array's items and each record's values (at every
 * depth). `if`/`then` are conditions, not fields, and the `^x-` pattern is the
 * "anything" schema of custom keys, so neither is a field.
 */
function fields(schema: JsonObject, path = '(root)'): [string, JsonObject][] {
  const found: [string, JsonObject][] = [[path, schema]];
  if (isObject(schema.properties)) {
    for (const [key, value] of Object.entries(schema.properties)) if (isObject(value)) found.push(...fields(value, `${path}.${key}`));
  }
  if (isObject(schema.items)) found.push(...fields(schema.items, `${path}[]`));
  if (isObject(schema.patternProperties)) {
    for (const [pattern, value] of Object.entries(schema.patternProperties)) {
      if (pattern !== '^x-' && isObject(value)) found.push(...fields(value, `${path}{${pattern}}`));
    }
  }
  return found;
}

describe('the committed JSON Schemas help editors', () => {
  for (const file of SCHEMA_FILES) {
    it(`${file}: every field has a title, a description and examples`, () => {
      const all = fields(committed(file));
      assert.ok(all.length > (file.includes('incident') ? 60 : 12), `only ${all.length} fields found: is the walk broken?`);
      const missing = all.flatMap(([path, schema]) =>
        (['title', 'description', 'examples'] as const)
          .filter((key) => (key === 'examples' ? !Array.isArray(schema.examples) || schema.examples.length === 0 : typeof schema[key] !== 'string' || !schema[key]))
          .map((key) => `${path}: no ${key}`),
      );
      assert.deepEqual(missing, []);
    });

    it(`${file}: every enum describes each value, and its examples are allowed values`, () => {
      for (const [path, schema] of fields(committed(file))) {
        if (!Array.isArray(schema.enum)) continue;
        for (const key of ['enumDescriptions', 'markdownEnumDescriptions'] as const) {
          const descriptions = schema[key];
          assert.ok(Array.isArray(descriptions) && descriptions.length === schema.enum.length, `${path}: ${key} does not match enum`);
        }
        // Editors offer examples as completions, so an example outside the enum would be offered and then refused.
        for (const example of (schema.examples ?? []) as JsonValue[]) assert.ok(schema.enum.includes(example), `${path}: example ${String(example)}`);
      }
    });
  }

  it('defaults are those of FORMAT.md', () => {
    const incident = Object.fromEntries(fields(committed('schema/incident.schema.json')));
    assert.equal(incident['(root).status']?.default, 'draft');
    assert.equal(incident['(root).timeline[].kind']?.default, 'note');
    assert.equal(incident['(root).action_items[].status']?.default, 'open');
    const config = Object.fromEntries(fields(committed('schema/config.schema.json')));
    assert.equal(config['(root).incidents']?.default, 'incidents');
    assert.equal(config['(root).out']?.default, 'postmortems');
    assert.equal(config['(root).timezone']?.default, 'UTC');
  });

  it('the committed incident schema offers the default severities, described', () => {
    const severity = (committed('schema/incident.schema.json').properties as JsonObject).severity as JsonObject;
    assert.deepEqual(severity.enum, ['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    assert.deepEqual(severity.markdownEnumDescriptions, [
      'Critical, widespread customer impact',
      'Major customer impact',
      'Minor, limited customer impact',
      'No customer impact',
    ]);
  });

  it('accepts the sample incidents and refuses a wrong severity, as a draft-07 validator reads it', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(committed('schema/incident.schema.json'));
    const samples = readdirSync(join(ROOT, 'incidents')).filter((name) => name.endsWith('.yaml'));
    assert.ok(samples.length > 0);
    for (const name of samples) {
      const data = parse(readFileSync(join(ROOT, 'incidents', name), 'utf8')) as Record<string, unknown>;
      assert.ok(validate(data), `${name}: ${JSON.stringify(validate.errors)}`);
      assert.equal(validate({ ...data, severity: 'SEV9' }), false);
    }
  });
});

// ---------------------------------------------------------------------------
// `postmortem schema`

const CUSTOM_CONFIG = `severities:
  - id: critical
    description: Customers cannot use the product
  - id: minor
    description: Degraded, with a workaround
`;

/** A fresh folder, with a configuration when given one. */
function project(config?: string): string {
  const dir = tempDir('postmortem-schema-');
  if (config !== undefined) writeFileSync(join(dir, 'postmortem.config.yaml'), config);
  return dir;
}

for (const { how, run, it, itEveryWay } of RUNNERS) {
  describe(`postmortem schema (${how})`, () => {
    itEveryWay('with the default configuration prints exactly the committed incident schema', async () => {
      const result = await run(['schema'], project());
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, '');
      assert.ok(result.stdout === committedText('schema/incident.schema.json'), 'differs from schema/incident.schema.json');
      assert.equal((await run(['schema', 'incident'], project())).stdout, result.stdout);
    });

    it('prints the configuration schema exactly as committed', async () => {
      // The configuration is not read: a broken one must not stop you getting the schema that helps fix it.
      const result = await run(['schema', 'config'], project('severities: oops\n'));
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.stdout === committedText('schema/config.schema.json'), 'differs from schema/config.schema.json');
    });

    it('offers the configured severities and changes nothing else', async () => {
      const result = await run(['schema'], project(CUSTOM_CONFIG));
      assert.equal(result.code, 0, result.stderr);
      const printed = JSON.parse(result.stdout) as JsonObject;
      const severity = (printed.properties as JsonObject).severity as JsonObject;
      assert.deepEqual(severity.enum, ['critical', 'minor']);
      assert.deepEqual(severity.markdownEnumDescriptions, ['Customers cannot use the product', 'Degraded, with a workaround']);
      assert.deepEqual(severity.examples, ['critical', 'minor']);
      const base = committed('schema/incident.schema.json');
      delete (printed.properties as JsonObject).severity;
      delete (base.properties as JsonObject).severity;
      assert.deepEqual(printed, base);
    });

    itEveryWay('--out writes the file, creating folders, and says so on standard error', async () => {
      const dir = project(CUSTOM_CONFIG);
      const result = await run(['schema', '--out', 'editor/schemas/incident.schema.json'], dir);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, 'wrote editor/schemas/incident.schema.json\n');
      assert.equal(result.stdout, '');
      const written = readFileSync(join(dir, 'editor', 'schemas', 'incident.schema.json'), 'utf8');
      assert.equal(written, (await run(['schema'], dir)).stdout);
      // Again over the existing file: replaced whole, not appended to.
      assert.equal((await run(['schema', '--out', 'editor/schemas/incident.schema.json'], dir)).code, 0);
      assert.equal(readFileSync(join(dir, 'editor', 'schemas', 'incident.schema.json'), 'utf8'), written);
    });

    itEveryWay('a bad configuration: its problems on standard error, nothing on standard output, exit 1', async () => {
      const result = await run(['schema'], project('severities: []\n'));
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /postmortem\.config\.yaml:1:\d+: error: .*\[empty-list\]/);
    });

    itEveryWay('--out to a path that cannot be written is a usage error', async () => {
      const dir = project();
      mkdirSync(join(dir, 'taken'));
      writeFileSync(join(dir, 'taken', 'file'), '');
      const result = await run(['schema', '--out', 'taken/file/schema.json'], dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^taken\/file\/schema\.json:1:1: error: Cannot write taken\/file\/schema\.json: E[A-Z]+ \[output-unwritable\]$/m);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    });

    it('the CLI still reports an unknown severity once, naming the configured levels', async () => {
      const dir = project(CUSTOM_CONFIG);
      mkdirSync(join(dir, 'incidents'));
      const sample = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');
      writeFileSync(join(dir, 'incidents', 'a.yaml'), sample.replace(/^severity: .*$/m, 'severity: SEV1'));
      const result = await run(['validate', '--format', 'json'], dir);
      assert.equal(result.code, 1);
      const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: { rule: string; message: string }[] };
      assert.deepEqual(
        diagnostics.map((d) => [d.rule, d.message]),
        [['unknown-severity', 'Unknown severity `SEV1`, expected one of `critical`, `minor`']],
      );
    });
  });
}
