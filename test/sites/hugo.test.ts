import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { before, describe, it } from 'node:test';
import { INJECTION_TITLE, LITERALS, builtPages, injectedMarkup, visibleText } from './built-page.js';
import { FIXTURES, MILESTONE_CHART_START, ROOT, runBinary, tempDir } from '../helpers.js';

/**
 * The `hugo` target built by the real engine: Debian's hugo, in a site made
 * as the README says (a config, three bare layouts, no theme). A missing
 * engine fails the test: a site that was never built proves nothing.
 */
const HUGO = '/usr/bin/hugo';
const INJECTION = readFileSync(join(FIXTURES, 'injection.yaml'), 'utf8');
/** Hugo shortcode syntax, in text, inline code and code blocks of a copy of the injection incident. */
const SHORTCODES = '{{< not a shortcode >}} {{% raw %}} {{<script>';
const SHORTCODE_TITLE = `Shortcodes ${SHORTCODES} {{title}}`;

describe('publish --target hugo, built by hugo', () => {
  let site = '';
  let build: ReturnType<typeof spawnSync>;
  const built = (page: string) => join(site, 'public', 'postmortems', page);

  before(() => {
    assert.ok(existsSync(HUGO), `${HUGO} is missing: install Debian's hugo (bash .ci/run does)`);
    site = tempDir('postmortem-hugo-');
    cpSync(join(ROOT, 'incidents'), join(site, 'incidents'), { recursive: true });
    writeFileSync(join(site, 'incidents', 'injection.yaml'), INJECTION);
    const shortcodes = INJECTION.replace(/^id: injection$/m, 'id: shortcodes')
      .replace(/\{\{title\}\}/g, `{{title}} ${SHORTCODES}`)
      .replace(/^title: ".*"$/m, `title: ${JSON.stringify(SHORTCODE_TITLE)}`);
    writeFileSync(join(site, 'incidents', 'shortcodes.yaml'), shortcodes);
    const published = runBinary(['publish', '--target', 'hugo', '--out', 'content/postmortems', '--as-of', '2026-11-25'], site);
    assert.equal(published.code, 0, published.stdout + published.stderr);

    // As the README says: a site with a baseURL and layouts that print .Title and .Content.
    writeFileSync(join(site, 'hugo.toml'), ['baseURL = "https://example.org/"', 'title = "Incidents"', ''].join('\n'));
    const layouts = join(site, 'layouts', '_default');
    mkdirSync(layouts, { recursive: true });
    writeFileSync(join(layouts, 'baseof.html'), '<!doctype html>\n<html><head><title>{{ .Title }} - {{ .Site.Title }}</title></head>\n<body>{{ block "main" . }}{{ end }}</body></html>\n');
    writeFileSync(join(layouts, 'single.html'), '{{ define "main" }}<h1>{{ .Title }}</h1>\n{{ .Content }}{{ end }}\n');
    writeFileSync(join(layouts, 'list.html'), '{{ define "main" }}<h1>{{ .Title }}</h1>\n{{ .Content }}\n<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n');
    build = spawnSync(HUGO, [], { cwd: site, encoding: 'utf8' });
  });

  it('builds with no warning or error', () => {
    const output = `${String(build.stdout)}${String(build.stderr)}`;
    assert.equal(build.status, 0, output);
    assert.doesNotMatch(output, /\b(WARN|ERROR)\b/, output);
    for (const page of ['index.html', 'report/index.html', 'injection/index.html', 'shortcodes/index.html', '2022-10-25-messaging-outage/index.html']) {
      assert.ok(existsSync(built(page)), page);
    }
  });

  it('has no script, image, handler or javascript: link that came from incident text, on any page', () => {
    // The layouts have no script of their own.
    for (const page of builtPages(join(site, 'public'))) assert.deepEqual(injectedMarkup(readFileSync(page, 'utf8'), []), [], page);
  });

  it('shows incident text literally: the title once as the heading (the layout’s), in the head, and in the index', () => {
    const html = readFileSync(built('injection/index.html'), 'utf8');
    const headings = (page: string) => [...readFileSync(built(page), 'utf8').matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/g)].map((match) => visibleText(match[1]!).trim());
    assert.deepEqual(headings('injection/index.html'), [INJECTION_TITLE]);
    assert.deepEqual(headings('index.html'), ['Postmortems']);
    assert.deepEqual(headings('report/index.html'), ['Incident report']);
    assert.equal(visibleText(/<title>([\s\S]*?)<\/title>/.exec(html)![1]!).trim(), `${INJECTION_TITLE} - Incidents`);
    const index = visibleText(readFileSync(built('index.html'), 'utf8'));
    assert.ok(index.includes(INJECTION_TITLE), 'the index lists the title as it is');
    const text = visibleText(html);
    for (const literal of LITERALS) assert.ok(text.includes(literal), literal);
  });

  it('shows Hugo shortcode syntax literally, in text and in code', () => {
    const html = readFileSync(built('shortcodes/index.html'), 'utf8');
    assert.equal(visibleText(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!).trim(), SHORTCODE_TITLE);
    assert.ok(visibleText(readFileSync(built('index.html'), 'utf8')).includes(SHORTCODE_TITLE));
    const text = visibleText(html);
    // Each {{title}} the page shows, code included, is followed by the shortcode text, verbatim.
    const shown = text.split('{{title}}').length - 1;
    assert.ok(shown > 10, text);
    // The title ends in {{title}}, and the page shows it twice: in the head and as the layout's heading.
    assert.equal(text.split(`{{title}} ${SHORTCODES}`).length - 1, shown - 2, text);
    const code = [...html.matchAll(/<pre[^>]*><code[^>]*>([\s\S]*?)<\/code><\/pre>/g)].map((match) => visibleText(match[1]!)).join('\n');
    assert.ok(code.includes(`{{title}} ${SHORTCODES}`), code);
  });

  it('runs no shortcode from an address: links, event links and tickets keep theirs as written', () => {
    const html = readFileSync(built('injection/index.html'), 'utf8');
    const decode = (href: string) => href.replace(/&amp;/g, '&').replace(/%(7B|7D|3C|3E|25)/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => decode(match[1]!));
    for (const url of ['https://example.com/{{<x>}}', 'https://example.com/{{%x%}}', 'https://tracker.example.com/browse/{{<x>}}', 'https://example.com/{{%x%}}/{{<x>}}']) {
      assert.ok(hrefs.includes(url), `${url} in ${hrefs.join(' ')}`);
    }
    assert.ok(visibleText(html).includes('hugo link'), 'the link text');
  });

  it('links every page of the section to pages that were built', () => {
    const root = join(site, 'public');
    let checked = 0;
    for (const page of builtPages(built(''))) {
      const html = readFileSync(page, 'utf8');
      const url = `/${posix.relative(root.split('\\').join('/'), dirname(page).split('\\').join('/'))}/`;
      for (const match of html.matchAll(/href="([^"]*)"/g)) {
        const href = match[1]!.replace(/&amp;/g, '&');
        if (/^(?:[a-z]+:|#)/i.test(href)) continue;
        const target = decodeURI(posix.resolve(url, href.replace(/[#?].*$/, '')));
        const file = join(root, target, target.endsWith('.html') ? '' : 'index.html');
        assert.ok(existsSync(file), `${page} links to ${href}, not built`);
        checked += 1;
      }
    }
    assert.ok(checked > 20, `only ${checked} links checked`);
  });

  it('keeps the timeline chart as a mermaid block for a render hook to draw', () => {
    const html = readFileSync(built('2022-10-25-messaging-outage/index.html'), 'utf8');
    assert.match(html, new RegExp(`<code class="language-mermaid"[^>]*>${MILESTONE_CHART_START}`));
  });
});
