/**
 * The library's public entry (src/index.ts, built to dist/index.js) offers
 * the checks the CLI makes of its input, with their types, so a script can
 * make them before calling the library: a new incident's fields, and a
 * report's filters.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type FilterProblem,
  type NewIncidentDraft,
  type NewIncidentInput,
  type NewIncidentProblem,
  defaultConfig,
  draftNewIncident,
  readIncidentFilters,
  severityProblem,
  splitServices,
  titleProblem,
  unknownSeverity,
} from '../src/index.js';
import { ROOT } from './helpers.js';

describe('the library entry', () => {
  it("checks a new incident's input", () => {
    const config = defaultConfig(ROOT);
    const input: NewIncidentInput = { title: 'Checkout errors', severity: 'SEV2', services: ['checkout,payments'], timezone: 'UTC', started: '2026-11-25T14:00Z' };
    const drafted = draftNewIncident(input, config, new Date('2026-11-25T15:00Z'));
    assert.ok(drafted.ok);
    const draft: NewIncidentDraft = drafted.draft;
    assert.deepEqual(draft.services, ['checkout', 'payments']);
    const wrong = draftNewIncident({ ...input, severity: 'SEV9' }, config, new Date());
    assert.ok(!wrong.ok);
    const problem: NewIncidentProblem = wrong.problem;
    assert.equal(problem.field, 'severity');
    assert.match(severityProblem('SEV9', config) ?? '', /not a configured severity/);
    assert.equal(titleProblem('One line'), undefined);
    assert.deepEqual(splitServices(['a, b', 'c']), ['a', 'b', 'c']);
  });

  it("checks a report's filters", () => {
    assert.deepEqual(readIncidentFilters({ since: '2026-01-01', services: ['checkout'] }), { ok: true, filters: { since: '2026-01-01', services: ['checkout'] } });
    const read = readIncidentFilters({ since: '2026-02-01', until: '2026-01-01' });
    assert.ok(!read.ok);
    const problem: FilterProblem = read.problem;
    assert.equal(problem.kind, 'empty-range');
    assert.equal(unknownSeverity({ severities: ['SEV2'] }, ['SEV1', 'SEV2']), undefined);
    assert.equal(unknownSeverity({ severities: ['SEV9'] }, ['SEV1', 'SEV2'])?.kind, 'unknown-severity');
  });
});

describe("the library's declarations", () => {
  it('name no package but the ones the packed declaration file has written in (scripts/bundle-types.mjs)', () => {
    // The package installs with no dependencies: a type the declarations import from any other package would not resolve,
    // so the packed dist/index.d.ts holds their types (package.test checks a user's type check of it).
    const named = new Map<string, string>();
    const queue = [join(ROOT, 'dist', 'index.d.ts')];
    const seen = new Set<string>();
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      if (seen.has(file)) continue;
      seen.add(file);
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
        if (specifier!.startsWith('.')) {
          const declaration = join(dirname(file), specifier!.replace(/\.js$/, '.d.ts'));
          assert.ok(existsSync(declaration), `${file} imports ${specifier}, which has no declaration`);
          queue.push(declaration);
        } else if (!specifier!.startsWith('node:')) named.set(specifier!.split('/').slice(0, specifier!.startsWith('@') ? 2 : 1).join('/'), file);
      }
    }
    assert.ok(seen.size > 30, `only ${seen.size} declaration files reached from dist/index.d.ts`);
    assert.deepEqual([...named.keys()].sort(), ['@sinclair/typebox', 'mdast', 'yaml'], JSON.stringify(Object.fromEntries(named)));
    const script = readFileSync(join(ROOT, 'scripts', 'bundle-types.mjs'), 'utf8');
    for (const name of named.keys()) assert.ok(script.includes(`'${name}'`), `scripts/bundle-types.mjs writes in the types of ${name}`);
  });
});
