/**
 * A report over many incidents prints piece by piece, and a long list a
 * block or an item at a time, never holding every row's tree: the bytes are
 * those of the remark stage over the whole template output (compared here on
 * hand-written, generated and user-templated reports), and a report over
 * thousands of incidents finishes under a heap limit that holding every
 * row's tree at once exceeds. No timed assertions.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { generateIncidents } from '../bench/generate.js';
import { defaultConfig } from '../src/config/config.js';
import { buildReport } from '../src/report/build-report.js';
import { collectRecords } from '../src/report/collect-records.js';
import type { Report } from '../src/report/report-model.js';
import { type ReportTemplates, loadReportTemplates, renderReportMarkdown, renderReportMarkdownGeneral } from '../src/report/render-report.js';
import { FIXTURES, ROOT, tempDir } from './helpers.js';

const DIST = join(ROOT, 'dist');

const AS_OF = '2026-11-25';

async function templatesFrom(folders: string[] = []): Promise<ReportTemplates> {
  const loaded = await loadReportTemplates(folders);
  assert.ok(loaded.ok, JSON.stringify(loaded.diagnostics));
  return loaded.templates;
}

/** A report over `count` generated incidents of the given kind. */
async function generatedReport(count: number, kind: 'bench' | 'short', seed: string): Promise<Report> {
  const folder = tempDir('postmortem-report-memory-');
  generateIncidents(join(folder, 'incidents'), count, seed, kind);
  const config = defaultConfig(folder);
  const collected = await collectRecords({ config, cwd: folder, inputs: ['incidents'] });
  assert.equal(collected.summary.invalid, 0);
  return buildReport(collected.records, {
    asOf: AS_OF,
    groupBy: 'month',
    filters: {},
    severities: config.severities.map((level) => level.id),
    figureNames: config.figures.map((figure) => figure.name),
    link: (id) => `../postmortems/${id}.md`,
  });
}

/** The hand-written report, its titles and names changed to what the printer must escape in a list item or a table cell. */
function trickyReport(): Report {
  const report = JSON.parse(readFileSync(join(FIXTURES, 'report-render', 'report.json'), 'utf8')) as Report;
  const texts = ['- a list?', '1. ordered?', '---', '# heading?', '*stars* and _under_scores_', 'a | pipe \\ slash', '<b>html</b> &amp;', '[x](y) `code`', '~~gone~~'];
  report.incidents.forEach((incident, index) => {
    incident.title = texts[index % texts.length]!;
    incident.services = [texts[(index + 3) % texts.length]!];
  });
  for (const figure of report.figures) figure.missing = report.incidents.map((incident, index) => ({ id: incident.id, reason: index % 2 ? 'ongoing' : 'not known' }));
  return report;
}

/** User templates that put the long lists where the printer joins blocks otherwise: side by side, marked up, a token alone. */
function userTemplates(): string[] {
  const cases: Record<string, string> = {
    'two-lists': '## Notes\n\n{{#each figureNotes}}\n- {{name}}: {{leftOut}}\n{{/each}}\n\n{{#each figureNotes}}\n- {{leftOut}}\n{{/each}}\n',
    'marked-up': '## Notes\n\nLeft out:\n\n{{#each figureNotes}}\n- **{{name}}**: {{leftOut}} _(see above)_\n{{/each}}\nNo blank line before this paragraph.\n',
    'token-alone': '## Notes\n\n{{#each figureNotes}}\n- {{leftOut}}\n\n{{/each}}\n```text\n- not a list\n\n- {{title}}\n```\n',
  };
  return Object.entries(cases).map(([name, figures]) => {
    const folder = tempDir(`postmortem-report-${name}-`);
    mkdirSync(join(folder, 'report'));
    writeFileSync(join(folder, 'report', 'figures.hbs'), figures);
    return folder;
  });
}

describe('a report prints piece by piece the bytes of the whole remark stage', () => {
  it('on the hand-written report, with text to escape, and in pieces of any size', async () => {
    const templates = await templatesFrom();
    for (const report of [JSON.parse(readFileSync(join(FIXTURES, 'report-render', 'report.json'), 'utf8')) as Report, trickyReport()]) {
      const expected = renderReportMarkdownGeneral(report, templates);
      for (const size of [undefined, 1, 200, 3000]) assert.equal(renderReportMarkdown(report, templates, size), expected, `pieces of ${size}`);
    }
  });

  it('on generated reports, long and short incidents', async () => {
    const templates = await templatesFrom();
    for (const [count, kind] of [
      [300, 'short'],
      [120, 'bench'],
    ] as const) {
      const report = await generatedReport(count, kind, `report-memory-${kind}`);
      assert.ok(report.figures.some((figure) => figure.missing.length > 20));
      const expected = renderReportMarkdownGeneral(report, templates);
      for (const size of [undefined, 500]) assert.equal(renderReportMarkdown(report, templates, size), expected, `${count} ${kind} incidents, pieces of ${size}`);
    }
  });

  it('with user templates that put lists side by side, mark items up or leave a token alone', async () => {
    for (const folder of userTemplates()) {
      const templates = await templatesFrom([folder]);
      for (const report of [trickyReport(), await generatedReport(60, 'short', 'report-memory-user')]) {
        const expected = renderReportMarkdownGeneral(report, templates);
        for (const size of [undefined, 300]) assert.equal(renderReportMarkdown(report, templates, size), expected, `${folder}, pieces of ${size}`);
      }
    }
  });
});

/**
 * A child process under a heap limit renders a report of `count` incidents
 * (every one of them ongoing, so left out of each of the five figures when
 * `leftOut`), from the built library, and prints how many characters it
 * wrote.
 */
function renderUnderHeapLimit(megabytes: number, count: number, { whole = false, leftOut = false } = {}) {
  const script = `
    const { loadReportTemplates, reportMarkdownPieces } = await import(${JSON.stringify(pathToFileURL(join(DIST, 'index.js')).href)});
    const count = ${count};
    const ids = Array.from({ length: count }, (_, i) => \`2026-01-01-checkout-partial-outage-\${String(i).padStart(6, '0')}\`);
    const none = { count: 0, mean: null, median: null, p90: null, max: null };
    const names = ['duration', 'time to detect', 'time to acknowledge', 'time to mitigate', 'time to resolve'];
    const report = {
      asOf: '2026-11-25', groupBy: 'month', periodUnit: 'month', filters: {}, startedAfterAsOf: 0, include: [], setApart: { 'near-miss': 0, drill: 0 }, severities: ['SEV1'],
      incidents: ids.map((id) => ({ id, title: \`Checkout partial outage \${id}\`, date: '2026-01-01', start: '2026-01-01T00:00:00Z', severity: 'SEV1', status: 'draft', type: 'incident', services: ['checkout'], durationSeconds: null, durationApproximate: false, durationPrecision: 'time', ongoing: true, noImpact: false, link: \`../postmortems/\${id}.md\` })),
      totals: { incidents: count, ongoing: count, approximate: 0, bySeverity: [{ key: 'SEV1', count }], byStatus: [{ key: 'draft', count }], byService: [{ key: 'checkout', count }] },
      periods: [{ period: '2026-01', incidents: count, bySeverity: [{ key: 'SEV1', count }], timeToResolve: none }],
      figures: names.map((name) => ({ name, ...none, approximate: 0, missing: ${leftOut} ? ids.map((id) => ({ id, reason: 'ongoing' })) : [] })),
      groups: [], errorBudget: [], longest: [], repeatedServices: [], relatedGroups: [], actions: { total: 0, byStatus: [], byOwner: [], byType: [], overdue: [] },
    };
    const loaded = await loadReportTemplates();
    let chars = 0;
    for (const piece of reportMarkdownPieces(report, loaded.templates, ${whole ? 'Number.POSITIVE_INFINITY' : 'undefined'})) chars += piece.length;
    process.stdout.write(String(chars));
  `;
  const result = spawnSync(process.execPath, [`--max-old-space-size=${megabytes}`, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: `${result.stderr.slice(0, 1000)}…${result.stderr.slice(-1000)}` };
}

describe('report memory does not hold every row’s tree', () => {
  // 100,000 incidents: the report alone is about 34 MB live. Its rows are
  // made, printed and released one at a time, so the run fits in 96 MB
  // (measured: 80 MB is enough); with every row made at once, before the
  // template's list was deferred, it needed 160 MB.
  it('a report of 100,000 incidents renders under a 96 MB heap', () => {
    const run = renderUnderHeapLimit(96, 100_000);
    assert.equal(run.signal, null, run.stderr);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(Number(run.stdout) > 20_000_000, run.stdout);
  });

  it('the same limit is one that holding every row’s tree exceeds', () => {
    const run = renderUnderHeapLimit(96, 100_000, { whole: true });
    assert.notEqual(run.code, 0, 'the whole document as one piece fitted: the limit tests nothing');
    assert.match(run.stderr, /heap out of memory/);
  });

  // Each figure's note names 25 of the 20,000 incidents it leaves out, then how many more.
  it('a figure that leaves out 20,000 incidents names 25 of them', () => {
    const run = renderUnderHeapLimit(96, 20_000, { leftOut: true });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(Number(run.stdout) < 6_000_000, run.stdout);
  });
});
