import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { ResolvedConfig } from '../src/config/config.js';
import { compareDiagnostics } from '../src/diagnostics/diagnostic.js';
import { draftImport, type ImportChoices } from '../src/import/draft-import.js';
import type { ImportOptions } from '../src/import/import-source.js';
import type { ImportResult } from '../src/import/imported-incident.js';
import { type SourceArgs, readSourceOptions } from '../src/import/source-options.js';
import { parseJsonDocument } from '../src/import/json-document.js';
import { mergeEvents } from '../src/import/merge-incident.js';
import { IMPORT_SOURCES } from '../src/import/sources/index.js';
import { importedIncidentText } from '../src/import/write-incident.js';
import { checkIncidentSource } from '../src/pipeline/check-incident.js';
import { parseTimestamp } from '../src/time/timestamp.js';
import { FIXTURES, expectFile, fixtureConfig } from './helpers.js';

/**
 * Fixture folders, one case each, for every source:
 *   import/<source>/<case>/input.json (or input/, a folder, for a source that reads a path)
 *   import/<source>/<case>/options.json: the command line, camelCase, as `SourceArgs` and `ImportChoices`
 *     ({ "incident": "…", "channel": "…", "all": true, "since": "2024-03-04", "severity": "SEV2",
 *        "severityMap": ["major=SEV2"], "timezone": "…", "title": "…" }), read as the command reads it
 *   → expected.yaml, the new incident file, which must be valid;
 *   → or expected-diagnostics.json, when the input is refused: its diagnostics, or the usage message;
 *     beside expected.yaml, the warnings (what the source gave that the file leaves out).
 * An optional config.yaml beside them is the configuration. A new source adds folders, nothing else;
 * UPDATE_FIXTURES=1 writes the expected files, to be reviewed with `git diff`.
 */
const ROOT = join(FIXTURES, 'import');

async function importCase(source: (typeof IMPORT_SOURCES)[number], folder: string, options: ImportOptions): Promise<ImportResult> {
  if (source.input === 'path') return source.read({ path: join(folder, 'input'), display: 'input' }, options);
  const parsed = parseJsonDocument(readFileSync(join(folder, 'input.json'), 'utf8'), 'input.json');
  return parsed.ok ? source.read(parsed.document, options) : { ok: false, diagnostics: parsed.diagnostics };
}

function newFileText(result: Extract<ImportResult, { ok: true }>, choices: ImportChoices, config: ResolvedConfig): string {
  const drafted = draftImport(result.incident, choices, config);
  assert.ok(drafted.ok, JSON.stringify(drafted));
  const { title, severity, timezone, id } = drafted.draft;
  assert.ok(title !== undefined && severity !== undefined, 'the case gives (or maps) a title and a severity');
  return importedIncidentText(result.incident, { title, severity, timezone, id: id ?? 'imported' }, config).text;
}

for (const source of IMPORT_SOURCES) {
  const folder = join(ROOT, source.name);
  const cases = existsSync(folder) ? readdirSync(folder).filter((name) => existsSync(join(folder, name, 'options.json'))).sort() : [];
  describe(`import ${source.name}: fixtures`, () => {
    it('has a case it writes and one it refuses', () => {
      assert.ok(cases.some((name) => existsSync(join(folder, name, 'expected.yaml'))), `no expected.yaml in ${folder}`);
      assert.ok(cases.some((name) => !existsSync(join(folder, name, 'expected.yaml'))), `no refused case in ${folder}`);
    });
    for (const name of cases) {
      it(name, async () => {
        const here = join(folder, name);
        const options = JSON.parse(readFileSync(join(here, 'options.json'), 'utf8')) as SourceArgs & ImportChoices;
        const config = await fixtureConfig(here);
        const read = readSourceOptions(options, source.options, options.timezone ?? config.timezone, source.name);
        assert.ok(read.ok, JSON.stringify(read));
        const result = await importCase(source, here, read.options);
        // Warnings (what was left out) are checked too, so a case with any has the file.
        if (!result.ok || result.warnings.length > 0 || existsSync(join(here, 'expected-diagnostics.json'))) {
          const refused = result.ok ? { warnings: result.warnings } : { diagnostics: [...result.diagnostics].sort(compareDiagnostics), ...(result.usage ? { usage: result.usage } : {}) };
          const { expected, actual } = expectFile(join(here, 'expected-diagnostics.json'), `${JSON.stringify(refused, null, 2)}\n`);
          assert.equal(actual, expected);
          if (!result.ok) return;
        }
        if (result.incident.events.length === 0) {
          // `import` writes no file without a timeline (see writeImportedIncident).
          assert.ok(!existsSync(join(here, 'expected.yaml')), 'a case without events has no expected.yaml');
          return;
        }
        const text = newFileText(result, options, config);
        const { expected, actual } = expectFile(join(here, 'expected.yaml'), text);
        assert.equal(actual, expected);
        const errors = checkIncidentSource({ path: 'expected.yaml', text }, config).diagnostics.filter((d) => d.severity === 'error');
        assert.deepEqual(errors, [], 'the new file validates');
        // Importing the same input into it adds nothing and changes no byte.
        const again = mergeEvents(result.incident.events, config.timezone)(text);
        assert.ok(again.ok && again.text === text && again.result.added === 0 && again.result.conflicts.length === 0, JSON.stringify(again.ok ? again.result : again));
        // Every imported time reads back as the instant the source gave.
        const data = parse(text) as { timezone: string; timeline: { at: string; 'x-source-id'?: string }[] };
        for (const event of data.timeline) {
          const imported = result.incident.events.find((candidate) => candidate.sourceId === event['x-source-id']);
          if (!imported) continue;
          const read = parseTimestamp(event.at, data.timezone);
          assert.ok(read.ok && read.time.instant === imported.instant, `${event.at} in ${data.timezone} is not ${new Date(imported.instant).toISOString()}`);
        }
      });
    }
  });
}
