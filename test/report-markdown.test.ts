import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Code, Link, Nodes, Root, Table } from 'mdast';
import { lint } from 'markdownlint/promise';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { postmortemLink } from '../src/report/postmortem-link.js';
import { markdownProcessor } from '../src/render/markdown/processor.js';
import { loadTemplates } from '../src/render/templates.js';
import { BUILTIN_TEMPLATES } from '../src/render/template-family.js';
import { buildReport } from '../src/report/build-report.js';
import { barChart, mermaidString } from '../src/report/mermaid.js';
import { type ReportTemplates, loadReportTemplates, renderReportMarkdown } from '../src/report/render-report.js';
import { reportToCsv } from '../src/report/report-csv.js';
import type { Report } from '../src/report/report-model.js';
import { BIN, FIXTURES, ROOT, RUNNERS, expectFile, incidentProject, tempDir } from './helpers.js';

const FIXTURE = join(FIXTURES, 'report-render');
const AS_OF = '2026-11-25';
const SAMPLE_IDS = readdirSync(join(ROOT, 'incidents'))
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => name.replace(/\.ya?ml$/, ''))
  .sort();
/** The sample near miss, which reports count apart and leave out of their figures and lists. */
const NEAR_MISS_SAMPLE = '2025-01-14-certificate-expiry-near-miss';
/** The samples a default report lists. */
const REPORTED_SAMPLE_IDS = SAMPLE_IDS.filter((id) => id !== NEAR_MISS_SAMPLE);

/** The hand-written report: every field filled, with awkward text from incidents and configuration. */
function handWritten(): Report {
  return JSON.parse(readFileSync(join(FIXTURE, 'report.json'), 'utf8')) as Report;
}

async function builtinReportTemplates(): Promise<ReportTemplates> {
  const loaded = await loadReportTemplates();
  assert.ok(loaded.ok, `the built-in report templates load: ${JSON.stringify(loaded)}`);
  return loaded.templates;
}

/** Parses rendered Markdown as a reader's tool would: CommonMark + GFM tables, raw HTML kept as `html` nodes. */
const parse = (markdown: string): Root => markdownProcessor.parse(markdown);

/** The postmortems' markdownlint configuration (test/render.test.ts): the defaults less MD013, line length. */
const LINT_CONFIG = { default: true, MD013: false } as const;

async function assertLintClean(strings: Record<string, string>): Promise<void> {
  const results = await lint({ strings, config: LINT_CONFIG });
  const problems = Object.entries(results).flatMap(([name, errors]) =>
    errors.map((e) => `${name}:${e.lineNumber} ${e.ruleNames.join('/')} ${e.ruleDescription}${e.errorDetail ? ` (${e.errorDetail})` : ''}`),
  );
  assert.deepEqual(problems, []);
}

// ---------------------------------------------------------------------------
// Mermaid xychart, read back line by line.

interface ParsedChart {
  xTitle: string;
  categories: string[];
  yTitle: string;
  yMax: number;
  bars: { name: string; values: number[] }[];
}

/** A label as written: quoted, with nothing inside that could end it or be read as syntax, except entity codes. */
const LABEL = /^"((?:[^"#;%`[\]{}<>\\\n]|#\d+;)*)"$/;
const decode = (label: string) => label.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));

function label(text: string): string {
  const match = LABEL.exec(text.trim());
  assert.ok(match, `not a safely quoted label: ${text}`);
  return decode(match[1]!);
}

function numbers(text: string): number[] {
  return text.split(',').map((item) => {
    assert.match(item.trim(), /^-?\d+(?:\.\d+)?$/, `not a plain number: ${item}`);
    return Number(item);
  });
}

/** Reads an `xychart-beta` block as we write it; any other line fails. */
function parseChart(source: string): ParsedChart {
  const [open, config, chartConfig, heightLine, close, type, ...lines] = source.split('\n');
  assert.deepEqual([open, config, chartConfig, close], ['---', 'config:', '  xyChart:', '---'], 'Mermaid front matter');
  const height = /^ {4}height: (\d+)$/.exec(heightLine ?? '');
  assert.ok(height, `no height: ${heightLine}`);
  assert.equal(type, 'xychart-beta horizontal');
  const chart: ParsedChart = { xTitle: '', categories: [], yTitle: '', yMax: Number.NaN, bars: [] };
  for (const line of lines) {
    let match: RegExpExecArray | null;
    if ((match = /^ {2}x-axis ("[^"]*") \[(.*)\]$/.exec(line))) {
      chart.xTitle = label(match[1]!);
      chart.categories = match[2]!.split(/, (?=")/).map(label);
    } else if ((match = /^ {2}y-axis ("[^"]*") 0 --> (\d+(?:\.\d+)?)$/.exec(line))) {
      chart.yTitle = label(match[1]!);
      chart.yMax = Number(match[2]);
    } else if ((match = /^ {2}bar ("[^"]*") \[(.*)\]$/.exec(line))) {
      chart.bars.push({ name: label(match[1]!), values: numbers(match[2]!) });
    } else {
      assert.fail(`unexpected line in the chart: ${line}`);
    }
  }
  assert.ok(chart.categories.length > 0, 'no x-axis');
  assert.ok(Number(height[1]) >= 24 * chart.categories.length, 'a row of at least 24px for each category');
  assert.ok(Number.isFinite(chart.yMax), 'no y-axis');
  for (const bar of chart.bars) assert.equal(bar.values.length, chart.categories.length, `bar ${bar.name}: one value per category`);
  for (const bar of chart.bars) assert.ok(Math.max(...bar.values) <= chart.yMax, `bar ${bar.name} goes above the y-axis`);
  return chart;
}

function mermaidBlocks(markdown: string): ParsedChart[] {
  const blocks: ParsedChart[] = [];
  visit(parse(markdown), 'code', (node: Code) => {
    if (node.lang === 'mermaid') blocks.push(parseChart(node.value));
  });
  return blocks;
}

/** The incidents chart and the time-to-resolve chart must draw exactly the report's periods. */
function assertCharts(markdown: string, report: Report): void {
  const charts = mermaidBlocks(markdown);
  const stacked = charts.find((chart) => chart.yTitle === 'Incidents');
  const resolve = charts.find((chart) => chart.yTitle.startsWith('Time to resolve'));
  const periods = report.periods.map((row) => row.period);
  const resolvedAny = report.periods.some((row) => row.timeToResolve.count > 0);
  assert.equal(charts.length, (periods.length ? 1 : 0) + (resolvedAny ? 1 : 0));
  if (!stacked) return;
  assert.deepEqual(stacked.categories, periods);
  // Tallest first: the running sums of the severities, least severe on top, so each later bar is drawn over the earlier.
  assert.deepEqual(
    stacked.bars.map((bar) => bar.name),
    [...report.severities].reverse(),
  );
  for (let i = 1; i < stacked.bars.length; i++) {
    stacked.bars[i]!.values.forEach((value, j) => assert.ok(value <= stacked.bars[i - 1]!.values[j]!, 'stacked bars are monotone'));
  }
  report.periods.forEach((row, j) => {
    assert.equal(stacked.bars[0]?.values[j], row.incidents, `${row.period}: the tallest bar is every incident`);
    report.severities.forEach((severity, k) => {
      const drawn = stacked.bars[stacked.bars.length - 1 - k]!.values[j]!;
      const below = k === 0 ? 0 : stacked.bars[stacked.bars.length - k]!.values[j]!;
      const count = row.bySeverity.find((entry) => entry.key === severity)?.count ?? 0;
      assert.equal(drawn - below, count, `${row.period} ${severity}: the visible segment is its count`);
    });
  });
  if (!resolve) return;
  assert.deepEqual(resolve.categories, periods);
  assert.deepEqual(
    resolve.bars.map((bar) => bar.name),
    ['p90', 'median'],
  );
  report.periods.forEach((row, j) => {
    const [p90, median] = [resolve.bars[0]!.values[j]!, resolve.bars[1]!.values[j]!];
    assert.ok(p90 >= median, `${row.period}: the p90 bar is behind the median`);
    if (row.timeToResolve.count === 0) assert.equal(p90, 0, `${row.period}: no bar without a resolved incident`);
    else assert.ok(median > 0 || row.timeToResolve.median === 0);
  });
}

// ---------------------------------------------------------------------------
// Tables and links, read back.

function tables(tree: Root): Table[] {
  return tree.children.filter((node): node is Table => node.type === 'table');
}

/** The first table whose header starts with these cells. */
function table(tree: Root, ...headers: string[]): Table {
  const found = tables(tree).find((node) => headers.every((header, i) => node.children[0] && toString(node.children[0].children[i] ?? []) === header));
  assert.ok(found, `no table headed ${headers.join(' | ')}`);
  return found;
}

const rows = (found: Table) => found.children.slice(1).map((row) => row.children.map((cell) => toString(cell)));

function links(tree: Nodes): Link[] {
  const found: Link[] = [];
  visit(tree, 'link', (node: Link) => {
    found.push(node);
  });
  return found;
}

function assertStructure(markdown: string): Root {
  const tree = parse(markdown);
  const kinds = new Set<string>();
  visit(tree, (node: Nodes) => {
    kinds.add(node.type);
  });
  assert.ok(!kinds.has('html'), 'raw HTML reached the report');
  for (const found of tables(tree)) {
    const width = found.children[0]!.children.length;
    for (const row of found.children) assert.equal(row.children.length, width, `a row of table ${toString(found.children[0]!)} lost its shape`);
  }
  for (const link of links(tree)) assert.match(link.url, /^(?:https?:|\.\.?\/|[^:]*$)/, `unsafe link ${link.url}`);
  assert.equal(tree.children.filter((node) => node.type === 'heading' && node.depth === 1).length, 1);
  return tree;
}

// ---------------------------------------------------------------------------

describe('the hand-written report renders', () => {
  let report: Report;
  let markdown: string;
  let tree: Root;

  before(async () => {
    report = handWritten();
    markdown = renderReportMarkdown(report, await builtinReportTemplates());
    tree = assertStructure(markdown);
  });

  it('as its expected Markdown (UPDATE_FIXTURES=1 rewrites it)', () => {
    const { expected, actual } = expectFile(join(FIXTURE, 'expected.md'), markdown);
    assert.equal(actual, expected);
  });

  it('and markdownlint finds nothing', async () => {
    await assertLintClean({ 'report-render/expected.md': markdown });
  });

  it('with well-formed charts of its periods, quoting the configured severities', () => {
    assertCharts(markdown, report);
    // The severity ids with quotes, `#`, `;`, `%` and backticks come out as entity codes, never raw.
    assert.ok(markdown.includes('bar "S2 #34;hot#34; #35;1#59; 50#37;" ['), markdown);
    assert.ok(markdown.includes('bar "SEV#96;3#96;" ['), markdown);
  });

  it('in a reading order: scope, totals, charts, figures, groups, budget, longest, services, related, actions, incidents', () => {
    const headings = tree.children.filter((node) => node.type === 'heading').map((node) => toString(node));
    assert.deepEqual(headings, [
      `Incident report as of ${AS_OF}`,
      'Totals',
      'Incidents per month',
      'Time to resolve per month',
      'Figures',
      'Figures by service',
      'Error budget',
      'Longest incidents',
      'Repeated services',
      'Related incidents',
      'Action items',
      'Overdue action items',
      'All incidents',
    ]);
  });

  it('keeps titles, services, owners and SLO names literal, whatever they hold', () => {
    const incidents = rows(table(tree, 'Started'));
    assert.deepEqual(
      incidents.map((cells) => cells[2]),
      report.incidents.map((incident) => incident.title.replace(/\n/g, ' ')),
    );
    assert.deepEqual(
      incidents.map((cells) => cells[5]),
      report.incidents.map((incident) => incident.services.join(', ')),
    );
    assert.deepEqual(
      rows(table(tree, 'Owner')).map((cells) => cells[0]),
      report.actions.byOwner.map((entry) => entry.key),
    );
    assert.deepEqual(
      rows(table(tree, 'SLO')).map((cells) => cells[0]),
      report.errorBudget.map((row) => row.slo),
    );
    assert.deepEqual(
      rows(table(tree, 'Service', 'Incidents', 'Ongoing')).map((cells) => cells[0]),
      report.groups.map((group) => group.key),
    );
    assert.deepEqual(
      rows(table(tree, 'Severity')).map((cells) => cells[0]),
      report.severities,
    );
    // Handlebars never sees incident text: `{{title}}` in a title stays as written.
    assert.ok(incidents[2]![2]!.endsWith('{{title}}'));
    assert.deepEqual(
      rows(table(tree, 'Service', 'Incidents', 'Which')).map((cells) => cells[0]),
      report.repeatedServices.map((row) => row.service),
    );
  });

  it('links each incident to its page, and drops links that may not be links', () => {
    const all = table(tree, 'Started');
    const cells = all.children.slice(1).map((row) => row.children[1]!);
    report.incidents.forEach((incident, i) => {
      const found = links(cells[i]!);
      if (incident.link.startsWith('javascript:')) {
        assert.deepEqual(found, [], 'an unsafe link is shown as text');
        assert.equal(toString(cells[i]!), incident.id);
      } else {
        assert.deepEqual(
          found.map((link) => [toString(link), link.url]),
          [[incident.id, `../postmortems/${incident.id}.md`]],
        );
      }
    });
    const urls = links(tree).map((link) => link.url);
    assert.ok(!urls.some((url) => /javascript:/i.test(url)));
    // Overdue items: the incident linked, the ticket linked by its last segment, an unsafe ticket as its text.
    const overdue = rows(table(tree, 'Incident', 'Action'));
    assert.deepEqual(
      overdue.map((cells) => [cells[0], cells[1], cells[2], cells[6], cells[7], cells[8]]),
      report.actions.overdue.map((item) => [
        item.incident,
        item.title,
        item.owner,
        String(item.daysOverdue),
        String(item.ageDays),
        item.ticket === null ? '—' : item.ticket.startsWith('https:') ? 'OPS-1|2' : item.ticket,
      ]),
    );
    assert.ok(urls.includes('https://tracker.example.com/browse/OPS-1%7C2'));
  });

  it('marks approximate figures and ongoing incidents, and names what the figures leave out', () => {
    const figures = rows(table(tree, 'Figure'));
    assert.deepEqual(figures[0], [
      'Duration',
      '2 (1 approximate)',
      '~1 day 4 hours 32 minutes',
      '~1 day 4 hours 32 minutes',
      '~2 days 7 hours 33 minutes',
      '~2 days 7 hours 33 minutes',
    ]);
    assert.deepEqual(figures[3], ['Time | to *mitigate* <u>', '0', '—', '—', '—', '—']);
    assert.ok(markdown.includes('Figures marked \\~ involve approximate times.'));
    const durations = rows(table(tree, 'Started')).map((cells) => cells[6]);
    assert.deepEqual(durations, ['ongoing', '~1 hour 30 minutes', '2 days 7 hours 33 minutes']);
    assert.ok(
      markdown.includes(
        '- Time to detect: [2026-11-20-checkout-errors](../postmortems/2026-11-20-checkout-errors.md) (not known), 2026-08-15-db-failover (not known)',
      ),
    );
  });

  it('names 25 incidents of a longer list in a sentence or a cell, then how many more', async () => {
    const report = handWritten();
    const ids = Array.from({ length: 1030 }, (_, index) => `2026-01-01-many-${String(index).padStart(4, '0')}`);
    report.figures[0]!.missing = ids.map((id) => ({ id, reason: 'ongoing' }));
    report.repeatedServices[0]!.incidents = ids;
    report.errorBudget[0]!.notCounted = ids.slice(0, 26);
    const long = renderReportMarkdown(report, await builtinReportTemplates());
    const named = (line: string) => line.match(/2026-01-01-many-\d{4}/g) ?? [];
    const note = long.split('\n').find((line) => line.startsWith('- Duration: '))!;
    assert.deepEqual(named(note), ids.slice(0, 25));
    assert.ok(note.endsWith('2026-01-01-many-0024 (ongoing), and 1,005 more'), note);
    const service = rows(table(parse(long), 'Service', 'Incidents', 'Which')).find((cells) => cells[0] === 'checkout|web')!;
    assert.deepEqual(named(service[2]!), ids.slice(0, 25));
    assert.ok(service[2]!.endsWith('2026-01-01-many-0024, and 1,005 more'), service[2]);
    const budget = rows(table(parse(long), 'SLO'))[0]!;
    assert.ok(budget.at(-1)!.endsWith('2026-01-01-many-0024, and 1 more'), budget.at(-1));
  });
});

describe('a report without incidents', () => {
  it('renders a short report that says so, and lints clean', async () => {
    const report = buildReport([], {
      asOf: AS_OF,
      groupBy: 'month',
      filters: { since: '2030-01-01', severities: ['SEV1'] },
      severities: ['SEV1', 'SEV2'],
      figureNames: ['duration', 'time to resolve'],
      link: (id) => `postmortems/${id}.md`,
    });
    const markdown = renderReportMarkdown(report, await builtinReportTemplates());
    assertStructure(markdown);
    await assertLintClean({ 'empty.md': markdown });
    assert.match(markdown, /No incident matches this scope\./);
    assert.match(markdown, /\| Started \| on or after 2030-01-01 \|/);
    assert.deepEqual(mermaidBlocks(markdown), []);
  });
});

describe('report templates', () => {
  /** Something each built-in report template prints, so that the tests here run every one in strict mode. */
  const MARKERS: Record<string, (string | RegExp)[]> = {
    report: [/^# Incident report as of /],
    title: ['| Scope | Value |'],
    totals: ['## Totals', '| Severity | Incidents |', '| Status | Incidents |', '| Service | Incidents |'],
    charts: ['## Incidents per month', '```mermaid', '## Time to resolve per month', 'Months without incidents are left out'],
    figures: ['## Figures', 'Left out of the figures, and why:'],
    groups: ['## Figures by service', '| Service | Incidents | Ongoing |'],
    'error-budget': ['## Error budget'],
    longest: ['## Longest incidents'],
    services: ['## Repeated services'],
    related: ['## Related incidents', '| Incidents | Which |'],
    actions: ['## Action items', '| Owner | Items |', '### Overdue action items'],
    incidents: ['## All incidents', 'Durations marked \\~ involve approximate times'],
  };

  it('are report/report.hbs and its partials in report/, apart from the postmortem templates', async () => {
    const report = await builtinReportTemplates();
    assert.deepEqual(Object.keys(report.sources).sort(), Object.keys(MARKERS).sort());
    for (const file of Object.values(report.sources)) assert.equal(dirname(file), join(BUILTIN_TEMPLATES, 'report'));
    const postmortem = await loadTemplates();
    assert.ok(postmortem.ok);
    assert.ok(!Object.values(postmortem.templates.sources).some((file) => file.startsWith(join(BUILTIN_TEMPLATES, 'report'))));
  });

  it('every built-in report template is exercised by the hand-written report', async () => {
    const markdown = renderReportMarkdown(handWritten(), await builtinReportTemplates());
    for (const [name, markers] of Object.entries(MARKERS)) {
      for (const marker of markers) {
        const found = typeof marker === 'string' ? markdown.includes(marker) : marker.test(markdown);
        assert.ok(found, `the report does not show ${String(marker)} (template ${name})`);
      }
    }
  });

  it('a folder overriding one partial by name replaces only that partial', async () => {
    const folder = tempDir('postmortem-report-override-');
    try {
      mkdirSync(join(folder, 'report'));
      mkdirSync(join(folder, 'postmortem'));
      writeFileSync(join(folder, 'report', 'totals.hbs'), '## In short\n\n{{totals.summary}}\n');
      writeFileSync(join(folder, 'postmortem', 'title.hbs'), '# {{titel}}\n'); // a postmortem partial: not read for reports
      const loaded = await loadReportTemplates([folder]);
      assert.ok(loaded.ok);
      assert.equal(loaded.templates.sources.totals, join(folder, 'report', 'totals.hbs'));
      for (const [name, file] of Object.entries(loaded.templates.sources)) {
        if (name !== 'totals') assert.equal(file, join(BUILTIN_TEMPLATES, 'report', `${name}.hbs`));
      }
      const markdown = renderReportMarkdown(handWritten(), loaded.templates);
      assert.match(markdown, /^## In short\n\n3 incidents, 1 ongoing/m);
      assert.doesNotMatch(markdown, /\| Status \| Incidents \|/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a misspelt field is an error, not empty text; a syntax error names its file', async () => {
    const folder = tempDir('postmortem-report-misspelt-');
    try {
      writeFileSync(join(folder, 'report-longest.hbs'), '{{#each longest}}\n- {{titel}}\n{{/each}}\n');
      const loaded = await loadReportTemplates([folder]);
      assert.ok(!loaded.ok, 'a misspelt field is found before rendering');
      const [misspelt] = loaded.diagnostics;
      assert.deepEqual([misspelt?.file, misspelt?.line, misspelt?.column], [join(folder, 'report-longest.hbs'), 2, 5]);
      assert.match(misspelt?.message ?? '', /^Unknown field `titel` in `longest\[\]`; did you mean `title`\?/);
      writeFileSync(join(folder, 'report.hbs'), '# {{title}\n');
      const broken = await loadReportTemplates([folder]);
      assert.ok(!broken.ok);
      assert.equal(broken.diagnostics[0]?.file, join(folder, 'report.hbs'));
      assert.match(misspelt?.hint ?? '', /templates\/README\.md.*ReportView/);
      // A broken report template does not stop postmortems.
      assert.ok((await loadTemplates([folder])).ok);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('mermaidString', () => {
  it('quotes any text so that it cannot end the string or be read as syntax', () => {
    for (const text of ['plain', 'a "quoted" #1; 50%', '`md`', 'x]\n  bar [1', '%% comment', 'été 😀 <b>', '#quot;']) {
      const quoted = mermaidString(text);
      assert.equal(label(quoted), text.replace(/\s+/g, ' ').trim(), quoted);
    }
  });

  it('writes a bar value in plain decimals: two of them, or two significant digits where they would show 0', () => {
    const source = barChart({ xTitle: 'Month', categories: ['a', 'b', 'c', 'd'], yTitle: 'Days', bars: [{ name: 'median', values: [4.126, 0.0312, 0.00069, 0.0000001] }] });
    assert.match(source, /bar "median" \[4\.13, 0\.03, 0\.00069, 0\.0000001\]/);
  });
});

describe('postmortemLink', () => {
  it('is relative to the report folder, with forward slashes, and encoded where a path would break', () => {
    assert.equal(postmortemLink('/p', '/p/postmortems/a.md'), 'postmortems/a.md');
    assert.equal(postmortemLink('/p/reports/2026', '/p/postmortems/a.md'), '../../postmortems/a.md');
    assert.equal(postmortemLink('/p', '/p/post mortems#1/a?.md'), 'post%20mortems%231/a%3F.md');
  });
});

// ---------------------------------------------------------------------------

/** A project in a temporary folder: the sample incidents, a configuration, and one invalid file when asked. */
function project(options: { invalid?: boolean; config?: string } = {}): string {
  const dir = tempDir('postmortem-report-');
  cpSync(join(ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
  writeFileSync(join(dir, 'postmortem.config.yaml'), options.config ?? 'incidents: incidents\nout: postmortems\n');
  if (options.invalid) {
    const good = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'incidents', 'broken.yaml'),
      good.replace('title: Global messaging outage', 'titel: Global messaging outage').replace('id: 2022-10-25-messaging-outage', 'id: broken'),
    );
  }
  return dir;
}


for (const { how, run, it, itEveryWay } of RUNNERS) {
  describe(`postmortem report (${how})`, () => {
    const dirs: string[] = [];
    after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    const fresh = (options?: Parameters<typeof project>[0]) => {
      const dir = project(options);
      dirs.push(dir);
      return dir;
    };

    itEveryWay('renders the samples: lint-clean Markdown, charts of the JSON periods, links to each postmortem', async () => {
      const md = await run(['report', '--as-of', AS_OF], ROOT);
      assert.equal(md.code, 0, md.stderr);
      assert.equal(md.stderr, '');
      const json = await run(['report', '--as-of', AS_OF, '--format', 'json'], ROOT);
      assert.equal(json.code, 0, json.stderr);
      const report = JSON.parse(json.stdout) as Report;
      assert.equal(report.asOf, AS_OF);
      assert.deepEqual(report.incidents.map((incident) => incident.id).sort(), REPORTED_SAMPLE_IDS);
      assert.deepEqual(report.setApart, { 'near-miss': 1, drill: 0 });
      await assertLintClean({ 'samples.md': md.stdout });
      assertCharts(md.stdout, report);
      const tree = assertStructure(md.stdout);
      const linked = new Map(links(table(tree, 'Started')).map((link) => [toString(link), link.url]));
      assert.deepEqual(
        [...linked.entries()].sort(),
        REPORTED_SAMPLE_IDS.map((id) => [id, `postmortems/${id}.md`]),
      );
    });

    itEveryWay('a template failing on a later row of all incidents is positioned in it, and --out writes nothing', async () => {
      // The rows are rendered as the report is written (deferred-each.ts); the first row is rendered up front and passes.
      const folder = tempDir('postmortem-report-late-');
      dirs.push(folder);
      mkdirSync(join(folder, 'report'));
      writeFileSync(join(folder, 'report', 'incidents.hbs'), '## All\n\n{{#each incidents}}\n- {{title}}{{#unless @first}} {{../figures.[40].name}}{{/unless}}\n{{/each}}\n');
      const out = join(folder, 'out', 'report.md');
      const result = await run(['report', '--as-of', AS_OF, '--templates', folder, '--out', out], ROOT);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /incidents\.hbs:4:33: error: Cannot render the report: .*\(report\.hbs → incidents\.hbs\) \[template-error\]/);
      assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
      assert.ok(!existsSync(out) || readdirSync(dirname(out)).length === 0, 'nothing written');
    });

    it('counts near misses and drills apart, out of every figure, unless --include counts them as incidents', async () => {
      const incident = readFileSync(join(FIXTURES, 'valid', 'identified-milestone', 'input.yaml'), 'utf8');
      const dir = incidentProject({
        'incident.yaml': incident,
        'near-miss.yaml': readFileSync(join(FIXTURES, 'valid', 'near-miss', 'input.yaml'), 'utf8'),
        'drill.yaml': incident.replace('id: 2023-09-14-payments-timeouts', 'id: 2023-09-20-payments-game-day').replace('status: final\n', 'status: final\ntype: drill\n'),
      });
      dirs.push(dir);
      const json = await run(['report', '--as-of', AS_OF, '--format', 'json'], dir);
      assert.equal(json.code, 0, json.stderr);
      const report = JSON.parse(json.stdout) as Report;
      assert.deepEqual(report.incidents.map((row) => row.id), ['2023-09-14-payments-timeouts']);
      assert.deepEqual([report.totals.incidents, report.setApart, report.include], [1, { 'near-miss': 1, drill: 1 }, []]);
      assert.ok(report.figures.every((figure) => figure.count + figure.missing.length === 1));
      const md = await run(['report', '--as-of', AS_OF], dir);
      assert.match(md.stdout, /^\| Counted apart \| 1 near miss and 1 drill, left out of every figure \(--include near-miss,drill counts them\) \|$/m);
      await assertLintClean({ 'set-apart.md': md.stdout });

      const all = await run(['report', '--as-of', AS_OF, '--format', 'json', '--include', 'near-miss', '--include', 'drill'], dir);
      const included = JSON.parse(all.stdout) as Report;
      assert.equal(included.totals.incidents, 3);
      assert.deepEqual([included.setApart, included.include], [{ 'near-miss': 0, drill: 0 }, ['near-miss', 'drill']]);
      const drills = await run(['report', '--as-of', AS_OF, '--include', 'drill'], dir);
      assert.match(drills.stdout, /^\| Included \| drills, counted as incidents \|$/m);
      assert.match(drills.stdout, /^\| Counted apart \| 1 near miss, left out of every figure \(--include near-miss counts them\) \|$/m);
      const wrong = await run(['report', '--include', 'incident'], dir);
      assert.equal(wrong.code, 2);
    });

    it('counts a detection before impact (proactive) as 0 in every statistic, and says how many there were', async () => {
      const dir = incidentProject({
        'proactive.yaml': readFileSync(join(FIXTURES, 'valid', 'proactive-detection', 'input.yaml'), 'utf8'),
        'late.yaml': readFileSync(join(FIXTURES, 'valid', 'identified-milestone', 'input.yaml'), 'utf8'),
      });
      dirs.push(dir);
      const json = await run(['report', '--as-of', AS_OF, '--format', 'json'], dir);
      assert.equal(json.code, 0, json.stderr);
      const detect = (JSON.parse(json.stdout) as Report).figures.find((figure) => figure.name === 'time to detect')!;
      // 4 minutes before impact counts as 0; the other incident was detected after 4 minutes.
      assert.deepEqual([detect.count, detect.proactive, detect.mean, detect.median, detect.max], [2, 1, 120, 120, 240]);
      const md = await run(['report', '--as-of', AS_OF], dir);
      assert.match(md.stdout, /^\| Time to detect \(impact start to detected\) \| 2 \(1 proactive, counted as 0\) \| 2 minutes \| 2 minutes \| 4 minutes \| 4 minutes \|$/m);
    });

    it('says what each figure measures wherever it is shown, as configured: per-period, per-group and duration columns, the chart caption', async () => {
      const dir = incidentProject(
        Object.fromEntries(readdirSync(join(ROOT, 'incidents')).map((name) => [name, readFileSync(join(ROOT, 'incidents', name), 'utf8')])),
        'metrics:\n  time to resolve: { from: detected, to: resolved }\n  duration: { from: impact-start, to: mitigated }\n',
      );
      dirs.push(dir);
      const md = await run(['report', '--as-of', AS_OF, '--by', 'service'], dir);
      assert.equal(md.code, 0, md.stderr);
      assert.match(md.stdout, /\| Median time to resolve \(detected to resolved\) \| p90 time to resolve \(detected to resolved\) \|$/m);
      assert.match(md.stdout, /^Time to resolve \(detected to resolved\) of each month's resolved incidents/m);
      assert.match(md.stdout, /^\| Service \| Incidents \| Ongoing \| Median duration \(impact start to mitigated\) \| Median time to detect \(impact start to detected\) \|/m);
      assert.match(md.stdout, /^\| Incident \| Title \| Started \| Severity \| Duration \(impact start to mitigated\) \|$/m);
      assert.match(md.stdout, /^\| Started \| Incident \| Title \| Severity \| Status \| Services \| Duration \(impact start to mitigated\) \|$/m);
    });

    it('draws a short time beside a long one as a short bar, not as none, and says when the times are approximate', async () => {
      const incident = (id: string, start: string, end: string) =>
        `id: ${id}\ntitle: ${id}\nseverity: SEV2\nsummary: x\nimpact:\n  description: x\ntimeline:\n  - { at: '${start}', kind: impact-start, text: a }\n  - { at: '${end}', kind: resolved, text: b }\n`;
      const dir = incidentProject({ 'a.yaml': incident('short-one', '~2024-05-10 10:00', '~2024-05-10 10:45'), 'b.yaml': incident('long-one', '2024-06-10 10:00', '2024-06-14 10:00') });
      dirs.push(dir);
      const md = await run(['report', '--as-of', AS_OF], dir);
      assert.equal(md.code, 0, md.stderr);
      const chart = /## Time to resolve per month\n\n```mermaid\n([\s\S]*?)```/.exec(md.stdout)?.[1] ?? '';
      // 45 minutes in days: 0.03, not 0 (no resolved incident).
      assert.match(chart, /bar "median" \[0\.03, 4\]/);
      assert.match(md.stdout, /has no bar\. Some of these times are approximate \(marked \\~ in the table above\)\.$/m);
    });

    it('--as-of bounds the report: later incidents left out and counted in the scope, later milestones not counted', async () => {
      // 2024-03-29's incident was resolved on 1 April: ongoing on the 30th. The three later samples had not started.
      const json = await run(['report', '--as-of', '2024-03-30', '--format', 'json'], ROOT);
      assert.equal(json.code, 0, json.stderr);
      const report = JSON.parse(json.stdout) as Report;
      assert.deepEqual(
        report.incidents.map((incident) => [incident.id, incident.ongoing]),
        [
          ['2024-03-29-order-confirmation-delays', true],
          ['2022-10-25-messaging-outage', false],
        ],
      );
      assert.deepEqual([report.startedAfterAsOf, report.totals.incidents, report.totals.ongoing], [3, 2, 1]);
      assert.ok(report.actions.overdue.every((item) => item.ageDays >= 0 && item.daysOverdue > 0));
      const md = await run(['report', '--as-of', '2024-03-30'], ROOT);
      assert.match(md.stdout, /^\| Left out \| 3 incidents that started after 2024-03-30 \|$/m);
      await assertLintClean({ 'as-of.md': md.stdout });

      const before = await run(['report', '--as-of', '2022-06-30'], ROOT);
      assert.equal(before.code, 0, before.stderr);
      assert.match(before.stdout, /^\| Left out \| 5 incidents that started after 2022-06-30 \|$/m);
      assert.match(before.stdout, /^No incident matches this scope\.$/m);
    });

    it('every grouping lints clean', async () => {
      const strings: Record<string, string> = {};
      for (const by of ['month', 'quarter', 'year', 'service', 'severity']) {
        const result = await run(['report', '--as-of', AS_OF, '--by', by], ROOT);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, new RegExp(`^## Figures by ${by}$`, 'm'));
        strings[`by-${by}.md`] = result.stdout;
      }
      await assertLintClean(strings);
    });

    it('--format csv starts with its header and is the CSV of the JSON report', async () => {
      const csv = await run(['report', '--as-of', AS_OF, '--format', 'csv'], ROOT);
      assert.equal(csv.code, 0, csv.stderr);
      const json = await run(['report', '--as-of', AS_OF, '--format', 'json'], ROOT);
      assert.match(csv.stdout.split('\n')[0]!, /^[a-z][a-z0-9_]*(?:,[a-z][a-z0-9_]*)+$/);
      assert.equal(csv.stdout, reportToCsv(JSON.parse(json.stdout) as Report));
      const raw = await run(['report', '--as-of', AS_OF, '--format', 'csv', '--raw-csv'], ROOT);
      assert.equal(raw.stdout, reportToCsv(JSON.parse(json.stdout) as Report, { raw: true }));
    });

    itEveryWay('--out writes the file atomically, says so on stderr, and links relative to it', async () => {
      const dir = fresh();
      const result = await run(['report', '--as-of', AS_OF, '--out', 'reports/2026/november.md'], dir);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, 'wrote reports/2026/november.md\n');
      assert.deepEqual(readdirSync(join(dir, 'reports', '2026')), ['november.md'], 'no temporary file left behind');
      const markdown = readFileSync(join(dir, 'reports', '2026', 'november.md'), 'utf8');
      const urls = links(table(parse(markdown), 'Started')).map((link) => link.url);
      assert.deepEqual(urls.sort(), REPORTED_SAMPLE_IDS.map((id) => `../../postmortems/${id}.md`));
      // The same bytes as on standard output, but for the links.
      const printed = await run(['report', '--as-of', AS_OF], dir);
      assert.equal(markdown.replaceAll('../../postmortems/', 'postmortems/'), printed.stdout);
    });

    it('a --templates folder overrides report.hbs', async () => {
      const dir = fresh();
      mkdirSync(join(dir, 'custom'));
      writeFileSync(join(dir, 'custom', 'report.hbs'), '# Review {{asOf}}\n\n{{#each incidents}}\n- {{incident}}: {{title}} ({{duration}})\n{{/each}}\n');
      const result = await run(['report', '--as-of', AS_OF, '--templates', 'custom'], dir);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(
        result.stdout,
        '# Review 2026-11-25\n\n' +
          '- [2025-06-10-upi-payment-failures](postmortems/2025-06-10-upi-payment-failures.md): UPI payments failing through one partner bank (ongoing)\n' +
          '- [2024-07-02-cdn-edge-errors](postmortems/2024-07-02-cdn-edge-errors.md): Edge errors after an origin routing change (3 hours)\n' +
          '- [2024-03-29-order-confirmation-delays](postmortems/2024-03-29-order-confirmation-delays.md): Order confirmation e-mails delayed over the Easter weekend (2 days 15 hours 45 minutes)\n' +
          '- [2022-10-25-messaging-outage](postmortems/2022-10-25-messaging-outage.md): Global messaging outage (\\~1 hour 57 minutes)\n',
      );
      // The configured folder is used when --templates is not given.
      writeFileSync(join(dir, 'postmortem.config.yaml'), 'templates: custom\n');
      const configured = await run(['report', '--as-of', AS_OF], dir);
      assert.equal(configured.stdout, result.stdout);
    });

    it('a template error is reported on stderr without a stack trace, exit 1', async () => {
      const dir = fresh();
      mkdirSync(join(dir, 'custom'));
      writeFileSync(join(dir, 'custom', 'report-longest.hbs'), '{{#each longest}}\n- {{titel}}\n{{/each}}\n');
      const result = await run(['report', '--as-of', AS_OF, '--templates', 'custom'], dir);
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^custom\/report-longest\.hbs:2:5: error: Unknown field `titel` in `longest\[\]`; did you mean `title`\? \(report\.hbs → report-longest\.hbs\) \[template-error\]$/m);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
      writeFileSync(join(dir, 'custom', 'report.hbs'), '# {{title}\n');
      const syntax = await run(['report', '--as-of', AS_OF, '--templates', 'custom'], dir);
      assert.equal(syntax.code, 1);
      assert.match(syntax.stderr, /custom\/report\.hbs/);
      assert.doesNotMatch(syntax.stderr, /\n\s+at /);
    });

    itEveryWay('groups related incidents in Markdown and JSON, and warns at a related id no file has', async () => {
      const dir = tempDir('postmortem-report-related-');
      dirs.push(dir);
      cpSync(join(FIXTURES, 'report'), dir, { recursive: true });
      // One more link from r04, to an incident of no file: a warning at it, and no group for it.
      const r04 = join(dir, 'incidents', 'r04-kolkata-may-payments.yaml');
      writeFileSync(r04, readFileSync(r04, 'utf8').replace('related: [r07-la-september-payments]', 'related: [r07-la-september-payments, r99-not-written]'));
      const json = await run(['report', '--as-of', '2026-02-10', '--format', 'json'], dir);
      assert.equal(json.code, 0, json.stderr);
      assert.deepEqual((JSON.parse(json.stdout) as Report).relatedGroups, [
        { count: 3, incidents: ['r03-utc-april-search', 'r06-berlin-june-search', 'r11-tokyo-january-search'] },
        { count: 3, incidents: ['r04-kolkata-may-payments', 'r07-la-september-payments', 'r13-la-new-years-eve-payments'] },
      ]);
      assert.match(json.stderr, /^incidents\/r04-kolkata-may-payments\.yaml:43:38: warning: Unexpected `r99-not-written` in `related`.* \[unknown-related\]$/m);
      assert.match(json.stderr, /; 0 errors, 1 warning\n$/);
      const md = await run(['report', '--as-of', '2026-02-10', '--out', 'reports/report.md'], dir);
      assert.equal(md.code, 0, md.stderr);
      const markdown = readFileSync(join(dir, 'reports', 'report.md'), 'utf8');
      await assertLintClean({ 'related.md': markdown });
      const groups = table(parse(markdown), 'Incidents', 'Which');
      assert.deepEqual(rows(groups), [
        ['3', 'r03-utc-april-search, r06-berlin-june-search, r11-tokyo-january-search'],
        ['3', 'r04-kolkata-may-payments, r07-la-september-payments, r13-la-new-years-eve-payments'],
      ]);
      // Linked relative to the report, as every other list of incidents.
      assert.deepEqual(links(groups.children[1]!).map((link) => link.url), ['r03-utc-april-search', 'r06-berlin-june-search', 'r11-tokyo-january-search'].map((id) => `../postmortems/${id}.md`));
    });

    itEveryWay('an invalid incident file: problems on stderr, the report covers the valid ones, exit 1', async () => {
      const dir = fresh({ invalid: true });
      const result = await run(['report', '--as-of', AS_OF, '--format', 'json'], dir);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /broken\.yaml/);
      const report = JSON.parse(result.stdout) as Report;
      assert.deepEqual(report.incidents.map((incident) => incident.id).sort(), REPORTED_SAMPLE_IDS);
    });

    itEveryWay('exits 2 on a bad --as-of, --since or --severity, with a message and no stack trace', async () => {
      const cases: [string[], RegExp][] = [
        [['--as-of', '2026-13-01'], /--as-of `2026-13-01`/],
        [['--as-of', AS_OF, '--since', '2026-02-30'], /--since `2026-02-30`/],
        [['--as-of', AS_OF, '--until', 'yesterday'], /--until `yesterday`/],
        [['--as-of', AS_OF, '--since', '2026-02-01', '--until', '2026-01-01'], /after --until/],
        [['--as-of', AS_OF, '--severity', 'sev1'], /did you mean `SEV1`\?/],
        [['--as-of', AS_OF, '--severity', 'SEV9'], /not a configured level\. The levels are `SEV1`/],
      ];
      for (const [argv, message] of cases) {
        const result = await run(['report', ...argv], ROOT);
        assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, /^postmortem: /);
        assert.match(result.stderr, message);
        assert.doesNotMatch(result.stderr, /\n\s+at /);
      }
    });

    it('filters are applied and shown in the scope', async () => {
      const result = await run(['report', '--as-of', AS_OF, '--severity', 'SEV2', '--status', 'final', '--since', '2024-01-01'], ROOT);
      assert.equal(result.code, 0, result.stderr);
      const tree = parse(result.stdout);
      assert.deepEqual(rows(table(tree, 'Scope')).slice(2), [
        ['Started', 'on or after 2024-01-01'],
        ['Severities', 'SEV2'],
        ['Statuses', 'final'],
      ]);
      assert.deepEqual(
        links(table(tree, 'Started')).map((link) => toString(link)),
        ['2024-03-29-order-confirmation-delays'],
      );
    });
  });
}

describe('report output is byte-identical whatever the machine time zone and locale', () => {
  function report(env: Record<string, string>, format: string): Buffer {
    assert.ok(existsSync(BIN), `${BIN} is missing: run npm run build first`);
    const result = spawnSync(process.execPath, [BIN, 'report', '--as-of', AS_OF, '--format', format], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.equal(result.status, 0, `report failed under ${JSON.stringify(env)}: ${String(result.stderr)}`);
    return result.stdout;
  }

  for (const format of ['md', 'json', 'csv']) {
    it(`--format ${format} under TZ=Pacific/Chatham LANG=tr_TR.UTF-8 and TZ=America/St_Johns LANG=de_DE.UTF-8`, () => {
      const reference = report({ TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' }, format);
      for (const env of [
        { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
        { TZ: 'America/St_Johns', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
      ]) {
        assert.ok(report(env, format).equals(reference), `differs under ${JSON.stringify(env)}`);
      }
    });
  }
});
