/**
 * publish prints each postmortem from its tree (postmortem-tree.ts), never
 * parsing its Markdown back in. Every target must still write what it wrote
 * when it parsed the printed Markdown: the GitHub printer gives
 * `renderPostmortem`'s bytes, and each dialect printer and the HTML
 * conversion give, from the tree, what they give from that Markdown. For
 * the fixtures, the samples, the hostile fixture, a user's template outside
 * the fast path's grammar, and random text with every piece of Markdown
 * syntax (raw HTML, unsafe links, lists and paragraphs in list items) in
 * every field a template shows. The same for links to other incidents, the
 * description, and the report's and the index's trees.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import { parseDocument } from 'yaml';
import { defaultConfig } from '../src/config/config.js';
import type { Incident } from '../src/model/incident.js';
import { forDocusaurus, printDocusaurus } from '../src/publish/docusaurus.js';
import { markdownToHtml, treeToHtml } from '../src/publish/html-markdown.js';
import { forHugo, printHugo } from '../src/publish/hugo.js';
import { forKramdown, printKramdown } from '../src/publish/kramdown.js';
import { forPythonMarkdown, printPythonMarkdown } from '../src/publish/python-markdown.js';
import { forVitePress, printVitePress } from '../src/publish/vitepress.js';
import { htmlTarget } from '../src/publish/html.js';
import { reportTree } from '../src/publish/report-tree.js';
import { indexMarkdown, indexTree, linksToIncidents, plainDescription, printMarkdown, rewriteIncidentLinks } from '../src/publish/site-markdown.js';
import type { PublishedIncident } from '../src/publish/target.js';
import { PIECE_CHARS } from '../src/render/markdown/process-in-pieces.js';
import { markdownProcessor, parseMarkdown } from '../src/render/markdown/processor.js';
import { type PostmortemTree, parsedForm, postmortemMarkdown, postmortemTree } from '../src/render/postmortem-tree.js';
import { renderPostmortem } from '../src/render/render-postmortem.js';
import { buildReport } from '../src/report/build-report.js';
import { toRecord } from '../src/report/records.js';
import { loadReportTemplates, renderReportMarkdown } from '../src/report/render-report.js';
import { visit } from 'unist-util-visit';
import { fixtureConfig, FIXTURES, incidentOf, MARKDOWN_PIECES, ROOT, SAMPLE_TEXT_FIELDS, templatesFrom } from './helpers.js';
import { byDepth } from './depth.js';

// Each random incident is printed seven ways from the tree and seven from the Markdown: fewer runs than elsewhere.
const RUNS = Number(process.env.FUZZ_RUNS ?? byDepth(30, 80));
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

/** Each dialect from the tree, and from the Markdown as publish read it before. */
const DIALECTS: { name: string; fromTree: (tree: Root) => string; fromMarkdown: (markdown: string) => string }[] = [
  { name: 'kramdown', fromTree: (tree) => printKramdown(tree, { dropTitle: true }), fromMarkdown: (markdown) => forKramdown(markdown, { dropTitle: true }) },
  { name: 'python-markdown', fromTree: printPythonMarkdown, fromMarkdown: forPythonMarkdown },
  { name: 'hugo', fromTree: (tree) => printHugo(tree, { dropTitle: true }), fromMarkdown: (markdown) => forHugo(markdown, { dropTitle: true }) },
  { name: 'docusaurus', fromTree: printDocusaurus, fromMarkdown: forDocusaurus },
  { name: 'vitepress', fromTree: printVitePress, fromMarkdown: forVitePress },
  { name: 'remark', fromTree: (tree) => markdownProcessor.stringify(tree), fromMarkdown: (markdown) => markdownProcessor.stringify(markdownProcessor.parse(markdown)) },
];

/** Fields a template shows, and pieces of text with every piece of Markdown syntax and of the dialects' own. */
const FIELDS = [...SAMPLE_TEXT_FIELDS, ['links', 0, 'url'], ['services', 0]];
const PIECES = fc.constantFrom(
  ...MARKDOWN_PIECES,
  ...['<pre>\na\n\nb\n</pre>', '<div>x</div>\n\n', '[js](javascript:alert(1))', '[r][d]\n\n[d]: javascript:x', '<!-- c -->', 'a  \nb', '\n- x\n\n- y\n', '\n  - nested\n'],
  ...['{{< x >}}', '{#id}', ':tada:', '!!! note', '--8<-- "f"', '{{ v }}', '$$', '{: .c}', 'x.md', '```mermaid\ngraph\n```', '    indented'],
  ...['\n> - quoted item', '[o](2022-10-25-messaging-outage.md)', '[o](./2024-03-29-order-confirmation-delays.md#timeline)', '[gone](nowhere.md)', '[r][o]\n\n[o]: 2022-10-25-messaging-outage.md'],
);
const TEXT = fc.array(PIECES, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
type Edits = [(string | number)[], string][];
const edits: fc.Arbitrary<Edits> = fc.array(fc.tuple(fc.constantFrom(...FIELDS), TEXT), { minLength: 1, maxLength: 6 });
const SAMPLE = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');

/** The sample with some fields changed, and an id of its own; `null` when that makes it invalid. */
function editedSample(changes: Edits, id?: string): Incident | null {
  const document = parseDocument(SAMPLE);
  for (const [path, value] of changes) document.setIn(path, value);
  if (id !== undefined) document.set('id', id);
  return incidentOf(String(document));
}

/** Every target's printing of the tree is what it printed from the Markdown, and leaves the tree as it was. */
function assertSamePages(postmortem: PostmortemTree, markdown: string, label: string): void {
  assert.equal(postmortemMarkdown(postmortem), markdown, `${label}: GitHub Markdown`);
  const before = JSON.stringify(postmortem.tree);
  for (const dialect of DIALECTS) {
    assert.equal(dialect.fromTree(postmortem.tree), dialect.fromMarkdown(markdown), `${label}: ${dialect.name}`);
  }
  assert.equal(JSON.stringify(postmortem.tree), before, `${label}: the printers changed the tree`);
  assert.deepEqual(treeToHtml(structuredClone(postmortem.tree)), markdownToHtml(markdown), `${label}: HTML`);
}

describe('a postmortem tree prints, in every dialect, what its Markdown parsed back printed', () => {
  it('for every valid fixture, sample and the hostile fixture', async () => {
    const templates = await templatesFrom([]);
    const files = [
      ...readdirSync(join(FIXTURES, 'valid')).map((name) => ({ file: join(FIXTURES, 'valid', name, 'input.yaml'), folder: join(FIXTURES, 'valid', name) })),
      ...readdirSync(join(ROOT, 'incidents')).map((name) => ({ file: join(ROOT, 'incidents', name), folder: ROOT })),
      { file: join(FIXTURES, 'injection.yaml'), folder: ROOT },
    ];
    for (const { file, folder } of files) {
      const incident = incidentOf(readFileSync(file, 'utf8'), file, await fixtureConfig(folder));
      assert.ok(incident, file);
      const postmortem = postmortemTree(incident, templates);
      // The samples' trees are built, not parsed (markdown-in-fields has a list item of several blocks: parsed).
      if (folder === ROOT && !file.endsWith('injection.yaml')) assert.equal(postmortem.markdown, null, file);
      assertSamePages(postmortem, renderPostmortem(incident, templates), file);
    }
  });

  it("for a user's templates outside the fast path's grammar, parsed once", async () => {
    const folder = join(FIXTURES, 'templates', 'legit-features');
    const templates = await templatesFrom([join(folder, 'templates')]);
    for (const name of readdirSync(join(folder, 'incidents'))) {
      const incident = incidentOf(readFileSync(join(folder, 'incidents', name), 'utf8'), name);
      assert.ok(incident, name);
      const postmortem = postmortemTree(incident, templates);
      assert.notEqual(postmortem.markdown, null, name);
      assertSamePages(postmortem, renderPostmortem(incident, templates), name);
    }
  });

  it('for random text with Markdown syntax in every field', async () => {
    const templates = await templatesFrom([]);
    let checked = 0;
    let built = 0;
    fc.assert(
      fc.property(edits, (edits) => {
        const incident = editedSample(edits);
        fc.pre(incident !== null);
        checked += 1;
        const postmortem = postmortemTree(incident!, templates);
        if (postmortem.markdown === null) built += 1;
        assertSamePages(postmortem, renderPostmortem(incident!, templates), JSON.stringify(edits));
      }),
      { numRuns: RUNS, seed: SEED },
    );
    assert.ok(checked > RUNS / 2, `only ${checked} of ${RUNS} random incidents were valid`);
    // Most random incidents keep the built tree: the fallback is for the few the parser may read otherwise.
    assert.ok(built > checked / 2, `only ${built} of ${checked} random incidents kept the built tree`);
  });
});

/** How publish pointed links at other incidents' pages before: in the printed Markdown, parsed and printed again. */
function rewrittenMarkdown(markdown: string, hrefOf: (id: string) => string | null): string {
  const tree = markdownProcessor.parse(markdown);
  let changed = false;
  visit(tree, (node: Nodes) => {
    if (node.type !== 'link' && node.type !== 'definition') return;
    const match = /^(?:\.\/)?([a-z0-9][a-z0-9-]*)\.md(#.*)?$/.exec(node.url);
    const href = match ? hrefOf(match[1]!) : null;
    if (match && href !== null && `${href}${match[2] ?? ''}` !== node.url) {
      node.url = `${href}${match[2] ?? ''}`;
      changed = true;
    }
  });
  return changed ? markdownProcessor.stringify(tree) : markdown;
}

/** How publish took a description before: the first paragraph of the parsed summary. */
function parsedDescription(markdown: string): string {
  const first = parseMarkdown(markdown).children.find((node) => node.type === 'paragraph');
  let value = '';
  if (first) visit(first, (node: Nodes) => {
    if (node.type === 'text' || node.type === 'inlineCode') value += node.value;
    else if (node.type === 'break') value += ' ';
  });
  return value.replace(/\s+/g, ' ').trim();
}

describe('publish reads no Markdown back in, and writes what it wrote when it did', () => {
  it('points links to other incidents at their pages in the tree, as it did in the Markdown', async () => {
    const templates = await templatesFrom([]);
    const hrefOf = (id: string) => (id === '2022-10-25-messaging-outage' ? `../pages/${id}.html` : null);
    let linking = 0;
    fc.assert(
      fc.property(edits, (changes) => {
        const incident = editedSample(changes);
        fc.pre(incident !== null);
        const postmortem = postmortemTree(incident!, templates);
        const before = JSON.stringify(postmortem.tree);
        const rewritten = rewriteIncidentLinks(postmortem, hrefOf);
        assert.equal(JSON.stringify(postmortem.tree), before, 'the postmortem given is left as it is');
        const markdown = renderPostmortem(incident!, templates);
        if (!linksToIncidents(postmortem)) {
          assert.equal(rewritten, postmortem);
          assert.equal(rewrittenMarkdown(markdown, hrefOf), markdown);
          return;
        }
        linking += 1;
        assertSamePages(rewritten, rewrittenMarkdown(markdown, hrefOf), JSON.stringify(changes));
      }),
      { numRuns: RUNS, seed: SEED },
    );
    assert.ok(linking > 0, 'no random incident linked to another');
  });

  it('takes the description from the summary as parsing it did', () => {
    fc.assert(
      fc.property(fc.tuple(fc.constantFrom('', ' ', '    ', '\n', '\t', '\u00a0'), TEXT, fc.constantFrom('', '\n', '  \n\n', '\u00a0', ' \t')), ([before, text, after]) => {
        const summary = `${before}${text}${after}`;
        const expected = parsedDescription(summary);
        assert.equal(plainDescription(summary, 10_000), expected, JSON.stringify(summary));
      }),
      { numRuns: RUNS * 4, seed: SEED },
    );
  });

  it("prints the report's and the index's trees, in every dialect and as HTML, as their Markdown parsed back", async () => {
    const loaded = await loadReportTemplates([]);
    assert.ok(loaded.ok);
    const config = defaultConfig(ROOT);
    const severities = config.severities.map((level) => level.id);
    const samples = readdirSync(join(ROOT, 'incidents')).map((name) => incidentOf(readFileSync(join(ROOT, 'incidents', name), 'utf8'), name));
    const random = fc.sample(edits, { numRuns: 150, seed: SEED }).map((changes, index) => editedSample(changes, `random-${index}`));
    const incidents = [...samples, ...random].filter((incident): incident is Incident => incident !== null);
    assert.ok(incidents.length > 60, `only ${incidents.length} valid incidents`);
    const records = incidents.map((incident) => toRecord(incident, severities));
    const report = buildReport(records, {
      asOf: '2026-11-25',
      groupBy: 'month',
      filters: {},
      severities,
      figureNames: config.figures.map((figure) => figure.name),
      link: (id) => `${id}.html`,
    });
    const markdown = renderReportMarkdown(report, loaded.templates);
    // Long enough to be taken in pieces, a table cut between them.
    assert.ok(markdown.length > 20 * PIECE_CHARS);
    // Built once: printing leaves a tree as it was (checked after them all).
    const tree = reportTree(report, loaded.templates);
    const printedBefore = JSON.stringify(tree);
    assert.deepEqual(treeToHtml(tree), markdownToHtml(markdown));
    for (const dialect of DIALECTS) assert.equal(dialect.fromTree(tree), dialect.fromMarkdown(markdown), `the report: ${dialect.name}`);
    assert.equal(JSON.stringify(tree), printedBefore, 'the report tree is left as it was');

    const rows: PublishedIncident[] = incidents.map((incident) => ({
      id: incident.id,
      title: incident.title,
      date: '2026-01-01',
      startedAt: 0,
      severity: 'SEV1',
      status: 'final',
      duration: '1 hour',
      tags: [],
      description: '',
    }));
    for (const site of [{ hasReport: true }, { hasReport: false }]) {
      const built = indexTree(htmlTarget, 'index.html', rows, site);
      const index = parsedForm(built) ?? markdownProcessor.parse(printMarkdown(built.children));
      assert.deepEqual(treeToHtml(index), markdownToHtml(indexMarkdown(htmlTarget, 'index.html', rows, site)));
      for (const dialect of DIALECTS) assert.equal(dialect.fromTree(index), dialect.fromMarkdown(indexMarkdown(htmlTarget, 'index.html', rows, site)), `the index: ${dialect.name}`);
    }
  });
});
