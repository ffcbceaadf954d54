import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ImportResult } from '../src/import/imported-incident.js';
import { parseSourceInstant } from '../src/import/source-instant.js';
import { readFireHydrant } from '../src/import/sources/firehydrant.js';
import { readIncidentIo } from '../src/import/sources/incident-io.js';
import { readPagerDuty } from '../src/import/sources/pagerduty.js';
import type { JsonDocument } from '../src/import/sources/shape.js';
import { FIXTURES, expectFile } from './helpers.js';

/**
 * The incident platforms' mappings (docs/import.md), at the level of what
 * they read: fixture folders `import-platforms/<source>/<case>/input.json`
 * → `expected.json`, the ImportResult with instants shown as UTC times so
 * a reviewer can check them against the input. Rewrite the expected files
 * with UPDATE_FIXTURES=1 and review the diff.
 */
const SOURCES: Record<string, (document: JsonDocument) => ImportResult> = {
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
        warnings: result.warnings.map((warning) => `${warning.file}:${warning.line}:${warning.column} ${warning.severity} ${warning.rule}: ${warning.message}`),
      }
    : { errors: result.diagnostics.map((error) => `${error.file}:${error.line}:${error.column} ${error.severity} ${error.rule}: ${error.message}${error.hint ? ` (${error.hint})` : ''}`) };
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
        const text = readFileSync(join(folder, name, 'input.json'), 'utf8');
        const result = read({ display: 'input.json', text, value: JSON.parse(text) as unknown });
        assert.equal(result.ok, !name.startsWith('not-'), `cases named not-… are refused, the others read`);
        const { expected, actual } = expectFile(join(folder, name, 'expected.json'), shown(result));
        assert.equal(actual, expected);
      });
    }
  });
}

describe('times from a platform', () => {
  it('are read with 0 to 9 fraction digits and an offset, cut to the millisecond', () => {
    assert.equal(parseSourceInstant('2023-05-15T13:59:45Z'), Date.UTC(2023, 4, 15, 13, 59, 45));
    assert.equal(parseSourceInstant('2023-10-24T09:27:22.72Z'), Date.UTC(2023, 9, 24, 9, 27, 22, 720));
    assert.equal(parseSourceInstant('2021-08-17T13:28:57.801578Z'), Date.UTC(2021, 7, 17, 13, 28, 57, 801));
    assert.equal(parseSourceInstant('2024-03-04T14:35:00.999999999z'), Date.UTC(2024, 2, 4, 14, 35, 0, 999));
    assert.equal(parseSourceInstant('2015-10-06T14:40:48-07:00'), Date.UTC(2015, 9, 6, 21, 40, 48));
  });

  it('are refused without an offset, without seconds, or off the calendar', () => {
    for (const text of ['2023-05-15T13:59:45', '2023-05-15T13:59Z', '2023-02-30T10:00:00Z', '2023-05-15T24:00:00Z', '2023-05-15T13:59:45.1234567890Z', 'yesterday']) {
      assert.equal(parseSourceInstant(text), undefined, text);
    }
  });
});
