/**
 * The html target hands the trees it builds to mdast-util-to-hast wrapped so
 * that its walk for definitions and footnotes is skipped (html-markdown.ts).
 * Its bytes must be the plain library pipeline's for every page: checked on
 * the fixtures, the samples, the hostile fixture and random Markdown in every
 * field.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Root } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { parseDocument } from 'yaml';
import { defaultConfig } from '../src/config/config.js';
import { checkIncidentSource } from '../src/pipeline/check-incident.js';
import { markdownToHtml, treeToHtml } from '../src/publish/html-markdown.js';
import { gfmSubset, postmortemTransforms } from '../src/render/markdown/processor.js';
import { postmortemMarkdown, postmortemTree } from '../src/render/postmortem-tree.js';
import { loadTemplates } from '../src/render/templates.js';
import { decodeSource } from '../src/source/source-file.js';
import { fixtureConfig, FIXTURES, ROOT } from './helpers.js';
import { byDepth } from './depth.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? byDepth(60, 150));
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

/** The libraries alone, from Markdown text, as the html target used them before it printed trees. */
const reference = unified().use(remarkParse).use(gfmSubset).use(postmortemTransforms).use(remarkRehype).use(rehypeSanitize, defaultSchema).use(rehypeStringify).freeze();

function libraryHtml(markdown: string): string {
  return String(reference.processSync(markdown));
}

const templates = await (async () => {
  const loaded = await loadTemplates([]);
  assert.ok(loaded.ok);
  return loaded.templates;
})();

describe('the html target prints the bytes the plain remark-rehype, rehype-sanitize and rehype-stringify pipeline prints', () => {
  it('for every valid fixture, sample and the hostile fixture, through the shortcut into mdast-util-to-hast', async () => {
    const files = [
      ...readdirSync(join(FIXTURES, 'valid')).map((name) => ({ file: join(FIXTURES, 'valid', name, 'input.yaml'), folder: join(FIXTURES, 'valid', name) })),
      ...readdirSync(join(ROOT, 'incidents')).map((name) => ({ file: join(ROOT, 'incidents', name), folder: ROOT })),
      { file: join(FIXTURES, 'injection.yaml'), folder: ROOT },
    ];
    for (const { file, folder } of files) {
      const read = decodeSource(readFileSync(file), file);
      assert.ok(read.ok, file);
      const incident = checkIncidentSource(read.source, await fixtureConfig(folder)).value;
      assert.ok(incident, file);
      const postmortem = postmortemTree(incident, templates);
      const markdown = postmortemMarkdown(postmortem);
      assert.equal(treeToHtml(structuredClone(postmortem.tree)).html, libraryHtml(markdown), file);
      assert.equal(markdownToHtml(markdown).html, libraryHtml(markdown), file);
    }
  });

  it('for random Markdown in the fields a template shows', () => {
    const sample = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');
    const fields = [['summary'], ['trigger'], ['root_cause'], ['timeline', 1, 'text'], ['action_items', 0, 'title'], ['links', 0, 'url'], ['lessons', 'went_well', 0]];
    const pieces = fc.constantFrom(
      ...['word', ' ', '\n', '\n\n', '*', '**', '_', '`', '```', '~~', '[', ']', '(', ')', '<', '>', '&', '"', "'", '`x`', '&amp;', '&#x3C;', 'é', '\u{1F600}'],
      ...['<b>b</b>', '<script>x</script>', '<!-- c -->', '[l](https://x.example/a?b=1&c="d"#e)', '[t](https://x.example "ti\'t`le&")', '[m](mailto:a@b.example)'],
      ...['[js](javascript:alert(1))', '[f](ftp://x.example)', '[r](./rel.md#x)', '![i](https://x.example/i.png "t")', '[r][d]\n\n[d]: https://x.example', '<https://x.example>'],
      ...['\n| a | b |\n| :- | -: |\n| 1 | 2 |\n', '\n```mermaid\ngraph\n```\n', '\n```js x\n1 < 2\n```\n', '\n3. three\n4. four\n', '\n- a\n- b\n', '\n> q\n', '\n---\n', 'a  \nb', '\n# h\n'],
    );
    const text = fc.array(pieces, { minLength: 1, maxLength: 10 }).map((parts) => parts.join(''));
    const config = defaultConfig(ROOT);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...fields), text), { minLength: 1, maxLength: 4 }), (changes) => {
        const document = parseDocument(sample);
        for (const [path, value] of changes) document.setIn(path, value);
        const read = decodeSource(new TextEncoder().encode(String(document)), 'incident.yaml');
        if (!read.ok) return;
        const incident = checkIncidentSource(read.source, config).value;
        if (!incident) return;
        const postmortem = postmortemTree(incident, templates);
        const markdown = postmortemMarkdown(postmortem);
        assert.equal(treeToHtml(structuredClone(postmortem.tree) as Root).html, libraryHtml(markdown));
        assert.equal(markdownToHtml(markdown).html, libraryHtml(markdown));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
