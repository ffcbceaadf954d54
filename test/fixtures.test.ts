import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatPretty } from '../src/cli/reporters/pretty.js';
import { compareDiagnostics } from '../src/diagnostics/diagnostic.js';
import { RULES } from '../src/diagnostics/rules.js';
import { checkIncidentSource } from '../src/pipeline/check-incident.js';
import { renderPostmortem } from '../src/render/render-postmortem.js';
import { loadTemplates } from '../src/render/templates.js';
import { decodeSource } from '../src/source/source-file.js';
import { FIXTURES, expectFile, fixtureConfig } from './helpers.js';

/**
 * Fixture folders, one case each:
 *   valid/<case>/input.yaml → expected.md (and expected.txt when it has warnings)
 *   invalid/<case>/input.yaml → expected.txt, the diagnostics as `postmortem validate` prints them
 * An invalid case is named after the rule it exercises (`<rule>` or `<rule>--<variant>`).
 * An optional config.yaml beside the input is used as the configuration.
 */
async function check(folder: string) {
  const bytes = readFileSync(join(folder, 'input.yaml'));
  const decoded = decodeSource(bytes, 'input.yaml');
  const config = await fixtureConfig(folder);
  if (!decoded.ok) {
    const diagnostics = decoded.diagnostics.list;
    return { result: null, diagnostics, text: formatPretty(diagnostics, { colour: false }) };
  }
  const result = checkIncidentSource(decoded.source, config);
  const diagnostics = [...result.diagnostics].sort(compareDiagnostics);
  const text = formatPretty(diagnostics, { colour: false, readSource: () => decoded.source.text });
  return { result, diagnostics, text };
}

const cases = (kind: string) => readdirSync(join(FIXTURES, kind)).filter((name) => existsSync(join(FIXTURES, kind, name, 'input.yaml'))).sort();

describe('valid fixtures render to their expected Markdown', async () => {
  const loaded = await loadTemplates();
  assert.ok(loaded.ok);
  for (const name of cases('valid')) {
    it(name, async () => {
      const folder = join(FIXTURES, 'valid', name);
      const { result, diagnostics, text } = await check(folder);
      assert.ok(result?.value, `expected a valid incident, got:\n${text}`);
      if (diagnostics.length || existsSync(join(folder, 'expected.txt'))) {
        const { expected, actual } = expectFile(join(folder, 'expected.txt'), text);
        assert.equal(actual, expected);
      }
      const { expected, actual } = expectFile(join(folder, 'expected.md'), renderPostmortem(result.value, loaded.templates));
      assert.equal(actual, expected);
    });
  }
});

describe('invalid fixtures report their expected diagnostics', () => {
  const names = cases('invalid');
  it('has at least 30 cases', () => assert.ok(names.length >= 30, `only ${names.length} invalid fixtures`));
  for (const name of names) {
    it(name, async () => {
      const folder = join(FIXTURES, 'invalid', name);
      const rule = name.split('--')[0]!;
      assert.ok(rule in RULES, `fixture folder ${name} does not name a rule`);
      const { result, diagnostics, text } = await check(folder);
      assert.ok(diagnostics.some((d) => d.rule === rule), `expected a \`${rule}\` diagnostic, got:\n${text}`);
      if (diagnostics.some((d) => d.severity === 'error')) assert.equal(result?.value ?? null, null);
      const { expected, actual } = expectFile(join(folder, 'expected.txt'), text);
      assert.equal(actual, expected);
    });
  }
});
