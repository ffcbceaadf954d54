/**
 * `{{#each}}` over a deferred list renders, row by row as its output is
 * read, the bytes Handlebars' own `each` renders over the same items as a
 * plain array; a row that fails later is positioned as if its templates were
 * still running; and each row's tokens are released once it is printed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Handlebars from 'handlebars';
import { DeferredEach } from '../src/render/deferred-each.js';
import type { OutputChunk } from '../src/render/output-chunk.js';
import { deferredList, isDeferredList } from '../src/render/deferred-list.js';
import { printInPieces } from '../src/render/markdown/process-in-pieces.js';
import { Slots } from '../src/render/markdown/slots.js';
import { normaliseMarkdown } from '../src/render/render-postmortem.js';
import { buildReportView } from '../src/report/build-report-view.js';
import { loadReportTemplates, renderReportMarkdown, renderReportMarkdownGeneral } from '../src/report/render-report.js';
import type { Report } from '../src/report/report-model.js';
import { FIXTURES, tempDir } from './helpers.js';

interface Item {
  name: string;
  tags: readonly string[];
  flag: boolean;
}

const items = (count: number): Item[] =>
  Array.from({ length: count }, (_, index) => ({ name: `item ${index}`, tags: deferredList(index % 3, (tag) => `t${index}.${tag}`), flag: index === 3 }));

/** A Handlebars environment with the deferring `each`, and what it renders for `view`, joined. */
function environment() {
  const env = Handlebars.create();
  const deferred = new DeferredEach<string>(env, (error, running) => new Error(`${running.join(' > ')}: ${(error as Error).message}`));
  const render = (source: string, view: unknown): OutputChunk[] => {
    const compiled = env.compile(source, { strict: true, noEscape: true });
    return [...deferred.render(() => compiled(view))];
  };
  return { env, deferred, render };
}

const text = (chunks: OutputChunk[]) => chunks.filter((chunk): chunk is string => typeof chunk === 'string').join('');

describe('a deferred list', () => {
  it('is an array to templates: length, numbered items, Array.isArray, iteration', () => {
    const list = deferredList(3, (index) => ({ index }));
    assert.ok(Array.isArray(list) && isDeferredList(list));
    assert.equal(list.length, 3);
    assert.deepEqual(list[2], { index: 2 });
    assert.equal(list[3], undefined);
    assert.ok('1' in list && !('3' in list) && Object.hasOwn(list, '0'));
    assert.deepEqual([...list], [{ index: 0 }, { index: 1 }, { index: 2 }]);
    assert.ok(!isDeferredList([]));
  });
});

describe('{{#each}} over a deferred list', () => {
  const templates = [
    '{{#each items}}{{@index}}:{{name}}{{#if @first}} first{{/if}}{{#if @last}} last{{/if}} ({{@key}})\n{{/each}}',
    '{{#each items as |item i|}}{{i}}={{item.name}};{{/each}}',
    '{{#each items}}{{name}}[{{#each tags}}{{this}}{{#unless @last}},{{/unless}}{{else}}none{{/each}}]\n{{/each}}',
    '{{items.length}} {{items.[1].name}} {{lookup (lookup items 2) "name"}}{{#with items}} {{length}}{{/with}}',
    '{{#each items}}{{name}}{{else}}nothing{{/each}}!',
    '{{#if items}}some{{else}}none{{/if}} {{#each items}}{{../title}}/{{name}}{{#each ../items}}.{{/each}}\n{{/each}}',
  ];

  it('renders what Handlebars renders over a plain array, for every block feature', () => {
    const { render } = environment();
    for (const source of templates) {
      for (const count of [0, 1, 2, 5]) {
        const lazy = { title: 'T', items: deferredList(count, (index) => items(count)[index]!) };
        const eager = () => Handlebars.compile(source, { strict: true, noEscape: true })({ title: 'T', items: items(count).map((item) => ({ ...item, tags: [...item.tags] })) });
        // `items.[1]` of a shorter list fails in strict mode, either way.
        if (source.includes('items.[1]') && count < 2) {
          assert.throws(eager, /"name" not defined/);
          assert.throws(() => render(source, lazy), /"name" not defined/);
        }
        else assert.equal(text(render(source, lazy)), eager(), `${source} over ${count}`);
      }
    }
  });

  it('renders each row only when its output is read', () => {
    const { env, deferred } = environment();
    let made = 0;
    const list = deferredList(1000, (index) => {
      made += 1;
      return { name: `row ${index}` };
    });
    const template = env.compile('{{#each list}}{{name}}\n{{/each}}', { strict: true });
    const chunks = deferred.render(() => template({ list }))[Symbol.iterator]();
    // The first row is rendered while the template runs: a template failing on every row fails before anything is read.
    assert.equal(made, 1);
    chunks.next();
    chunks.next();
    assert.ok(made <= 3, `${made} rows made for two chunks`);
  });

  it('a row failing after the template returned is positioned through the templates that were running', () => {
    const { deferred, env } = environment();
    const template = env.compile('{{#each items}}{{#if flag}}{{missing}}{{/if}}{{name}}\n{{/each}}', { strict: true });
    deferred.running.push('main.hbs', 'rows.hbs');
    const chunks = deferred.render(() => template({ items: deferredList(5, (index) => items(5)[index]!) }));
    deferred.running.length = 0;
    assert.throws(() => [...chunks], /^Error: main\.hbs > rows\.hbs: "missing" not defined/);
  });
});

describe('a report’s rows', () => {
  const report = (): Report => JSON.parse(readFileSync(join(FIXTURES, 'report-render', 'report.json'), 'utf8')) as Report;

  it('render, through user templates using every block feature, the bytes of the rows made at once', async () => {
    const folder = tempDir('postmortem-deferred-');
    mkdirSync(join(folder, 'report'));
    writeFileSync(
      join(folder, 'report', 'incidents.hbs'),
      '## All incidents\n\n{{incidents.length}} incidents, the first {{incidents.[0].incident}}.\n\n' +
        '{{#each incidents as |row i|}}\n- {{i}} {{row.incident}}{{#if @last}} (last){{/if}}: {{#each ../incidents}}{{#if @first}}{{title}}{{/if}}{{/each}}\n{{/each}}\n\n' +
        '| Title | Severity |\n| --- | --- |\n{{#each incidents}}\n| {{title}} | {{severity}} |\n{{/each}}\n',
    );
    const loaded = await loadReportTemplates([folder]);
    assert.ok(loaded.ok, JSON.stringify(loaded.diagnostics));
    // Every row made at once: a plain array, which Handlebars' own `each` renders.
    const slots = new Slots();
    const view = buildReportView(report(), slots);
    const atOnce = normaliseMarkdown(loaded.templates.render({ ...view, incidents: [...view.incidents] }), slots, Number.POSITIVE_INFINITY);
    assert.ok(atOnce.includes('3 incidents, the first'), atOnce);
    assert.equal(renderReportMarkdownGeneral(report(), loaded.templates), atOnce);
    for (const pieces of [undefined, 1, 40]) assert.equal(renderReportMarkdown(report(), loaded.templates, pieces), atOnce, `pieces of ${pieces}`);
  });

  it('release their tokens once printed, and only then', async () => {
    const loaded = await loadReportTemplates();
    assert.ok(loaded.ok);
    const big = report();
    const model = big.incidents[0]!;
    big.incidents = Array.from({ length: 2000 }, (_, index) => ({ ...model, id: `2026-01-01-row-${index}`, link: `../postmortems/2026-01-01-row-${index}.md` }));
    const slots = new Slots();
    const chunks = loaded.templates.renderInChunks(buildReportView(big, slots), slots);
    let printed = 0;
    let most = 0;
    for (const piece of printInPieces(chunks, (piece) => piece, 500)) {
      printed += piece.length;
      most = Math.max(most, slots.kept);
    }
    assert.ok(printed > 2000 * 50);
    // Every row makes 7 tokens: 14,000 in all, and far fewer are ever kept at once.
    assert.ok(most < 1000, `${most} tokens kept at once`);
    // Without the releases, every row's tokens stay.
    const keptAll = new Slots();
    for (const piece of printInPieces(loaded.templates.renderInChunks(buildReportView(big, keptAll)), (piece) => piece, 500)) void piece;
    assert.ok(keptAll.kept > 14_000, `${keptAll.kept} tokens kept without releases`);
  });
});
