import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXTURES } from '../helpers.js';
import { builtPages, visibleText } from './html-text.js';
import { type MkdocsSite, buildMkdocsSite } from './mkdocs-site.js';

const INJECTION_TITLE = readFileSync(join(FIXTURES, 'injection.yaml'), 'utf8').match(/^title: "(.*)"$/m)![1]!.replace(/\\\\/g, '\\');

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

  it('has no script, image or javascript: link that came from incident text, on any page', () => {
    for (const page of builtPages(join(site, 'site'))) {
      const html = readFileSync(page, 'utf8');
      assert.doesNotMatch(html, /<script[^>]*>[^<]*alert\(/, page);
      assert.doesNotMatch(html, /<img src=x/, page);
      assert.doesNotMatch(html, /href="javascript:/i, page);
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
    for (const literal of ['<script>alert(1)</script>', '{{title}}', '{%raw%}', 'svc | a # b']) assert.ok(text.includes(literal), literal);
  });

  it('keeps the timeline chart as a postmortem-mermaid block, left to our script, with both scripts', () => {
    const html = readFileSync(join(site, 'site', 'postmortems', '2022-10-25-messaging-outage', 'index.html'), 'utf8');
    assert.match(html, /<pre class="postmortem-mermaid"><code>(flowchart|graph)/);
    assert.doesNotMatch(html, /class="mermaid"/, 'nothing for mkdocs-material to draw with unpkg.com');
    for (const script of ['mermaid.min.js', 'mermaid-init.js']) {
      assert.match(html, new RegExp(`<script src="\\.\\./assets/${script.replace(/\./g, '\\.')}"></script>`), script);
      assert.ok(existsSync(join(site, 'site', 'postmortems', 'assets', script)), script);
    }
  });
});
