import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Parser, isMap, isSeq, parseDocument } from 'yaml';
import { formatIncidentSource } from '../src/authoring/format-incident.js';
import {
  ACTION_ITEM_ORDER,
  EVENT_ORDER,
  IMPACT_ORDER,
  INCIDENT_ORDER,
  type KeyOrder,
  LESSONS_ORDER,
  LINK_ORDER,
  METRIC_ORDER,
  SLO_ORDER,
} from '../src/authoring/key-order.js';
import type { ResolvedConfig } from '../src/config/config.js';
import { checkIncidentSource } from '../src/pipeline/check-incident.js';
import { renderPostmortem } from '../src/render/render-postmortem.js';
import { loadTemplates } from '../src/render/templates.js';
import { ActionItem } from '../src/schema/action-item-schema.js';
import { Impact, Metric, Slo } from '../src/schema/impact-schema.js';
import { IncidentSchema, Lessons, Link } from '../src/schema/incident-schema.js';
import { TimelineEvent } from '../src/schema/timeline-schema.js';
import { parseYaml } from '../src/source/parse-yaml.js';
import { BIN, FIXTURES, ROOT, expectFile, fixtureConfig, runBinary, runCli, tempDir } from './helpers.js';

/** Inputs whose YAML `fmt` must leave alone (the rules of `BLOCKING_RULES`). */
const UNTOUCHED = new Set(['line-endings', 'yaml-syntax', 'yaml-tab-indent', 'yaml-too-deep', 'yaml-alias', 'yaml-complex-key', 'yaml-multiple-documents', 'not-a-mapping']);

interface Sample {
  /** As shown in test names. */
  name: string;
  path: string;
  /** The folder whose config.yaml applies. */
  folder: string;
  /** For an invalid fixture, the rule it exercises. */
  rule?: string;
}

function fixtureSamples(kind: 'valid' | 'invalid' | 'fmt'): Sample[] {
  return readdirSync(join(FIXTURES, kind))
    .filter((name) => existsSync(join(FIXTURES, kind, name, 'input.yaml')))
    .sort()
    .map((name) => ({
      name: `${kind}/${name}`,
      path: join(FIXTURES, kind, name, 'input.yaml'),
      folder: join(FIXTURES, kind, name),
      ...(kind === 'invalid' ? { rule: name.split('--')[0]! } : {}),
    }));
}

const INCIDENTS = join(ROOT, 'incidents');
const incidentSamples: Sample[] = readdirSync(INCIDENTS)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => ({ name: `incidents/${name}`, path: join(INCIDENTS, name), folder: INCIDENTS }));

const SAMPLES = [...fixtureSamples('valid'), ...fixtureSamples('invalid'), ...fixtureSamples('fmt'), ...incidentSamples];

/** The file's text with its byte-order mark, or `undefined` when it is not UTF-8 (the file-encoding fixture). */
function readText(path: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(path));
  } catch {
    return undefined;
  }
}

async function configOf(sample: Sample): Promise<ResolvedConfig> {
  return fixtureConfig(sample.folder);
}

/**
 * Every comment, found in the parser's concrete syntax tree (independently of
 * the lexer-based check inside the formatter); sorted, so two lists compare
 * as multisets.
 */
function cstComments(text: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (value !== null && typeof value === 'object') {
      const token = value as { type?: unknown; source?: unknown };
      if (token.type === 'comment' && typeof token.source === 'string') found.push(token.source.slice(1).trimEnd());
      else for (const inner of Object.values(value)) walk(inner);
    }
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found.sort();
}

/** The data, with the timeline as a multiset: `deepStrictEqual` already ignores key order. */
function dataOf(text: string): unknown {
  const data = parseYaml({ path: 'input.yaml', text: text.replace(/^\uFEFF/, '') }).data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const record = data as Record<string, unknown>;
  if (!Array.isArray(record.timeline)) return record;
  const timeline = [...(record.timeline as unknown[])].sort((a, b) => (sortedJson(a) < sortedJson(b) ? -1 : 1));
  return { ...record, timeline };
}

/** JSON with every object's keys sorted. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );
}

/** The top-level keys the Fields table of FORMAT.md names, in its order (`impact.slo` is `impact`, `.lucky` is left out). */
function tableFields(format: string): string[] {
  const section = /\n## Fields\n([\s\S]*?)\n## /.exec(format)?.[1] ?? '';
  const names: string[] = [];
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    const cell = row.split(' | ')[0]!;
    for (const [, name] of cell.matchAll(/`([a-z_]+)[^`]*`/g)) if (!names.includes(name!)) names.push(name!);
  }
  return names;
}

/** The top-level keys of a YAML text, in order. */
function keysOf(text: string, path: (string | number)[] = []): string[] {
  const node = path.length ? parseDocument(text).getIn(path, true) : parseDocument(text).contents;
  assert.ok(isMap(node), `no mapping at ${path.join('.')}`);
  return node.items.map((pair) => String((pair.key as { value: unknown }).value));
}

describe('fmt on every fixture and sample', () => {
  for (const sample of SAMPLES) {
    it(sample.name, async () => {
      const text = readText(sample.path);
      if (text === undefined) {
        assert.equal(sample.rule, 'file-encoding');
        return;
      }
      const { timezone } = await configOf(sample);
      const first = formatIncidentSource({ path: 'input.yaml', text }, { zone: timezone });
      if (sample.rule !== undefined && UNTOUCHED.has(sample.rule)) {
        assert.ok(!first.ok, 'a file with this problem must be left alone');
        assert.ok(
          first.diagnostics.some((d) => d.rule === sample.rule),
          `expected a ${sample.rule} diagnostic, got ${JSON.stringify(first.diagnostics)}`,
        );
        return;
      }
      assert.ok(first.ok, `not formatted: ${JSON.stringify(!first.ok && first.diagnostics)}`);

      const second = formatIncidentSource({ path: 'input.yaml', text: first.text }, { zone: timezone });
      assert.ok(second.ok);
      assert.equal(second.text, first.text, 'fmt(fmt(x)) differs from fmt(x)');
      assert.equal(second.changed, false);

      assert.deepEqual(cstComments(first.text), cstComments(text), 'the comments differ');
      assert.deepStrictEqual(dataOf(first.text), dataOf(text), 'the data differs');
      assert.equal(first.text.startsWith('\uFEFF'), text.startsWith('\uFEFF'), 'byte-order mark');
      assert.equal(first.text.includes('\r\n'), text.includes('\r\n'), 'line endings');
    });
  }
});

describe('fmt keeps what valid incidents render to', async () => {
  const loaded = await loadTemplates();
  assert.ok(loaded.ok);
  const valid = [...fixtureSamples('valid'), ...incidentSamples];
  for (const sample of valid) {
    it(sample.name, async () => {
      const config = await configOf(sample);
      const text = readText(sample.path)!;
      const formatted = formatIncidentSource({ path: 'input.yaml', text }, { zone: config.timezone });
      assert.ok(formatted.ok);
      const before = checkIncidentSource({ path: 'input.yaml', text: text.replace(/^\uFEFF/, '') }, config);
      const after = checkIncidentSource({ path: 'input.yaml', text: formatted.text.replace(/^\uFEFF/, '') }, config);
      assert.ok(before.value && after.value, JSON.stringify(after.diagnostics));
      assert.equal(renderPostmortem(after.value, loaded.templates), renderPostmortem(before.value, loaded.templates));
      // The same warnings, except that the timeline is now in order.
      const rules = (list: typeof before.diagnostics) => [...new Set(list.map((d) => d.rule))].sort();
      assert.deepEqual(rules(after.diagnostics), rules(before.diagnostics).filter((rule) => rule !== 'timeline-order'));
    });
  }
});

describe('fmt fixtures: input.yaml formats to expected.yaml', () => {
  for (const sample of fixtureSamples('fmt')) {
    it(sample.name, () => {
      const text = readFileSync(sample.path, 'utf8');
      const result = formatIncidentSource({ path: 'input.yaml', text }, { zone: 'UTC' });
      assert.ok(result.ok);
      const { expected, actual } = expectFile(join(sample.folder, 'expected.yaml'), result.text);
      assert.equal(actual, expected);
    });
  }
});

describe('canonical form', () => {
  const format = (path: string): string => {
    const result = formatIncidentSource({ path: 'input.yaml', text: readFileSync(join(FIXTURES, 'fmt', path), 'utf8') }, { zone: 'UTC' });
    assert.ok(result.ok);
    return result.text;
  };

  it('puts keys in FORMAT.md order at every level, then x- keys, then unknown keys', () => {
    const text = format('scrambled/input.yaml');
    const top = keysOf(text);
    const known = INCIDENT_ORDER.keys.filter((key) => top.includes(key));
    assert.deepEqual(top, [...known, 'x-reviewed-by', 'x-jira', 'reviewers']);
    assert.deepEqual(keysOf(text, ['impact']), IMPACT_ORDER.keys);
    assert.deepEqual(keysOf(text, ['impact', 'slo']), SLO_ORDER.keys);
    assert.deepEqual(keysOf(text, ['impact', 'metrics', 0]), METRIC_ORDER.keys);
    assert.deepEqual(keysOf(text, ['action_items', 0]), ACTION_ITEM_ORDER.keys);
    assert.deepEqual(keysOf(text, ['lessons']), LESSONS_ORDER.keys);
    assert.deepEqual(keysOf(text, ['links', 0]), LINK_ORDER.keys);
    assert.deepEqual(keysOf(text, ['timeline', 4]), EVENT_ORDER.keys);
    assert.deepEqual(keysOf(text, ['timeline', 2]), ['at', 'kind', 'text', 'x-pager']);
    // `roles` keeps the order it was written in.
    assert.deepEqual(keysOf(text, ['roles']), ['scribe', 'incident_commander']);
  });

  it('sorts the timeline by instant, stably for equal times, across offsets', () => {
    const text = format('scrambled/input.yaml');
    const timeline = parseDocument(text).get('timeline');
    assert.ok(isSeq(timeline));
    const texts = (timeline.toJSON() as { text: string }[]).map((event) => event.text);
    assert.deepEqual(texts, [
      'Configuration pushed.',
      'At 10:04, written first among equal times.',
      'At 10:04 (08:04Z), written second among equal times.',
      'At 10:04, written third among equal times.',
      'Configuration rolled back.',
      'Errors back to baseline.',
    ]);
  });

  it('leaves the timeline in written order when a time cannot be read, and still formats the rest', () => {
    const text = format('unreadable-time/input.yaml');
    assert.deepEqual(keysOf(text).slice(0, 2), ['id', 'title']);
    const timeline = parseDocument(text).get('timeline');
    assert.ok(isSeq(timeline));
    assert.deepEqual(
      (timeline.toJSON() as { at: string }[]).map((event) => event.at),
      ['2024-07-01 10:25', '2024-07-01 10', '2024-07-01 10:00'],
    );
  });

  it('quotes only where YAML needs it, keeps numbers and wrapped text as written', () => {
    const text = format('scrambled/input.yaml');
    assert.match(text, /^id: 2024-07-01-checkout-errors$/m);
    assert.match(text, /^title: "Checkout errors: gateway timeout"$/m);
    assert.match(text, /^timezone: Europe\/Berlin$/m);
    assert.match(text, /^authors: \[Priya Natarajan\]$/m);
    // Text a YAML 1.1 reader would take for a boolean stays quoted.
    assert.match(text, /^ {2}went_well: \["yes", "no", On-call engineer paged within 4 minutes\]$/m);
    assert.match(text, /^ {6}value: 1e3$/m);
    assert.match(text, /^ {4}objective: 99\.90$/m);
    assert.match(text, /^ {6}unit: "%"$/m);
    assert.match(text, /^root_cause: >\n {2}The new configuration set the gateway timeout to 50 ms,\n {2}below the p50 latency/m);
    assert.match(text, /^ {2}description: \|\n {4}About 8% of checkouts failed\.\n/m);
    // A flow mapping becomes a block; a flow list of one-line text stays a flow list.
    assert.match(text, /^ {2}slo:\n {4}name: Checkout availability$/m);
    assert.match(text, /^regions: \[eu-west-1, eu-central-1\]$/m);
    assert.doesNotMatch(text, /'/);
  });

  it('keeps a tab in one-line text written as `\\t`, never raw in a plain scalar; a block keeps its tabs', () => {
    const text = 'id: tabs\ntitle: "Tab\\there"\nservices: ["a\\tb", plain]\nsummary: "Line one\\twith a tab\\nline two"\nx-raw: raw\ttab\n';
    const result = formatIncidentSource({ path: 'tabs.yaml', text }, { zone: 'UTC' });
    assert.ok(result.ok);
    assert.match(result.text, /^title: "Tab\\there"$/m);
    assert.match(result.text, /^services: \["a\\tb", plain\]$/m);
    assert.match(result.text, /^x-raw: "raw\\ttab"$/m);
    assert.match(result.text, /^summary: \|-\n {2}Line one\twith a tab\n {2}line two$/m);
    // Read back, every value is what it was.
    assert.deepEqual(parseDocument(result.text).toJS(), parseDocument(text).toJS());
  });

  it('keeps every comment where it belongs', () => {
    const input = readFileSync(join(FIXTURES, 'fmt', 'comments', 'input.yaml'), 'utf8');
    const text = format('comments/input.yaml');
    assert.equal(cstComments(text).length, 28);
    assert.deepEqual(cstComments(text), cstComments(input));
    const lines = text.split('\n');
    assert.match(lines[0]!, /^# yaml-language-server: \$schema=/);
    assert.equal(lines[1], 'id: 2024-07-01-checkout-errors');
    // A comment above a key, or above a timeline event, moves with it.
    assert.match(text, /^# The title is one line\.\ntitle: /m);
    assert.match(text, /^ {2}# the last event, written first\n {2}- at: 2024-07-01 10:25 {3}# checked on the dashboard$/m);
    assert.match(text, /^ {2}# how many users: a guess\n {2}users_affected: 12000$/m);
    // A comment after `key:` stays there, and one at the end of a line keeps its column where the line is unchanged.
    assert.match(text, /^summary: >- {3}# folded, with a comment on its header$/m);
    assert.match(text, /^impact: # after the impact key\n {2}description: /m);
    assert.match(text, /^ {4}owner: Payments team {3}# accountable$/m);
    assert.match(text, /^title: Checkout errors after a config push # keep it short$/m);
    // A comment continued on the next lines stays aligned under its first line.
    assert.match(text, /^timezone: UTC {12}# how times are read,\n {25}# and how they are shown$/m);
    assert.match(text, /^ {4}- The rollback took two approvals\. # too many\n {39}# \(one would do\)$/m);
    assert.match(text, /# before the end\n\n# the very end\n$/);
  });

  it('leaves FORMAT.md\'s complete example as it is', () => {
    const format = readFileSync(join(ROOT, 'docs', 'FORMAT.md'), 'utf8');
    const example = /## A complete example\n\n```yaml\n([\s\S]*?)```/.exec(format)?.[1];
    assert.ok(example);
    const result = formatIncidentSource({ path: 'example.yaml', text: example }, { zone: 'UTC' });
    assert.ok(result.ok);
    assert.equal(result.text, example);
  });

  it('keeps CRLF line endings and the byte-order mark', () => {
    const text = format('crlf-bom/input.yaml');
    assert.ok(text.startsWith('\uFEFFid: crlf-bom\r\n'));
    assert.doesNotMatch(text, /[^\r]\n/);
    const plain = formatIncidentSource(
      { path: 'input.yaml', text: readFileSync(join(FIXTURES, 'fmt', 'crlf-bom', 'input.yaml'), 'utf8').slice(1).replace(/\r\n/g, '\n') },
      { zone: 'UTC' },
    );
    assert.ok(plain.ok);
    assert.equal(text, `\uFEFF${plain.text.replace(/\n/g, '\r\n')}`);
  });

  it('leaves a file with a YAML syntax error alone, with a positioned diagnostic', () => {
    const text = readFileSync(join(FIXTURES, 'invalid', 'yaml-syntax', 'input.yaml'), 'utf8');
    const result = formatIncidentSource({ path: 'incidents/bad.yaml', text }, { zone: 'UTC' });
    assert.ok(!result.ok);
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`),
      ['incidents/bad.yaml:14:11 yaml-syntax'],
    );
  });

  it('formats a file that parses but fails validation', () => {
    const result = formatIncidentSource({ path: 'x.yaml', text: 'timeline: oops\ntitelz: 3\nid: "x"\n' }, { zone: 'UTC' });
    assert.ok(result.ok);
    assert.equal(result.text, 'id: x\ntimeline: oops\ntitelz: 3\n');
  });
});

describe('key order', () => {
  const pairs: [string, KeyOrder, { properties: Record<string, unknown> }][] = [
    ['incident', INCIDENT_ORDER, IncidentSchema],
    ['impact', IMPACT_ORDER, Impact],
    ['metric', METRIC_ORDER, Metric],
    ['slo', SLO_ORDER, Slo],
    ['event', EVENT_ORDER, TimelineEvent],
    ['lessons', LESSONS_ORDER, Lessons],
    ['action item', ACTION_ITEM_ORDER, ActionItem],
    ['link', LINK_ORDER, Link],
  ];
  for (const [name, order, schema] of pairs) {
    it(`names every ${name} property of the schema once`, () => {
      assert.deepEqual([...order.keys].sort(), Object.keys(schema.properties).sort());
    });
  }

  it('follows the complete example of docs/FORMAT.md', () => {
    const format = readFileSync(join(ROOT, 'docs', 'FORMAT.md'), 'utf8');
    const example = /## A complete example\n\n```yaml\n([\s\S]*?)```/.exec(format)?.[1];
    assert.ok(example);
    // The example leaves out `type` (FORMAT.md v2 lists it after `status` in its table) and `related`: every other key in its order.
    const shown = keysOf(example);
    assert.deepEqual(INCIDENT_ORDER.keys.filter((key) => shown.includes(key)), shown);
    assert.deepEqual(INCIDENT_ORDER.keys.filter((key) => !shown.includes(key)), ['type', 'related']);
    // A key the example leaves out goes where the Fields table lists it: right after the key the table has before it.
    const table = tableFields(format);
    assert.ok(table.includes('related'), 'the Fields table lists `related`');
    for (const key of INCIDENT_ORDER.keys.filter((name) => !shown.includes(name) && table.includes(name))) {
      assert.equal(INCIDENT_ORDER.keys[INCIDENT_ORDER.keys.indexOf(key) - 1], table[table.indexOf(key) - 1], `the key before ${key}`);
    }
    assert.deepEqual(keysOf(example, ['impact']), IMPACT_ORDER.keys);
    assert.deepEqual(keysOf(example, ['impact', 'slo']), SLO_ORDER.keys);
    assert.deepEqual(keysOf(example, ['lessons']), LESSONS_ORDER.keys);
    assert.deepEqual(keysOf(example, ['timeline', 1]), EVENT_ORDER.keys.slice(0, 4));
    assert.deepEqual(keysOf(example, ['action_items', 0]), ACTION_ITEM_ORDER.keys);
  });
});

/** A fresh project: incidents/ with the given files, no configuration. */
function project(files: Record<string, string | Buffer>): string {
  const dir = tempDir('postmortem-fmt-');
  mkdirSync(join(dir, 'incidents'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'incidents', name), text);
  return dir;
}

const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(join(dir, 'incidents')).map((name) => [name, readFileSync(join(dir, 'incidents', name), 'latin1')]));

describe('postmortem fmt (in-process)', () => {
  const scrambled = readFileSync(join(FIXTURES, 'fmt', 'scrambled', 'input.yaml'));
  const formatted = readFileSync(join(FIXTURES, 'fmt', 'scrambled', 'expected.yaml'));
  const crlf = readFileSync(join(FIXTURES, 'fmt', 'crlf-bom', 'input.yaml'));
  const bad = readFileSync(join(FIXTURES, 'invalid', 'yaml-syntax', 'input.yaml'));
  const files = { 'a-scrambled.yaml': scrambled, 'b-formatted.yaml': formatted, 'c-crlf.yaml': crlf, 'd-bad.yaml': bad };

  it('--check lists the files that would change, writes nothing, exit 1', async () => {
    const dir = project(files);
    const before = snapshot(dir);
    const result = await runCli(['fmt', '--check'], dir);
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout.split('\n').filter((line) => line.startsWith('would reformat')).join('\n'),
      'would reformat incidents/a-scrambled.yaml\nwould reformat incidents/c-crlf.yaml',
    );
    assert.match(result.stdout, /^incidents\/d-bad\.yaml:14:11: error: .* \[yaml-syntax\]$/m);
    assert.match(result.stdout, /^4 files: 2 would be reformatted, 1 already formatted, 1 not formatted\n$/m);
    assert.deepEqual(snapshot(dir), before);
  });

  it('rewrites the files that change; a file with a syntax error is reported and left byte-identical', async () => {
    const dir = project(files);
    const result = await runCli(['fmt'], dir);
    assert.equal(result.code, 1, result.stdout);
    assert.match(result.stdout, /^formatted incidents\/a-scrambled\.yaml\nformatted incidents\/c-crlf\.yaml\n/);
    assert.match(result.stdout, /^incidents\/d-bad\.yaml:14:11: error: /m);
    assert.match(result.stdout, /^4 files: 2 formatted, 1 already formatted, 1 not formatted\n$/m);
    assert.deepEqual(readFileSync(join(dir, 'incidents', 'a-scrambled.yaml')), formatted);
    assert.deepEqual(readFileSync(join(dir, 'incidents', 'b-formatted.yaml')), formatted);
    assert.deepEqual(readFileSync(join(dir, 'incidents', 'c-crlf.yaml')), readFileSync(join(FIXTURES, 'fmt', 'crlf-bom', 'expected.yaml')));
    assert.deepEqual(readFileSync(join(dir, 'incidents', 'd-bad.yaml')), bad);

    rmSync(join(dir, 'incidents', 'd-bad.yaml'));
    const check = await runCli(['fmt', '--check'], dir);
    assert.equal(check.code, 0, check.stdout);
    assert.equal(check.stdout, '3 files: 0 would be reformatted, 3 already formatted\n');
    const before = snapshot(dir);
    const again = await runCli(['fmt'], dir);
    assert.equal(again.code, 0);
    assert.equal(again.stdout, '3 files: 0 formatted, 3 already formatted\n');
    assert.deepEqual(snapshot(dir), before);
  });

  it('never formats a file into one over the 1 MiB cap: the file is left as it is, with the reason', async () => {
    // Timeline items written flush with `timeline:`; canonical form indents each of them, two bytes a line.
    const head = 'id: near-the-cap\ntitle: Near the cap\nseverity: SEV3\ntimezone: UTC\nsummary: s\nimpact:\n  description: d\ntimeline:\n';
    const event = (index: number) => `- at: 2024-01-01T00:00:00Z\n  text: event ${index} ${'x'.repeat(100)}\n`;
    let text = head + '- at: 2024-01-01T00:00:00Z\n  kind: impact-start\n  text: start\n';
    // About 8,000 events, 16 KiB under the cap: indenting them adds twice that. (The size is counted as it grows: measuring the whole text each time takes seconds.)
    for (let index = 0, size = Buffer.byteLength(text); size < 1024 * 1024 - 16 * 1024; index += 1) {
      text += event(index);
      size += Buffer.byteLength(event(index));
    }
    assert.ok(Buffer.byteLength(text) <= 1024 * 1024);
    const dir = project({ 'near-the-cap.yaml': Buffer.from(text), 'b-scrambled.yaml': scrambled });

    const check = await runCli(['fmt', '--check'], dir);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /^incidents\/near-the-cap\.yaml:1:1: error: Cannot format this file: in canonical form it would be [\d,]+ bytes, over the 1 MiB limit .* \[format-failed\]$/m);
    assert.match(check.stdout, /^would reformat incidents\/b-scrambled\.yaml$/m);

    const result = await runCli(['fmt'], dir);
    assert.equal(result.code, 1);
    assert.equal(readFileSync(join(dir, 'incidents', 'near-the-cap.yaml'), 'utf8'), text);
    assert.deepEqual(readFileSync(join(dir, 'incidents', 'b-scrambled.yaml')), formatted);
    const validate = await runCli(['validate', 'incidents/near-the-cap.yaml'], dir);
    assert.equal(validate.code, 0, `the file left alone is still valid:\n${validate.stdout.slice(0, 1_000)}`);
  });

  it('formats only the paths given', async () => {
    const dir = project(files);
    const result = await runCli(['fmt', 'incidents/a-scrambled.yaml'], dir);
    assert.equal(result.code, 0, result.stdout);
    assert.equal(result.stdout, 'formatted incidents/a-scrambled.yaml\n1 file: 1 formatted, 0 already formatted\n');
    assert.deepEqual(readFileSync(join(dir, 'incidents', 'c-crlf.yaml')), crlf);
    const missing = await runCli(['fmt', 'incidents/nope.yaml'], dir);
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /^incidents\/nope\.yaml:1:1: error: No such file or folder \[file-unreadable\]$/m);
  });

  it('writes under the lock that log and resolve take, taking over a stale one', async () => {
    const dir = project({ 'a-scrambled.yaml': scrambled });
    const lock = join(dir, 'incidents', 'a-scrambled.yaml.lock');
    mkdirSync(lock);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, minuteAgo, minuteAgo);
    const result = await runCli(['fmt'], dir);
    assert.equal(result.code, 0, result.stdout);
    assert.deepEqual(readFileSync(join(dir, 'incidents', 'a-scrambled.yaml')), formatted);
    assert.ok(!existsSync(lock), 'the lock is released');
  });

  it('--format github annotates the files that would change', async () => {
    const dir = project(files);
    const result = await runCli(['fmt', '--check', '--format', 'github'], dir);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^::error file=incidents\/a-scrambled\.yaml,line=1,col=1,endLine=1,endColumn=1,title=postmortem not-formatted::File is not in canonical form%0A/m);
    assert.match(result.stdout, /^::error file=incidents\/d-bad\.yaml,line=14,col=11,.*title=postmortem yaml-syntax::/m);
    assert.doesNotMatch(result.stdout, /file=incidents\/b-formatted\.yaml/);
  });

  it('--format json gives each file its status', async () => {
    const dir = project(files);
    const result = await runCli(['fmt', '--check', '--format', 'json'], dir);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as { files: { file: string; status: string }[]; diagnostics: { rule: string }[]; summary: unknown };
    assert.deepEqual(
      report.files.map((f) => `${f.file} ${f.status}`),
      [
        'incidents/a-scrambled.yaml would-reformat',
        'incidents/b-formatted.yaml unchanged',
        'incidents/c-crlf.yaml would-reformat',
        'incidents/d-bad.yaml failed',
      ],
    );
    assert.deepEqual(report.diagnostics.map((d) => d.rule), ['yaml-syntax']);
    assert.deepEqual(report.summary, { files: 4, changed: 2, unchanged: 1, failed: 1 });
  });
});

describe('postmortem fmt (built binary)', () => {
  it('--check exits 1 and lists the file; after fmt, --check exits 0 and fmt changes no byte', () => {
    assert.ok(existsSync(BIN), 'run `npm run build` first');
    const dir = tempDir('postmortem-fmt-bin-');
    cpSync(INCIDENTS, join(dir, 'incidents'), { recursive: true });
    writeFileSync(join(dir, 'incidents', 'scrambled.yaml'), readFileSync(join(FIXTURES, 'fmt', 'scrambled', 'input.yaml')));

    const check = runBinary(['fmt', '--check'], dir);
    assert.equal(check.code, 1, check.stderr);
    assert.match(check.stdout, /^would reformat incidents\/scrambled\.yaml$/m);

    const fmt = runBinary(['fmt'], dir);
    assert.equal(fmt.code, 0, fmt.stdout + fmt.stderr);
    assert.match(fmt.stdout, /^formatted incidents\/scrambled\.yaml$/m);
    assert.equal(readFileSync(join(dir, 'incidents', 'scrambled.yaml'), 'utf8'), readFileSync(join(FIXTURES, 'fmt', 'scrambled', 'expected.yaml'), 'utf8'));

    const recheck = runBinary(['fmt', '--check'], dir);
    assert.equal(recheck.code, 0, recheck.stdout);
    const before = snapshot(dir);
    const again = runBinary(['fmt'], dir);
    assert.equal(again.code, 0);
    assert.doesNotMatch(again.stdout, /^formatted /m);
    assert.deepEqual(snapshot(dir), before);
  });
});

describe('fmt on this repository', () => {
  it('finds the sample incidents already in canonical form', async () => {
    const result = await runCli(['fmt', '--check'], ROOT);
    assert.equal(result.code, 0, result.stdout);
  });
});
