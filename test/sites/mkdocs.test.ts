import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { INJECTION_TITLE, LITERALS, builtPages, injectedMarkup, visibleText } from './built-page.js';
import { type MkdocsSite, buildMkdocsSite } from './mkdocs-site.js';
import { MILESTONE_CHART_START } from '../helpers.js';

/** mkdocs-material's own scripts, the site's configuration, and our two Mermaid scripts. */
const MKDOCS_SCRIPTS = [
  /^<script id="__config" type="application\/json">/,
  /^<script>__md_scope=new URL\(/,
  /^<script src="(?:\.\.\/|\/)*assets\/javascripts\/bundle\.[0-9a-f]+\.min\.js"><\/script>$/,
  /^<script src="(?:\.\.\/|\/)*(?:postmortems\/)?assets\/mermaid(?:\.min|-init)\.js"><\/script>$/,
];

/** The `mkdocs` target built by the real engine (see mkdocs-site.ts); mkdocs-browser.test.ts opens it in Chromium. */
describe('publish --target mkdocs, built by mkdocs with mkdocs-material', () => {
  let site = '';
  let build: MkdocsSite['build'];

  before(() => {
    ({ project: site, build } = buildMkdocsSite());
  });

  it('builds with --strict, with no warning or error', () => {
    const output = `${String(build.stdout)}${String(build.stderr)}`;
    assert.equal(build.status, 0, output);
    assert.doesNotMatch(output, /^(WARNING|ERROR)\b/m, output);
    for (const page of ['index.html', 'report/index.html', 'injection/index.html', '2022-10-25-messaging-outage/index.html']) {
      assert.ok(existsSync(join(site, 'site', 'postmortems', page)), page);
    }
  });

  it('has no script, image, handler or javascript: link that came from incident text, on any page', () => {
    for (const page of builtPages(join(site, 'site'))) {
      assert.deepEqual(injectedMarkup(readFileSync(page, 'utf8'), MKDOCS_SCRIPTS), [], page);
    }
  });

  it('shows incident text literally: the title in the heading, the head and the navigation', () => {
    const html = readFileSync(join(site, 'site', 'postmortems', 'injection', 'index.html'), 'utf8');
    const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!;
    assert.equal(visibleText(heading).trim(), INJECTION_TITLE);
    assert.equal(visibleText(/<title>([\s\S]*?)<\/title>/.exec(html)![1]!).trim(), `${INJECTION_TITLE} - Incidents`);
    const index = visibleText(readFileSync(join(site, 'site', 'postmortems', 'index.html'), 'utf8'));
    assert.ok(index.includes(INJECTION_TITLE), 'the index lists the title as it is');
    const text = visibleText(html);
    for (const literal of LITERALS) assert.ok(text.includes(literal), literal);
  });

  it('writes the page head description and the tags as text: no element, no attribute from incident text', () => {
    const html = readFileSync(join(site, 'site', 'postmortems', 'injection', 'index.html'), 'utf8');
    const description = [...html.matchAll(/<meta name="description" content="([^"]*)">/g)].map((match) => visibleText(match[1]!));
    assert.equal(description.length, 1, 'one description, the whole of it inside the attribute');
    assert.match(description[0]!, /^Summary with \| pipe, # hash, emphasis, under, code \| span, strong, "><img src=x onerror=alert\(1\)> & 'q'\.$/);
    const tags = /<nav class="md-tags"[^>]*>([\s\S]*?)<\/nav>/.exec(html);
    assert.ok(tags, 'the tags plugin printed the tags');
    assert.deepEqual(injectedMarkup(tags[0], []), []);
    assert.ok(visibleText(tags[1]!).includes('<img src=x onerror=alert(1)>'), 'a service named like an element shows as text');
  });

  it('makes no admonition, details block or snippet from incident text, in text or in code', () => {
    const html = readFileSync(join(site, 'site', 'postmortems', 'injection', 'index.html'), 'utf8');
    assert.doesNotMatch(html, /class="admonition|<details/, 'no admonition or details block');
    assert.doesNotMatch(html, /site_name/, 'mkdocs.yml was not included');
    const text = visibleText(html);
    for (const literal of ['!!! danger Not an admonition', '??? note Not a details block', '/// html | div', '--8<--\nmkdocs.yml\n--8<--', '--8<-- "mkdocs.yml"']) {
      assert.ok(text.includes(literal), literal);
    }
  });

  it('draws only its own diagram, and loads no image: a mermaid fence and an image in incident text stay code and a link', () => {
    const html = readFileSync(join(site, 'site', 'postmortems', 'injection', 'index.html'), 'utf8');
    const blocks = [...html.matchAll(/<pre class="postmortem-mermaid"><code>([^<]*)/g)].map((match) => match[1]!);
    assert.equal(blocks.length, 1, 'only the milestone chart is left to our script');
    assert.ok(blocks[0]!.startsWith(MILESTONE_CHART_START), blocks[0]);
    assert.ok(visibleText(html).includes('injected["drawn from incident text"]'), 'the fence from incident text is shown as code');
    assert.match(html, /<a href="https:\/\/images\.example\.com\/pixel\.png">tracking pixel<\/a>/);
  });

  it('keeps the timeline chart as a postmortem-mermaid block, left to our script, with both scripts', () => {
    const html = readFileSync(join(site, 'site', 'postmortems', '2022-10-25-messaging-outage', 'index.html'), 'utf8');
    assert.ok(html.includes(`<pre class="postmortem-mermaid"><code>${MILESTONE_CHART_START}`), 'the chart as written');
    assert.doesNotMatch(html, /class="mermaid"/, 'nothing for mkdocs-material to draw with unpkg.com');
    for (const script of ['mermaid.min.js', 'mermaid-init.js']) {
      assert.match(html, new RegExp(`<script src="\\.\\./assets/${script.replace(/\./g, '\\.')}"></script>`), script);
      assert.ok(existsSync(join(site, 'site', 'postmortems', 'assets', script)), script);
    }
  });
});
