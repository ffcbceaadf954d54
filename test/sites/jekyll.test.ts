import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { INJECTION_TITLE, LITERALS, builtPages, injectedMarkup, visibleText } from './built-page.js';
import { FIXTURES, MILESTONE_CHART_START, ROOT, runBinary, tempDir } from '../helpers.js';

/**
 * The `jekyll` target built by the real engine: Debian's jekyll 4.3 with
 * kramdown and the minima theme (`.ci/run` installs them). A missing engine
 * fails the test: a site that was never built proves nothing.
 */
const JEKYLL = '/usr/bin/jekyll';
const LIQUID_TITLE = 'Liquid {% notatag %} and {{ page.title }} {% endraw %}';

describe('publish --target jekyll, built by jekyll with kramdown and minima', () => {
  let project = '';
  let built = '';
  let build: ReturnType<typeof spawnSync>;

  before(() => {
    assert.ok(existsSync(JEKYLL), `${JEKYLL} is missing: install Debian's jekyll and ruby-jekyll-theme-minima (bash .ci/run does)`);
    project = tempDir('postmortem-jekyll-');
    cpSync(join(ROOT, 'incidents'), join(project, 'incidents'), { recursive: true });
    copyFileSync(join(FIXTURES, 'injection.yaml'), join(project, 'incidents', 'injection.yaml'));
    // Liquid in incident text: with render_with_liquid false it is shown, never run (an unknown tag would fail the build).
    const liquid = readFileSync(join(FIXTURES, 'injection.yaml'), 'utf8')
      .replace(/^id: injection$/m, 'id: liquid')
      .replace(/^title: .*$/m, `title: "${LIQUID_TITLE}"`)
      .replace(/^trigger: .*$/m, 'trigger: "Trigger {% notatag %} and {{ page.title }} {% endraw %} {% include nothing.html %}"');
    writeFileSync(join(project, 'incidents', 'liquid.yaml'), liquid);

    // As the README says: a Jekyll site with `theme: minima`, the folder inside its source.
    const site = join(project, 'site');
    mkdirSync(site);
    writeFileSync(join(site, '_config.yml'), 'title: Incidents\ntheme: minima\nmarkdown: kramdown\n');
    writeFileSync(join(site, 'index.md'), '---\nlayout: home\n---\nSee [the postmortems](postmortems/index.html).\n');
    const published = runBinary(['publish', '--target', 'jekyll', '--out', 'site/postmortems', '--as-of', '2026-11-25'], project);
    assert.equal(published.code, 0, published.stdout + published.stderr);
    build = spawnSync(JEKYLL, ['build'], { cwd: site, encoding: 'utf8' });
    built = join(site, '_site');
  });

  it('builds with no warning or error', () => {
    const output = `${String(build.stdout)}${String(build.stderr)}`;
    assert.equal(build.status, 0, output);
    assert.doesNotMatch(output, /warn|error|deprecat|liquid/i, output);
    for (const page of ['index.html', 'report.html', 'injection.html', 'liquid.html', '2022-10-25-messaging-outage.html']) {
      assert.ok(existsSync(join(built, 'postmortems', page)), page);
    }
  });

  it('has no script, image or javascript: link that came from incident text, on any page', () => {
    for (const page of builtPages(built)) {
      const html = readFileSync(page, 'utf8');
      // minima's only script is jekyll-seo-tag's JSON-LD.
      assert.deepEqual(injectedMarkup(html, [/^<script type="application\/ld\+json">\s*\{[\s\S]*\}\s*<\/script>$/]), [], page);
      assert.doesNotMatch(html, /<div>/, page);
    }
  });

  it('shows incident text literally: the title in the heading, the navigation and the index', () => {
    const html = readFileSync(join(built, 'postmortems', 'injection.html'), 'utf8');
    const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!;
    assert.equal(visibleText(heading).trim(), INJECTION_TITLE);
    assert.equal((html.match(/<h1/g) ?? []).length, 1, 'the title once');
    for (const page of ['index.html', 'report.html']) {
      const headings = readFileSync(join(built, 'postmortems', page), 'utf8').match(/<h1/g) ?? [];
      assert.equal(headings.length, 1, `${page}: the title once`);
    }
    const nav = /<div class="trigger">([\s\S]*?)<\/div>/.exec(html)![1]!;
    assert.ok(visibleText(nav).includes(INJECTION_TITLE), 'the header lists the title as it is');
    const index = visibleText(readFileSync(join(built, 'postmortems', 'index.html'), 'utf8'));
    assert.ok(index.includes(INJECTION_TITLE), 'the index lists the title as it is');
    const text = visibleText(html);
    for (const literal of [...LITERALS, 'code | span', '& and <b> and | escaped.', 'Description | pipe <div>block html</div>']) {
      assert.ok(text.includes(literal), literal);
    }
  });

  it('never runs Liquid in incident text', () => {
    const html = readFileSync(join(built, 'postmortems', 'liquid.html'), 'utf8');
    assert.equal(visibleText(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!).trim(), LIQUID_TITLE);
    assert.ok(visibleText(html).includes('Trigger {% notatag %} and {{ page.title }} {% endraw %} {% include nothing.html %}'));
  });

  it('keeps the timeline chart as a mermaid code block', () => {
    const html = readFileSync(join(built, 'postmortems', '2022-10-25-messaging-outage.html'), 'utf8');
    assert.ok(html.includes(`<pre><code class="language-mermaid">${MILESTONE_CHART_START}`), 'the chart as written');
  });

  it('leaves only its own chart a mermaid block: a mermaid fence in incident text is plain code', () => {
    const html = readFileSync(join(built, 'postmortems', 'injection.html'), 'utf8');
    assert.equal([...html.matchAll(/class="language-mermaid"/g)].length, 1, 'the milestone chart only');
    assert.ok(visibleText(html).includes('injected["drawn from incident text"]'), 'the fence from incident text as code');
  });

  it('links only to pages that were built', () => {
    const folder = join(built, 'postmortems');
    let checked = 0;
    for (const page of builtPages(folder)) {
      const html = readFileSync(page, 'utf8');
      for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
        if (/^(?:[a-z]+:|#)/i.test(href!)) continue;
        const path = decodeURI(href!.replace(/[#?].*$/, ''));
        const file = path.startsWith('/') ? join(built, path) : resolve(dirname(page), path);
        const target = file.endsWith('/') ? join(file, 'index.html') : file;
        assert.ok(existsSync(target), `${relative(built, page)} links to ${href!}`);
        checked += 1;
      }
    }
    assert.ok(checked > 20, `only ${checked} links`);
  });
});
