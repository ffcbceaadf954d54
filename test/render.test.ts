import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Heading, List, ListItem, Nodes, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { lint } from 'markdownlint/promise';
import { visit } from 'unist-util-visit';
import { type ResolvedConfig, defaultConfig, loadConfig } from '../src/config/config.js';
import { parse as parseYaml } from 'yaml';
import type { Incident } from '../src/model/incident.js';
import type { IncidentData } from '../src/schema/incident-schema.js';
import { checkIncidentSource } from '../src/pipeline/check-incident.js';
import { humanizeKey } from '../src/render/format.js';
import { markdownProcessor, parseMarkdown } from '../src/render/markdown/processor.js';
import { renderPostmortem } from '../src/render/render-postmortem.js';
import { loadTemplates } from '../src/render/templates.js';
import { BUILTIN_TEMPLATES, type TemplateSet } from '../src/render/template-family.js';
import { decodeSource } from '../src/source/source-file.js';
import { BIN, FIXTURES, ROOT, fixtureConfig, incidentOf, tempDir } from './helpers.js';

const INCIDENTS = join(ROOT, 'incidents');
const SAMPLES = readdirSync(INCIDENTS)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();
const VALID_CASES = readdirSync(join(FIXTURES, 'valid'))
  .filter((name) => existsSync(join(FIXTURES, 'valid', name, 'input.yaml')))
  .sort();
const INJECTION = join(FIXTURES, 'injection.yaml');

/** Checks one incident file in-process, as the CLI does, and returns its model. */
function loadIncident(path: string, config: ResolvedConfig): Incident {
  const decoded = decodeSource(readFileSync(path), basename(path));
  assert.ok(decoded.ok, `cannot decode ${path}`);
  const checked = checkIncidentSource(decoded.source, config);
  assert.ok(checked.value, `${path} is not valid: ${JSON.stringify(checked.diagnostics, null, 2)}`);
  return checked.value;
}

async function builtinTemplates(): Promise<TemplateSet> {
  const loaded = await loadTemplates();
  assert.ok(loaded.ok, 'the built-in templates load');
  return loaded.templates;
}

/** Parses rendered Markdown as a reader's tool would: CommonMark + GFM tables, raw HTML kept as `html` nodes. */
function parse(markdown: string): Root {
  return markdownProcessor.parse(markdown);
}

/**
 * A Markdown field as the postmortem should show it: parsed on its own, with
 * our policy applied (raw HTML shown as text, `javascript:` and other unsafe
 * links reduced to their text).
 */
function parseField(markdown: string): Root {
  return parseMarkdown(markdown);
}

/** Text with every run of whitespace made one space. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
/** A plain-text field as it must read once rendered: line breaks become spaces. */
const oneLine = (text: string) => text.replace(/\r\n?|\n/g, ' ');

// ---------------------------------------------------------------------------

describe('build output is byte-identical whatever the machine time zone and locale', () => {
  // A parent environment's TZ or locale must not leak into the reference run.
  const base: Record<string, string> = { PATH: process.env.PATH ?? '' };
  const environments: Record<string, string>[] = [
    { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    { TZ: 'Pacific/Chatham' }, // +12:45/+13:45: an odd offset with its own daylight saving
    { TZ: 'America/St_Johns' }, // -03:30/-02:30
    { TZ: 'Europe/Berlin', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' }, // decimal comma, dotted grouping
    { TZ: 'Asia/Kolkata', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }, // dotless i in case mapping
  ];
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function build(env: Record<string, string>): Map<string, Buffer> {
    assert.ok(existsSync(BIN), `${BIN} is missing: run \`npm run build\` first`);
    const out = tempDir('postmortem-render-build-');
    dirs.push(out);
    const result = spawnSync(process.execPath, [BIN, 'build', 'incidents', INJECTION, '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.equal(result.status, 0, `build failed under ${JSON.stringify(env)}:\n${result.stdout}${result.stderr}`);
    // The postmortems: build's manifest beside them holds modification times, not output.
    return new Map(
      readdirSync(out)
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => [name, readFileSync(join(out, name))]),
    );
  }

  let reference: Map<string, Buffer>;
  before(() => {
    reference = build(environments[0]!);
  });

  it('writes one postmortem per sample incident and the injection case', () => {
    const expected = [...SAMPLES.map((name) => name.replace(/\.ya?ml$/, '.md')), 'injection.md'].sort();
    assert.deepEqual([...reference.keys()], expected);
  });

  it('writes each sample exactly as its fixture copy expects', () => {
    for (const name of SAMPLES) {
      const id = name.replace(/\.ya?ml$/, '');
      const fixture = join(FIXTURES, 'valid', `sample-${id}`);
      assert.ok(existsSync(join(fixture, 'input.yaml')), `sample ${name} has no fixture copy test/fixtures/valid/sample-${id}/`);
      assert.equal(readFileSync(join(fixture, 'input.yaml'), 'utf8'), readFileSync(join(INCIDENTS, name), 'utf8'), `fixture copy of ${name} is stale`);
      assert.equal(reference.get(`${id}.md`)?.toString('utf8'), readFileSync(join(fixture, 'expected.md'), 'utf8'));
    }
  });

  for (const env of environments.slice(1)) {
    it(Object.entries(env).map(([key, value]) => `${key}=${value}`).join(' '), () => {
      const files = build(env);
      assert.deepEqual([...files.keys()], [...reference.keys()]);
      for (const [name, bytes] of files) assert.ok(bytes.equals(reference.get(name)!), `${name} differs under ${JSON.stringify(env)}`);
    });
  }
});

// ---------------------------------------------------------------------------

describe('durations are computed on instants', () => {
  it('across the daylight-saving change in the Europe/Berlin sample', async () => {
    const { config } = await loadConfig(ROOT);
    const incident = loadIncident(join(INCIDENTS, '2024-03-29-order-confirmation-delays.yaml'), config);
    const seconds = Object.fromEntries(incident.figures.map((figure) => [figure.name, figure.seconds]));
    const minutes = (m: number) => m * 60;
    // impact-start 2024-03-29 17:20 CET = 16:20Z; resolved 2024-04-01 10:05 CEST = 08:05Z:
    // 2 days 15 h 45 min, where wall-clock arithmetic would say 2 days 16 h 45 min.
    assert.equal(seconds.duration, minutes(2 * 1440 + 15 * 60 + 45));
    assert.equal(seconds['time to resolve'], minutes(2 * 1440 + 15 * 60 + 45));
    // 17:20 → 09:41 the next day, both CET.
    assert.equal(seconds['time to detect'], minutes(16 * 60 + 21));
    assert.equal(seconds['time to acknowledge'], minutes(24));
    assert.equal(seconds['time to mitigate'], minutes(20 * 60 + 10));
    const markdown = renderPostmortem(incident, await builtinTemplates());
    assert.ok(markdown.includes('| Impact start | 2024-03-29 17:20 UTC+01:00 |'));
    assert.ok(markdown.includes('| Impact end | 2024-04-01 10:05 UTC+02:00 |'));
    assert.ok(markdown.includes('| Duration (impact start to resolved) | 2 days 15 hours 45 minutes |'));
    // Written as 2024-03-31T01:30Z: shown in Berlin summer time, half an hour after the change.
    assert.ok(markdown.includes('| 2024-03-31 03:30 UTC+02:00 | Action |'));
  });

  it('keeps configured figures in the order they are written, a name like `123` too, and one name in any case', async () => {
    const dir = tempDir('postmortem-figure-order-');
    const figure = (name: string) => `  ${JSON.stringify(name)}: { from: impact-start, to: mitigated }\n`;
    writeFileSync(join(dir, 'postmortem.config.yaml'), `metrics:\n${['backwards', '123', 'time to detect', '7 days'].map(figure).join('')}`);
    const { config, diagnostics } = await loadConfig(dir);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      config.figures.map((f) => f.name),
      ['duration', 'time to detect', 'time to acknowledge', 'time to identify', 'time to mitigate', 'time to resolve', 'backwards', '123', '7 days'],
    );
    // A name in another case redefines the figure (their rows would read the same); an empty one is refused.
    writeFileSync(join(dir, 'postmortem.config.yaml'), 'metrics:\n  Duration: { from: detected, to: resolved }\n  Backlog: { from: detected, to: mitigated }\n  backlog: { from: identified, to: resolved }\n');
    const cased = await loadConfig(dir);
    assert.deepEqual(cased.diagnostics, []);
    assert.deepEqual(
      cased.config.figures.filter((f) => ['duration', 'Backlog'].includes(f.name)).map((f) => [f.name, f.from, f.to]),
      [
        ['duration', 'detected', 'resolved'],
        ['Backlog', 'identified', 'resolved'],
      ],
    );
    assert.equal(cased.config.figures.length, 7);
    writeFileSync(join(dir, 'postmortem.config.yaml'), 'metrics:\n  "  ": { from: detected, to: resolved }\n');
    assert.deepEqual((await loadConfig(dir)).diagnostics.map((d) => [d.rule, d.line, d.column]), [['unknown-key', 2, 3]]);
    // Nor is a display zone listed twice, which showed every time twice.
    writeFileSync(join(dir, 'postmortem.config.yaml'), 'display_zones: [UTC, Asia/Kolkata, UTC]\n');
    assert.deepEqual((await loadConfig(dir)).diagnostics.map((d) => [d.rule, d.line, d.column, d.message]), [
      ['invalid-value', 1, 36, 'Unexpected second `UTC` in `display_zones`: every time would show it twice'],
    ]);
    rmSync(dir, { recursive: true, force: true });
  });
});

// ---------------------------------------------------------------------------

/**
 * Assertions that fail because of known bugs in src/render (see the report of
 * the change that added this file). Each stays a `todo` until its bug is
 * fixed; then delete the entry so a regression fails the suite.
 */

describe('text from an incident stays literal text in the postmortem', () => {
  let incident: Incident;
  let markdown: string;
  let tree: Root;

  before(async () => {
    incident = loadIncident(INJECTION, defaultConfig(ROOT));
    markdown = renderPostmortem(incident, await builtinTemplates());
    tree = parse(markdown);
  });

  /** What the file says, read apart from the tool's model: the page must show exactly this. */
  const written = parseYaml(readFileSync(INJECTION, 'utf8')) as IncidentData;
  const data = () => written;

  /** The index in the document of the heading with this text. */
  function headingIndex(text: string, depth: number): number {
    const index = tree.children.findIndex((node) => node.type === 'heading' && node.depth === depth && toString(node) === text);
    assert.ok(index >= 0, `no heading ${'#'.repeat(depth)} ${text}`);
    return index;
  }

  /** The table whose first header cell reads `header`. */
  function table(header: string): Table {
    const found = tree.children.find(
      (node): node is Table => node.type === 'table' && node.children[0] !== undefined && toString(node.children[0].children[0]!) === header,
    );
    assert.ok(found, `no table headed ${header}`);
    return found;
  }

  /** The table's body as text, one array of cell texts per row. */
  const rows = (found: Table) => found.children.slice(1).map((row) => row.children.map((cell) => toString(cell)));

  /** The value cell of a key-facts row. */
  function fact(label: string): string {
    const row = rows(table('Key fact')).find((cells) => cells[0] === label);
    assert.ok(row, `no key fact ${label}`);
    return row[1]!;
  }

  /** The list right after a heading. */
  function listAfter(text: string, depth: number): ListItem[] {
    const node = tree.children[headingIndex(text, depth) + 1];
    assert.equal(node?.type, 'list', `no list after ${text}`);
    return (node as List).children;
  }

  /** How many nodes of each formatting type a tree holds. */
  function formatting(nodes: readonly Nodes[], types: readonly string[]): Record<string, number> {
    const counts: Record<string, number> = Object.fromEntries(types.map((type) => [type, 0]));
    for (const node of nodes) {
      visit(node, (inner) => {
        if (inner.type in counts) counts[inner.type]! += 1;
      });
    }
    return counts;
  }
  const BLOCK_FORMATTING = ['emphasis', 'strong', 'inlineCode', 'code', 'link', 'list', 'listItem', 'heading'] as const;

  /**
   * A Markdown field in a section body: the nodes after its heading have the
   * text of the field parsed on its own, and the same formatting.
   */
  function assertBlockField(heading: string, field: string) {
    const alone = parseField(field.trim());
    const start = headingIndex(heading, 2) + 1;
    const rendered = tree.children.slice(start, start + alone.children.length);
    assert.equal(toString({ type: 'root', children: rendered }), toString(alone));
    assert.deepEqual(formatting(rendered, BLOCK_FORMATTING), formatting(alone.children, BLOCK_FORMATTING));
    const next = tree.children[start + alone.children.length];
    assert.ok(next === undefined || next.type === 'heading', `section ${heading} runs on past its field: ${next ? toString(next) : ''}`);
  }

  /** A Markdown field in a list item: the item has the text and formatting of the field parsed alone. */
  function assertItemField(item: ListItem | undefined, field: string) {
    assert.ok(item, 'missing list item');
    const alone = parseField(field.trim());
    assert.equal(toString(item), toString(alone));
    assert.deepEqual(formatting(item.children, BLOCK_FORMATTING), formatting(alone.children, BLOCK_FORMATTING));
  }

  /** The text of a field flattened to one line, as in a table cell: its blocks' texts, separated by spaces. */
  function inlineText(field: string): string {
    const parts: string[] = [];
    visit(parseField(field.trim()), (node) => {
      if (['paragraph', 'heading', 'code', 'html'].includes(node.type)) {
        parts.push(toString(node));
        return 'skip';
      }
      return undefined;
    });
    return squash(parts.join(' '));
  }

  it('no raw HTML anywhere', () => {
    const html: string[] = [];
    visit(tree, 'html', (node) => {
      html.push(node.value);
    });
    assert.deepEqual(html, []);
  });

  it('no HTML character references added by the renderer', () => {
    // Every `&name;` in the output must be one the author wrote in a plain field, kept literal by a backslash.
    const references = [...markdown.matchAll(/&(?:#x?[0-9a-f]+|[a-z][a-z0-9]*);/gi)].filter(
      (match) => markdown[match.index - 1] !== '\\',
    );
    assert.deepEqual(references.map((match) => match[0]), []);
  });

  for (const header of ['Key fact', 'Metric', 'Time', 'Action']) {
    const name = header === 'Time' ? 'timeline' : header.toLowerCase();
    it(`${name} table: every row has as many cells as the header`, () => {
      const found = table(header);
      const width = found.children[0]!.children.length;
      found.children.forEach((row, i) => assert.equal(row.children.length, width, `row ${i} of the ${header} table: ${toString(row)}`));
    });
  }
  it('error budget table: every row has as many cells as the header', () => {
    const found = table(oneLine(data().impact.slo!.name));
    found.children.forEach((row) => assert.equal(row.children.length, 2));
  });

  // Plain-text fields: the exact string, line breaks as spaces, is the text of the node that shows it.
  it('title', () => {
    const heading = tree.children[0] as Heading;
    assert.equal(heading.type, 'heading');
    assert.equal(heading.depth, 1);
    assert.equal(toString(heading), oneLine(data().title));
  });
  for (const [label, key] of [
    ['Services', 'services'],
    ['Regions', 'regions'],
    ['Tags', 'tags'],
    ['Authors', 'authors'],
  ] as const) {
    it(key, () => assert.equal(fact(label), oneLine(data()[key]!.join(', '))));
  }
  it('roles: the role names and the people holding them', () => {
    const roles = Object.entries(data().roles!);
    assert.ok(roles.length >= 2);
    for (const [role, person] of roles) assert.equal(fact(oneLine(humanizeKey(role))), oneLine(person));
  });
  it('metric names and units', () => {
    const metrics = data().impact.metrics!;
    const body = rows(table('Metric'));
    assert.equal(body.length, metrics.length);
    metrics.forEach((metric, i) => {
      assert.equal(body[i]![0], oneLine(metric.name));
      if (metric.unit) assert.ok(body[i]![1]!.endsWith(` ${oneLine(metric.unit)}`), `unit of metric ${i}: ${body[i]![1]}`);
    });
  });
  it('slo name', () => {
    assert.ok(tree.children.some((node) => node.type === 'heading' && toString(node) === 'Error budget'));
    table(oneLine(data().impact.slo!.name));
  });
  it('action item titles and owners', () => {
    const items = data().action_items!;
    const body = rows(table('Action'));
    assert.equal(body.length, items.length);
    items.forEach((item, i) => {
      assert.equal(body[i]![0], oneLine(item.title));
      assert.equal(body[i]![1], oneLine(item.owner));
    });
  });
  it('link titles and destinations', () => {
    const links = data().links!;
    const items = listAfter('Links', 2);
    assert.equal(items.length, links.length);
    links.forEach((entry, i) => {
      const paragraph = items[i]!.children[0];
      assert.equal(paragraph?.type, 'paragraph');
      const link = paragraph.children[0];
      assert.equal(link?.type, 'link');
      assert.equal(paragraph.children.length, 1, `link ${i} is not alone in its item`);
      assert.equal(toString(link), oneLine(entry.title));
      assert.equal(link.url, entry.url);
    });
  });

  // The timeline: one row per event, in order; Markdown text flattened to one line, `by` as plain text.
  const events = () => incident.events;
  for (const i of [0, 1, 2]) {
    it(`timeline row ${i + 1}: text${i === 0 ? ' and links' : ''}`, () => {
      const event = events()[i]!;
      const row = table('Time').children[i + 1]!;
      const cell = row.children[2]!;
      const suffix = event.links.length ? ` (${event.links.map((_, n) => `link ${n + 1}`).join(', ')})` : '';
      assert.equal(squash(toString(cell)), inlineText(event.text) + suffix);
      const urls: string[] = [];
      visit(cell, 'link', (node) => {
        if (/^link \d+$/.test(toString(node))) urls.push(node.url);
      });
      assert.deepEqual(urls, event.links);
      const alone = formatting([parseField(event.text)], ['emphasis', 'strong', 'inlineCode', 'code', 'link']);
      const shown = formatting([cell], ['emphasis', 'strong', 'inlineCode', 'link']);
      assert.deepEqual(
        { emphasis: shown.emphasis, strong: shown.strong, code: shown.inlineCode, link: shown.link! - event.links.length },
        { emphasis: alone.emphasis, strong: alone.strong, code: alone.inlineCode! + alone.code!, link: alone.link },
      );
    });
    it(`timeline row ${i + 1}: by`, () => {
      const event = events()[i]!;
      assert.ok(event.by);
      assert.equal(toString(table('Time').children[i + 1]!.children[3]!), oneLine(event.by));
    });
  }

  // Markdown fields in section bodies and lists: formatting kept, HTML and template syntax as literal text.
  it('summary keeps its formatting', () => assertBlockField('Summary', data().summary));
  it('trigger keeps its formatting', () => assertBlockField('Trigger', data().trigger!));
  it('root cause keeps its formatting', () => assertBlockField('Root cause', data().root_cause!));
  it('detection keeps its formatting', () => assertBlockField('Detection', data().detection!));
  it('resolution keeps its formatting', () => assertBlockField('Resolution', data().resolution!));
  it('impact description keeps its formatting', () => {
    const description = data().impact.description;
    const alone = parse(description.trim());
    const start = headingIndex('Impact', 2) + 1;
    const rendered = tree.children.slice(start, start + alone.children.length);
    assert.equal(toString({ type: 'root', children: rendered }), toString(alone));
    assert.equal(toString(tree.children[start + alone.children.length]!), `Users affected: ${data().impact.users_affected}.`);
  });
  it('contributing factors keep their formatting', () => {
    const factors = data().contributing_factors!;
    const items = listAfter('Contributing factors', 2);
    assert.equal(items.length, factors.length);
    factors.forEach((factor, i) => assertItemField(items[i], factor));
  });
  it('lessons keep their formatting', () => {
    const lessons = data().lessons!;
    for (const [heading, list] of [
      ['What went well', lessons.went_well],
      ['What went wrong', lessons.went_wrong],
      ['Where we got lucky', lessons.lucky],
    ] as const) {
      const items = listAfter(heading, 3);
      assert.equal(items.length, list!.length);
      list!.forEach((lesson, i) => assertItemField(items[i], lesson));
    }
  });

  it('script tags and template syntax come out as text', () => {
    const text = toString(tree);
    for (const literal of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '{{title}}', '{%raw%}']) {
      assert.ok(text.includes(literal), `${literal} is not in the text`);
    }
  });

  it('x- keys reach custom templates as literal text', async () => {
    const folder = tempDir('postmortem-render-custom-');
    try {
      writeFileSync(
        join(folder, 'title.hbs'),
        [
          '# {{title}}',
          '',
          '{{custom.[x-note]}}',
          '',
          '| Key | Value |',
          '| --- | --- |',
          '| note | {{custom.[x-note]}} |',
          '',
          '{{#each custom.[x-nested].list}}',
          '- {{this}}',
          '{{/each}}',
          '',
        ].join('\n'),
      );
      const loaded = await loadTemplates([folder]);
      assert.ok(loaded.ok);
      const custom = parse(renderPostmortem(incident, loaded.templates));
      const note = incident.custom['x-note'] as string;
      const nested = (incident.custom['x-nested'] as { list: string[] }).list;
      assert.equal(toString(custom.children[1]!), oneLine(note));
      const noteTable = custom.children[2] as Table;
      assert.equal(noteTable.type, 'table');
      assert.deepEqual(noteTable.children[1]!.children.map((cell) => toString(cell)), ['note', oneLine(note)]);
      const list = custom.children[3] as List;
      assert.equal(list.type, 'list');
      assert.deepEqual(list.children.map((item) => toString(item)), nested);
      visit(custom, 'html', (node) => assert.fail(`raw HTML from an x- key: ${node.value}`));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('x- keys that Handlebars holds false (false, 0, empty text) are false in {{#if}}, and print as written', async () => {
    const folder = tempDir('postmortem-render-custom-');
    try {
      const tests = ['x-false', 'x-zero', 'x-empty', 'x-null', 'x-true', 'x-text'].map((key) => `${key}={{#if custom.[${key}]}}T{{else}}F{{/if}}`);
      writeFileSync(join(folder, 'title.hbs'), `# {{title}}\n\n${tests.join(' ')}\n\nprinted: {{custom.[x-false]}} {{custom.[x-zero]}} ({{custom.[x-empty]}})\n`);
      const loaded = await loadTemplates([folder]);
      assert.ok(loaded.ok);
      const withKeys = incidentOf(`${readFileSync(join(INCIDENTS, '2022-10-25-messaging-outage.yaml'), 'utf8')}x-false: false\nx-zero: 0\nx-empty: ""\nx-null: null\nx-true: true\nx-text: no\n`);
      assert.ok(withKeys);
      const markdown = renderPostmortem(withKeys, loaded.templates);
      assert.match(markdown, /^x-false=F x-zero=F x-empty=F x-null=F x-true=T x-text=T$/m);
      assert.match(markdown, /^printed: false 0 \(\)$/m);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  // One URL policy for every form a link takes (see src/render/markdown/url-policy.ts).
  it('every link is http(s), mailto or relative, in every form: inline, reference, autolink, image', () => {
    const unsafe: string[] = [];
    visit(tree, (node) => {
      if ((node.type === 'link' || node.type === 'definition') && !/^(?:https?:|mailto:|#|\.{0,2}\/|[^:]*$)/i.test(node.url)) unsafe.push(node.url);
      if (['definition', 'linkReference', 'imageReference'].includes(node.type)) unsafe.push(node.type);
    });
    assert.deepEqual(unsafe, []);
    assert.doesNotMatch(markdown, /^\s*\[[^\]]*\]:/m, 'no link reference definition');
    const text = toString(tree);
    for (const shown of ['Reference links r1, full, pic and autolinks javascript:alert(2), data:text/html,x, vbscript:msgbox(1).']) {
      assert.ok(squash(text).includes(shown), `${shown} is not in the text`);
    }
  });

  it('images from incident text become links to the image: nothing is fetched when the page opens', () => {
    const images: string[] = [];
    visit(tree, 'image', (node) => {
      images.push(node.url);
    });
    assert.deepEqual(images, []);
    const links: string[] = [];
    visit(tree, 'link', (node) => {
      if (toString(node) === 'tracking pixel') links.push(node.url);
    });
    assert.deepEqual(links, ['https://images.example.com/pixel.png']);
  });

  it('a mermaid fence in incident text stays code: only the tool\'s own diagram is a mermaid block', () => {
    const fences: string[] = [];
    visit(tree, 'code', (node) => {
      fences.push(`${node.lang ?? ''}: ${node.value.split('\n').find((line) => line.includes('[')) ?? ''}`);
    });
    const mermaid = fences.filter((fence) => fence.startsWith('mermaid'));
    assert.equal(mermaid.length, 1, fences.join('\n'));
    assert.match(mermaid[0]!, /impact_start\["/, 'the one mermaid block is the milestone chart');
    assert.ok(fences.includes('text:   injected["drawn from incident text"]'), fences.join('\n'));
  });

  it('a custom template cannot turn a value into an unsafe link destination or an image', async () => {
    const folder = tempDir('postmortem-render-custom-');
    try {
      writeFileSync(join(folder, 'title.hbs'), '# {{title}}\n\n[from a template]({{custom.[x-url]}})\n\n![img]({{custom.[x-url]}})\n');
      const loaded = await loadTemplates([folder]);
      assert.ok(loaded.ok);
      const hostile = { ...incident, custom: { ...incident.custom, 'x-url': 'javascript:alert(1)' } };
      const custom = parse(renderPostmortem(hostile, loaded.templates));
      const fromTemplate: Root = { type: 'root', children: custom.children.slice(1, 3) };
      visit(fromTemplate, (node) => {
        if (node.type === 'link' || node.type === 'image') assert.fail(`${node.type} to ${node.url}`);
      });
      assert.deepEqual(fromTemplate.children.map((node) => toString(node)), ['from a template', 'img']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------

/** Every sample and every valid fixture, rendered with the built-in templates. */
async function renderAll(): Promise<Map<string, string>> {
  const templates = await builtinTemplates();
  const rendered = new Map<string, string>();
  const { config } = await loadConfig(ROOT);
  for (const name of SAMPLES) rendered.set(`incidents/${name}`, renderPostmortem(loadIncident(join(INCIDENTS, name), config), templates));
  for (const name of VALID_CASES) {
    const folder = join(FIXTURES, 'valid', name);
    rendered.set(`valid/${name}`, renderPostmortem(loadIncident(join(folder, 'input.yaml'), await fixtureConfig(folder)), templates));
  }
  return rendered;
}

describe('markdownlint finds nothing to report in rendered postmortems', () => {
  /**
   * markdownlint's default rules, less one:
   * MD013 (line length, 80) is off. Paragraphs are the author's text with the
   * line breaks they wrote (a folded YAML scalar is one long line), and a
   * table row cannot be wrapped at all; re-flowing either would change what
   * the author wrote without making the document better.
   */
  const CONFIG = { default: true, MD013: false } as const;

  async function assertClean(strings: Record<string, string>) {
    const results = await lint({ strings, config: CONFIG });
    const problems = Object.entries(results).flatMap(([name, errors]) =>
      errors.map((e) => `${name}:${e.lineNumber} ${e.ruleNames.join('/')} ${e.ruleDescription}${e.errorDetail ? ` (${e.errorDetail})` : ''}`),
    );
    assert.deepEqual(problems, []);
  }

  it('every sample incident and every valid fixture, rendered', async () => {
    await assertClean(Object.fromEntries(await renderAll()));
  });

  it("every valid fixture's expected.md", async () => {
    const strings: Record<string, string> = {};
    for (const name of VALID_CASES) {
      const file = join(FIXTURES, 'valid', name, 'expected.md');
      if (existsSync(file)) strings[`valid/${name}/expected.md`] = readFileSync(file, 'utf8');
    }
    assert.ok(Object.keys(strings).length >= 8, 'expected at least 8 valid fixtures with expected.md');
    await assertClean(strings);
  });
});

// ---------------------------------------------------------------------------

describe('templates', () => {
  /**
   * Something each built-in template (or branch of one) prints, so that
   * rendering the samples and fixtures is known to run every template in
   * strict mode. A new template must be added here.
   */
  const MARKERS: Record<string, (string | RegExp)[]> = {
    postmortem: [/^# /],
    title: [/^# /],
    'key-facts': ['| Key fact | Value |', 'Times are shown in'],
    summary: ['## Summary'],
    impact: ['## Impact', 'Users affected:', '| Metric | Value |', '### Error budget'],
    timeline: ['## Timeline', '**Impact start**', 'Times marked \\~ are approximate.', '```mermaid', /\[link 1\]\(/],
    analysis: ['## Trigger', '## Root cause', '## Contributing factors'],
    detection: ['## Detection'],
    resolution: ['## Resolution'],
    lessons: ['## Lessons learned', '### What went well', '### What went wrong', '### Where we got lucky'],
    'action-items': ['## Action items', '| Action | Owner |', /\| \[[^\]]+\]\(https:\/\/[^)]+\) \|$/m],
    links: ['## Links'],
    related: ['## Related incidents', /^- \[[a-z0-9-]+\]\([a-z0-9-]+\.md\)$/m],
  };

  it('every built-in template has markers in this test', async () => {
    const names = Object.keys((await builtinTemplates()).sources).sort();
    assert.deepEqual(names, Object.keys(MARKERS).sort());
  });

  it('samples and valid fixtures render in strict mode and exercise every built-in template', async () => {
    const outputs = [...(await renderAll()).values()];
    // The injection case is the only one with event links.
    outputs.push(renderPostmortem(loadIncident(INJECTION, defaultConfig(ROOT)), await builtinTemplates()));
    for (const [name, markers] of Object.entries(MARKERS)) {
      for (const marker of markers) {
        const found = outputs.some((text) => (typeof marker === 'string' ? text.includes(marker) : marker.test(text)));
        assert.ok(found, `no rendered output shows ${String(marker)} (template ${name})`);
      }
    }
  });

  it('a folder overriding one partial by name replaces only that partial', async () => {
    const folder = tempDir('postmortem-render-override-');
    try {
      mkdirSync(join(folder, 'postmortem'));
      writeFileSync(join(folder, 'postmortem', 'title.hbs'), '# Postmortem: {{title}} ({{id}})\n');
      const loaded = await loadTemplates([folder]);
      assert.ok(loaded.ok);
      assert.equal(loaded.templates.sources.title, join(folder, 'postmortem', 'title.hbs'));
      for (const [name, file] of Object.entries(loaded.templates.sources)) {
        if (name !== 'title') assert.equal(file, join(BUILTIN_TEMPLATES, 'postmortem', `${name}.hbs`));
      }
      const incident = loadIncident(join(FIXTURES, 'valid', 'minimal', 'input.yaml'), defaultConfig(ROOT));
      const output = renderPostmortem(incident, loaded.templates);
      const builtin = renderPostmortem(incident, await builtinTemplates());
      assert.ok(output.startsWith('# Postmortem: Checkout errors for some users (minimal)\n'), output);
      // Everything after the title is the built-in rendering.
      assert.equal(output.slice(output.indexOf('\n')), builtin.slice(builtin.indexOf('\n')));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a misspelt field is an error, not empty text, wherever it is: found before rendering, at its place', async () => {
    const cases: Record<string, [string, [number, number], RegExp]> = {
      'summary.hbs': ['## Summary\n\n{{summaryBlok}}\n', [3, 3], /^Unknown field `summaryBlok` in PostmortemView; did you mean `summaryBlock`\?/],
      'timeline.hbs': ['## Timeline\n\n{{#each timeline.events}}\n- {{tme}}\n{{/each}}\n', [4, 5], /^Unknown field `tme` in `timeline\.events\[\]`; did you mean `time`\?/],
      'key-facts.hbs': ['{{#each facts}}\n- {{label}}: {{vaule}}\n{{/each}}\n', [2, 16], /^Unknown field `vaule` in `facts\[\]`; did you mean `value`\?/],
      // Helper arguments: Handlebars' strict mode lets these through as empty.
      'analysis.hbs': ['{{#if rootCauseBlok}}\n## Root cause\n\n{{rootCauseBlock}}\n{{/if}}\n', [1, 7], /^Unknown field `rootCauseBlok` in PostmortemView; did you mean `rootCauseBlock`\?/],
      'impact.hbs': ['## Impact\n\n{{#if impact.usersAffectd}}x{{/if}}\n', [3, 7], /^Unknown field `usersAffectd` in `impact`; did you mean `usersAffected`\?/],
      'lessons.hbs': ['{{#with lessons}}\n{{#each wentWel}}- {{this}}\n{{/each}}\n{{/with}}\n', [2, 9], /^Unknown field `wentWel` in `lessons`; did you mean `wentWell`\?/],
      'links.hbs': ['{{#unless link}}No links.{{/unless}}\n', [1, 11], /^Unknown field `link` in PostmortemView; did you mean `links`\?/],
    };
    for (const [file, [text, [line, column], message]] of Object.entries(cases)) {
      const folder = tempDir('postmortem-render-misspelt-');
      mkdirSync(join(folder, 'postmortem'));
      writeFileSync(join(folder, 'postmortem', file), text);
      const loaded = await loadTemplates([folder]);
      assert.ok(!loaded.ok, `${file} loaded without an error`);
      assert.equal(loaded.diagnostics.length, 1, JSON.stringify(loaded.diagnostics));
      const [problem] = loaded.diagnostics;
      assert.deepEqual([problem!.file, problem!.line, problem!.column, problem!.rule], [join(folder, 'postmortem', file), line, column, 'template-error'], file);
      assert.match(problem!.message, message);
      assert.match(problem!.message, new RegExp(`\\(postmortem\\.hbs → ${file.replace('.', '\\.')}\\)$`), 'names the partial chain');
      assert.match(problem!.hint!, /templates\/README\.md/, 'points at documentation that ships');
    }
  });
});
