import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { parse as parseYaml } from 'yaml';
import { markdownProcessor } from '../src/render/markdown/processor.js';
import { forHugo } from '../src/publish/hugo.js';
import { forPythonMarkdown } from '../src/publish/python-markdown.js';
import { PUBLISH_TARGETS, type PublishTargetName } from '../src/publish/target.js';
import { FIXTURES, runCli, tempDir } from './helpers.js';

/**
 * The hostile-text fixture published with every target, read back as each
 * engine would find it: what no page may hold, whatever the dialect. The
 * real engines build the same pages in test/sites.
 */

/** Where each target writes the injection incident's page. */
const PAGE: Record<PublishTargetName, string> = {
  mkdocs: 'injection.md',
  docusaurus: 'injection.md',
  hugo: 'injection.md',
  jekyll: 'injection.md',
  vitepress: 'injection.md',
  'github-wiki': 'injection.md',
  html: 'injection.html',
};

const UNSAFE_ADDRESS = /^\s*(?:javascript|data|vbscript):/i;

function splitFrontMatter(page: string): { fields: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(page);
  return match ? { fields: parseYaml(match[1]!) as Record<string, unknown>, body: page.slice(match[0].length) } : { fields: {}, body: page };
}

describe('publish: hostile incident text reaches no target as something that runs, includes or fetches', () => {
  const pages = new Map<PublishTargetName, string>();

  before(async () => {
    const dir = tempDir('postmortem-hostile-');
    mkdirSync(join(dir, 'incidents'));
    copyFileSync(join(FIXTURES, 'injection.yaml'), join(dir, 'incidents', 'injection.yaml'));
    for (const target of PUBLISH_TARGETS) {
      const run = await runCli(['publish', '--target', target, '--out', target, '--as-of', '2026-01-01'], dir);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      pages.set(target, readFileSync(join(dir, target, PAGE[target]), 'utf8'));
    }
  });

  for (const target of PUBLISH_TARGETS.filter((name) => name !== 'html')) {
    it(`${target}: only http(s), mailto and relative links; no image, definition or reference; only the tool's own mermaid fence`, () => {
      const tree = markdownProcessor.parse(splitFrontMatter(pages.get(target)!).body);
      const found: string[] = [];
      const fences: string[] = [];
      visit(tree, (node: Nodes) => {
        if ((node.type === 'link' || node.type === 'definition') && UNSAFE_ADDRESS.test(node.url)) found.push(`${node.type} ${node.url}`);
        if (['image', 'imageReference', 'linkReference', 'definition'].includes(node.type)) found.push(node.type);
        if (node.type === 'code' && node.lang?.toLowerCase().startsWith('mermaid')) fences.push(node.value);
      });
      assert.deepEqual(found, []);
      assert.equal(fences.length, 1, fences.join('\n---\n'));
      assert.match(fences[0]!, /flowchart TB\n {2}impact_start\["/, 'the milestone chart');
    });
  }

  it('html: no image, no unsafe address, and only the milestone chart for the script to draw', () => {
    const html = pages.get('html')!;
    assert.doesNotMatch(html, /<img\b/);
    assert.doesNotMatch(html, /\b(?:href|src)="\s*(?:javascript|data|vbscript):/i);
    assert.equal([...html.matchAll(/class="language-mermaid"/g)].length, 1);
    assert.match(html, /<a href="https:\/\/images\.example\.com\/pixel\.png">tracking pixel<\/a>/);
  });

  it('mkdocs: title, description and tags are escaped for HTML, which mkdocs-material prints them as', () => {
    const { fields } = splitFrontMatter(pages.get('mkdocs')!);
    const strings = [fields.title, fields.description, ...(fields.tags as string[])] as string[];
    assert.ok(strings.length > 3);
    for (const value of strings) assert.doesNotMatch(value, /[<>"]|&(?!amp;|lt;|gt;|quot;)/, value);
    assert.ok((fields.tags as string[]).includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.match(String(fields.description), /&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt; &amp; 'q'\.$/);
  });

  it('mkdocs: no admonition, details, blocks or snippet line, in text or in code', () => {
    const { body } = splitFrontMatter(pages.get('mkdocs')!);
    assert.doesNotMatch(body, /^[ \t>*+-]*(?:!!!|\?\?\?|\/\/\/)/m, 'a line a block extension reads');
    assert.doesNotMatch(body, /^[ \t]*;*-+8<-+/m, 'a line pymdownx.snippets reads');
    assert.equal(forPythonMarkdown('!!! note x\n\n??? note y\n\n/// html | div\n'), '\\!!! note x\n\n&#63;?? note y\n\n&#47;// html | div\n');
    assert.equal(forPythonMarkdown('```\n--8<-- "a"\n```\n'), '```\n--8\u2060<-- "a"\n```\n');
  });

  it('hugo: no shortcode delimiter anywhere in the page, addresses and link titles included', () => {
    assert.doesNotMatch(pages.get('hugo')!, /\{\{[<%]/);
    assert.equal(forHugo('[a](https://x.example/{{<y>}} "t {{% z %}}")\n'), '[a](https://x.example/%7B%7B<y>}} "t {\u2060{% z %}}")\n');
  });

  it('vitepress: the description, printed unescaped into an attribute, is escaped for HTML', () => {
    const { fields } = splitFrontMatter(pages.get('vitepress')!);
    assert.match(String(fields.description), /, &quot;&gt;&lt;img src=x onerror=alert\(1\)&gt; &amp; 'q'\.$/);
  });

  it('vitepress: no code import (`<<<`) and no @include, in text, code or front matter', () => {
    const page = pages.get('vitepress')!;
    // Inside a fence, `<<<` is code: the rule reads lines that start a block.
    const outsideFences = page.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
    assert.ok(outsideFences.includes('\\<<< @/../package.json'), 'the line outside code, escaped');
    assert.doesNotMatch(outsideFences, /^[ \t>*+-]*<<</m);
    assert.doesNotMatch(page, /<!--\s*@include:/);
  });
});
