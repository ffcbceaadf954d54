import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ImportResult } from '../src/import/imported-incident.js';
import { readFireHydrant } from '../src/import/sources/firehydrant.js';
import { readIncidentIo } from '../src/import/sources/incident-io.js';
import { readPagerDuty } from '../src/import/sources/pagerduty.js';
import { FIXTURES, expectFile } from './helpers.js';

/**
 * The incident platforms' mappings (docs/import.md), at the level of what
 * they read: fixture folders `import-platforms/<source>/<case>/input.json`
 * → `expected.json`, the ImportResult with instants shown as UTC times so
 * a reviewer can check them against the input. Rewrite the expected files
 * with UPDATE_FIXTURES=1 and review the diff.
 */
const SOURCES: Record<string, (input: unknown, file: string) => ImportResult> = {
  pagerduty: readPagerDuty,
  'incident-io': readIncidentIo,
  firehydrant: readFireHydrant,
};

const ROOT = join(FIXTURES, 'import-platforms');

/** The result as the expected file holds it. */
function shown(result: ImportResult): string {
  const view = result.ok
    ? {
        incident: { ...result.incident, events: result.incident.events.map((event) => ({ ...event, instant: new Date(event.instant).toISOString() })) },
        warnings: result.warnings.map((warning) => `${warning.severity} ${warning.rule}: ${warning.message}`),
      }
    : { errors: result.diagnostics.map((error) => `${error.file}:${error.line}:${error.column} ${error.severity} ${error.rule}: ${error.message} (${error.hint ?? ''})`) };
  return `${JSON.stringify(view, null, 2)}\n`;
}

for (const [source, read] of Object.entries(SOURCES)) {
  describe(`import from ${source}`, () => {
    const folder = join(ROOT, source);
    const cases = readdirSync(folder).filter((name) => existsSync(join(folder, name, 'input.json'))).sort();
    it('has a not-the-shape case and a valid one', () => {
      assert.ok(cases.some((name) => name.startsWith('not-')));
      assert.ok(cases.some((name) => !name.startsWith('not-')));
    });
    for (const name of cases) {
      it(name, () => {
        const input: unknown = JSON.parse(readFileSync(join(folder, name, 'input.json'), 'utf8'));
        const result = read(input, 'input.json');
        assert.equal(result.ok, !name.startsWith('not-'), `cases named not-… are refused, the others read`);
        const { expected, actual } = expectFile(join(folder, name, 'expected.json'), shown(result));
        assert.equal(actual, expected);
      });
    }
  });
}
