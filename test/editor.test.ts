import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ResolvedConfig } from '../src/config/config.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { RULES, type RuleId } from '../src/diagnostics/rules.js';
import { checkIncidentSource } from '../src/pipeline/check-incident.js';
import { schemaForConfig, schemaText } from '../src/schema/schema-for-config.js';
import { decodeSource } from '../src/source/source-file.js';
import { EditorSession, type LspDiagnostic } from './editor-session.js';
import { FIXTURES, ROOT, fixtureConfig, tempDir } from './helpers.js';

/**
 * Our JSON Schema in a real editor back end: yaml-language-server (what the
 * VS Code YAML extension, Neovim, Helix, Zed… run), driven over LSP by
 * ./editor-session.ts.
 */

// ---------------------------------------------------------------------------
// Which CLI rules an editor using the schema can report too.

/**
 * Rules the JSON Schema expresses (keys, types, enums, patterns, ranges, what
 * `final` requires) or that yaml-language-server's own YAML parser reports.
 * `unknown-severity` is here because the schema lists the configured levels
 * (`postmortem schema`); `final-requires` only in part, see below.
 */
const EDITOR_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'required-key',
  'unknown-key',
  'wrong-type',
  'invalid-value',
  'invalid-format',
  'out-of-range',
  'empty-list',
  'not-a-mapping',
  'unknown-severity',
  'yaml-syntax',
  'yaml-tab-indent',
  'yaml-duplicate-key',
]);

/** Rules the schema checks in part: which of their diagnostics it can express. */
const PARTLY_EDITOR: Partial<Record<RuleId, (diagnostic: Diagnostic) => boolean>> = {
  // The schema requires `root_cause` when final; at least one lesson is the CLI's check.
  'final-requires': (diagnostic) => diagnostic.message.includes('`root_cause`'),
};

/** Everything else only the CLI checks; docs/editor.md's "What only the CLI checks" lists exactly these. */
const CLI_ONLY_RULES = (Object.keys(RULES) as RuleId[]).filter((rule) => !EDITOR_RULES.has(rule));

const editorCanReport = (diagnostic: Diagnostic) =>
  EDITOR_RULES.has(diagnostic.rule as RuleId) || (PARTLY_EDITOR[diagnostic.rule as RuleId]?.(diagnostic) ?? false);

/**
 * Fixtures where yaml-language-server's verdict differs from the CLI's, or
 * where it catches a CLI-only problem for a reason of its own. The test checks
 * that each still behaves as recorded here, so the list (and docs/editor.md) stay true.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, { editorSaysInvalid: boolean; why: string }>> = {
  'valid/yaml-1-1-directive': {
    editorSaysInvalid: true,
    why: 'the server honours `%YAML 1.1`: it reads `no`/`yes`/`off` as booleans and cannot resolve `!!timestamp`; FORMAT.md says the directive changes nothing',
  },
  'invalid/yaml-tag--custom': {
    editorSaysInvalid: true,
    why: 'the server reports a tag it does not know (`!secret`) as an error unless it is listed in `yaml.customTags`; the CLI ignores it with a `yaml-tag` warning',
  },
  'invalid/yaml-alias--markdown-emphasis': {
    editorSaysInvalid: true,
    why: 'an alias with no anchor (`*Rollback*` meant as emphasis) is a YAML error for the server too; an alias to a real anchor is not',
  },
  'invalid/yaml-complex-key': {
    editorSaysInvalid: true,
    why: 'the server refuses a list as a key too, as a property the schema does not allow (its message reads "Property {0} is not allowed")',
  },
  'invalid/unknown-key--empty': {
    editorSaysInvalid: false,
    why: 'the server skips an empty key (`: value`), which the CLI reports as an unknown key',
  },
  'invalid/line-endings--stray-cr': {
    editorSaysInvalid: true,
    why: 'the server reads the stray CR into the title, which the schema then refuses as text of more than one line',
  },
  'invalid/yaml-too-deep': {
    editorSaysInvalid: true,
    why: "the server's YAML parser runs out of stack on the thousand nested brackets and reports that as an error",
  },
  'invalid/yaml-multiple-documents': {
    editorSaysInvalid: true,
    why: 'the server checks each document against the schema, and this second one lacks required keys',
  },
};

// ---------------------------------------------------------------------------
// The fixtures, as the CLI and as the editor see them.

interface Case {
  /** `valid/<name>` or `invalid/<name>`. */
  key: string;
  folder: string;
  /** The virtual document: a file in a project's `incidents/` folder, never written. */
  uri: string;
  /** What an editor would show: the bytes decoded as UTF-8, without a byte-order mark. */
  text: string;
  config: ResolvedConfig;
  hasConfig: boolean;
}

const KINDS = ['valid', 'invalid'] as const;
const CASES: Omit<Case, 'uri' | 'config'>[] = KINDS.flatMap((kind) =>
  readdirSync(join(FIXTURES, kind))
    .filter((name) => existsSync(join(FIXTURES, kind, name, 'input.yaml')))
    .sort()
    .map((name) => {
      const folder = join(FIXTURES, kind, name);
      return {
        key: `${kind}/${name}`,
        folder,
        text: new TextDecoder('utf-8').decode(readFileSync(join(folder, 'input.yaml'))),
        hasConfig: existsSync(join(folder, 'config.yaml')),
      };
    }),
);

/** The CLI's diagnostics for a fixture, from the library, as test/fixtures.test.ts gets them. */
function cliDiagnostics(folder: string, config: ResolvedConfig): Diagnostic[] {
  const decoded = decodeSource(readFileSync(join(folder, 'input.yaml')), 'input.yaml');
  if (!decoded.ok) return decoded.diagnostics.list;
  return [...checkIncidentSource(decoded.source, config).diagnostics];
}

const COMMITTED_SCHEMA = join(ROOT, 'schema', 'incident.schema.json');
const isError = (diagnostic: LspDiagnostic) => diagnostic.severity === undefined || diagnostic.severity === 1;
const describeLsp = (diagnostics: LspDiagnostic[]) =>
  diagnostics.map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('\n') || '  (none)';

it('docs/editor.md lists exactly the rules only the CLI checks', () => {
  const page = readFileSync(join(ROOT, 'docs', 'editor.md'), 'utf8');
  // The list ends at the first blank line that no item continues, or with the section.
  const section = `${page.split('\n## What only the CLI checks\n')[1]?.split('\n## ')[0] ?? ''}\n`;
  const list = /Only the CLI checks these rules[\s\S]*?\n\n([\s\S]*?)\n\n(?!- | {2})/.exec(section)?.[1] ?? '';
  assert.ok(list, 'docs/editor.md has the list under "What only the CLI checks"');
  const listed = [...list.matchAll(/`([a-z0-9-]+)`/g)].map((match) => match[1]!).filter((word) => word in RULES);
  assert.deepEqual([...listed].sort(), [...CLI_ONLY_RULES].sort());
});

describe('yaml-language-server with our JSON Schema', { timeout: 90_000 }, () => {
  let editor: EditorSession | undefined;
  let scratch = '';
  const cases: Case[] = [];
  const editorDiagnostics = new Map<string, LspDiagnostic[]>();
  /** A project with its own severities, for completion. */
  let customProject = '';

  before(async () => {
    scratch = tempDir('postmortem-editor-');
    const schemas: Record<string, string[]> = {
      // Files of this repository, and those of the fixtures without a configuration of their own.
      [pathToFileURL(COMMITTED_SCHEMA).href]: ['*.yaml', `!${scratch}/**`],
    };
    for (const fixture of CASES) {
      const config = await fixtureConfig(fixture.folder);
      let uri: string;
      if (fixture.hasConfig) {
        // A project with its own severities uses the schema `postmortem schema --out` writes for it.
        const project = join(scratch, fixture.key.replace('/', '--'));
        mkdirSync(join(project, 'schema'), { recursive: true });
        const schemaFile = join(project, 'schema', 'incident.schema.json');
        writeFileSync(schemaFile, schemaText(await schemaForConfig('incident', config)));
        schemas[pathToFileURL(schemaFile).href] = [`${project}/incidents/*.yaml`];
        uri = pathToFileURL(join(project, 'incidents', 'input.yaml')).href;
        if (fixture.key === 'valid/custom-config') customProject = project;
      } else {
        // Beside the repository's own incidents, so the samples' modeline `$schema=../schema/incident.schema.json` resolves.
        uri = pathToFileURL(join(ROOT, 'incidents', `fixture--${fixture.key.replace('/', '--')}.yaml`)).href;
      }
      cases.push({ ...fixture, uri, config });
    }
    assert.ok(customProject, 'the valid/custom-config fixture is needed for the completion test');
    editor = await EditorSession.start({
      validate: true,
      hover: true,
      completion: true,
      schemaStore: { enable: false },
      schemas,
    });
    // Open everything at once, then wait for every document's diagnostics. The settings are in
    // place by now (both pulls were answered before the first didOpen was sent), so the first
    // diagnostics published for a document are its verdict.
    const published = await Promise.all(cases.map((fixture) => editor!.open(fixture.uri, fixture.text)));
    cases.forEach((fixture, index) => editorDiagnostics.set(fixture.key, published[index]!));
  });

  after(async () => {
    await editor?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  for (const fixture of CASES) {
    it(`${fixture.key}: same verdict as the CLI where the schema can tell`, () => {
      const current = cases.find((c) => c.key === fixture.key)!;
      const cli = cliDiagnostics(current.folder, current.config);
      const cliErrors = cli.filter((d) => d.severity === 'error');
      const lsp = editorDiagnostics.get(fixture.key) ?? [];
      const editorSaysInvalid = lsp.some(isError);
      const report = `CLI: ${cli.map((d) => `${d.severity} ${d.rule}`).join(', ') || 'no problems'}\nyaml-language-server:\n${describeLsp(lsp)}`;
      const known = KNOWN_DIFFERENCES[fixture.key];
      if (known) {
        assert.equal(editorSaysInvalid, known.editorSaysInvalid, `recorded as: ${known.why}\n${report}`);
      } else if (cliErrors.length === 0 || cliErrors.some(editorCanReport)) {
        // Valid files, and files with a problem the schema (or YAML itself) expresses: the same verdict.
        assert.equal(editorSaysInvalid, cliErrors.length > 0, report);
      } else {
        // Only CLI-only rules fail: the editor sees nothing wrong; that is what docs/editor.md says.
        assert.ok(cliErrors.every((d) => CLI_ONLY_RULES.includes(d.rule as RuleId)), report);
        assert.equal(editorSaysInvalid, false, report);
      }
    });
  }

  it('every CLI-only rule with an invalid fixture is shown to pass the editor', () => {
    const shown = new Set<string>();
    for (const fixture of cases) {
      if (KNOWN_DIFFERENCES[fixture.key] || editorDiagnostics.get(fixture.key)?.some(isError)) continue;
      for (const d of cliDiagnostics(fixture.folder, fixture.config)) if (CLI_ONLY_RULES.includes(d.rule as RuleId)) shown.add(d.rule);
    }
    // Rules about files as a whole or the run (size, reading, ids across files, templates, output, formatting, the tool's own bugs, init's package.json) have no fixture here.
    const untestable = ['file-too-large', 'file-unreadable', 'duplicate-id', 'unknown-related', 'template-error', 'template-layout', 'output-unwritable', 'output-symlink', 'yaml-multiple-documents', 'not-formatted', 'format-failed', 'publish-not-ours', 'publish-manifest-invalid', 'publish-manifest-outside', 'publish-page-edited', 'internal-error', 'package-json-invalid', 'config-ignored', 'json-syntax', 'import-unreadable', 'import-shape', 'import-conflict', 'import-empty'];
    const missing = CLI_ONLY_RULES.filter((rule) => !shown.has(rule) && !untestable.includes(rule));
    assert.deepEqual(missing, []);
  });

  it('hover on `severity` shows its title, description and the levels with their meanings', async () => {
    const sample = cases.find((c) => c.key === 'valid/sample-2022-10-25-messaging-outage')!;
    const line = sample.text.split('\n').findIndex((l) => l.startsWith('severity:'));
    const hover = await editor!.hover(sample.uri, { line, character: 2 });
    const value = hover && !Array.isArray(hover.contents) && typeof hover.contents !== 'string' ? hover.contents.value : '';
    assert.match(value, /#### Severity/);
    assert.match(value, /One of the configured severity levels/);
    assert.match(value, /`SEV1`: Critical, widespread customer impact/);
  });

  it('completion after `status: ` offers draft, review and final', async () => {
    const uri = pathToFileURL(join(ROOT, 'incidents', 'fixture--completion-status.yaml')).href;
    const text = 'id: completion\ntitle: Completion\nstatus: \nseverity: SEV2\n';
    await editor!.open(uri, text);
    const items = await editor!.completion(uri, { line: 2, character: 'status: '.length });
    assert.deepEqual(items.map((item) => item.label).sort(), ['draft', 'final', 'review']);
  });

  it('completion of a top-level key offers `related`, with its description', async () => {
    const uri = pathToFileURL(join(ROOT, 'incidents', 'fixture--completion-related.yaml')).href;
    const text = 'id: completion\ntitle: Completion\nrel\n';
    await editor!.open(uri, text);
    const items = await editor!.completion(uri, { line: 2, character: 'rel'.length });
    const related = items.find((item) => item.label === 'related');
    assert.ok(related, `no \`related\` among ${items.map((item) => item.label).join(', ')}`);
    const documentation = typeof related.documentation === 'string' ? related.documentation : related.documentation?.value;
    assert.match(documentation ?? '', /Other incidents this one is linked to/);
  });

  it('completion after `severity: ` offers the configured levels, with the schema `postmortem schema` writes', async () => {
    const uri = pathToFileURL(join(customProject, 'incidents', 'completion-severity.yaml')).href;
    const text = 'id: completion\ntitle: Completion\nseverity: \n';
    await editor!.open(uri, text);
    const items = await editor!.completion(uri, { line: 2, character: 'severity: '.length });
    assert.deepEqual(items.map((item) => item.label).sort(), ['critical', 'major', 'minor']);
    const critical = items.find((item) => item.label === 'critical');
    const documentation = typeof critical?.documentation === 'string' ? critical.documentation : critical?.documentation?.value;
    assert.equal(documentation, 'Customers cannot use the product');
  });
});
