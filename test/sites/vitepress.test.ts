import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, posix } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ROOT, SAMPLES_NEWEST_FIRST } from '../helpers.js';
import { assertDiagramReadable, checkPage, launchChromium, watchedPage } from './browser.js';
import { type NpmEngineSite, buildNpmEngineSite } from './engine-site.js';
import { INJECTION_TITLE, LITERALS, builtPages, injectedMarkup, visibleText } from './built-page.js';
import { serve, stop } from './serve.js';

/**
 * The `vitepress` target built by VitePress (test/sites/vitepress: its
 * package, lock file and site, with sidebar.json as the sidebar and
 * vitepress-plugin-mermaid as the README says), then opened in Debian's
 * chromium, served from 127.0.0.1 with every other request refused.
 */
const ARTIFACTS = join(ROOT, 'test', '.artifacts');
const OUTAGE = '2022-10-25-messaging-outage';
/** The samples newest first, with the injection fixture (2024-01-01) in its place. */
const NEWEST_FIRST = [...SAMPLES_NEWEST_FIRST.slice(0, 4), 'injection', OUTAGE];
/** VitePress's own scripts: the app module, two theme snippets and its page-hash map. */
const VITEPRESS_SCRIPTS = [
  /^<script type="module" src="\/assets\/app\.[\w-]+\.js"><\/script>$/,
  /^<script id="check-dark-mode">/,
  /^<script id="check-mac-os">/,
  /^<script>window\.__VP_HASH_MAP__=JSON\.parse\("[^<]*"\);?(window\.__VP_SITE_DATA__=JSON\.parse\("[^<]*"\);?)?<\/script>$/,
];

describe('publish --target vitepress, built by VitePress and opened in headless Chromium', () => {
  let site: NpmEngineSite;
  let dist = '';
  const built = (page: string) => join(dist, 'postmortems', page);
  let server: Server | undefined;
  let origin = '';
  let browser: Browser | undefined;
  const outside: string[] = [];

  before(() => {
    site = buildNpmEngineSite('vitepress', ['docs/.vitepress/dist', 'docs/.vitepress/cache'], ['node_modules/vitepress/bin/vitepress.js', 'build', 'docs']);
    dist = join(site.root, 'docs', '.vitepress', 'dist');
  });

  after(async () => {
    await browser?.close();
    await stop(server);
  });

  it('builds with no warning or error', () => {
    const output = `${site.build.stdout}${site.build.stderr}`;
    assert.equal(site.build.status, 0, output);
    // VitePress exits 0 even when rendering a page throws: its output is the verdict.
    assert.doesNotMatch(output, /error|warn|\(!\)/i, output);
    for (const page of ['index.html', 'report.html', 'injection.html', `${OUTAGE}.html`]) assert.ok(existsSync(built(page)), page);
  });

  it('has only VitePress scripts, and no image, handler or javascript: link from incident text, on any page', () => {
    for (const page of builtPages(dist)) {
      const html = readFileSync(page, 'utf8');
      assert.deepEqual(injectedMarkup(html, VITEPRESS_SCRIPTS), [], page);
    }
  });

  it('shows incident text literally: Vue, MDX, Liquid, directives, emoji names and attributes stay text', () => {
    const html = readFileSync(built('injection.html'), 'utf8');
    const heading = /<h1[^>]*>([\s\S]*?)<a class="header-anchor"/.exec(html)![1]!;
    assert.equal(visibleText(heading).trim(), INJECTION_TITLE);
    assert.equal(visibleText(/<title>([\s\S]*?)<\/title>/.exec(html)![1]!).trim(), `${INJECTION_TITLE} | Incidents`);
    const text = visibleText(html);
    for (const literal of LITERALS) assert.ok(text.includes(literal), literal);
    assert.doesNotMatch(text, /🎉/u, 'no emoji made of :tada:');
    const index = visibleText(readFileSync(built('index.html'), 'utf8'));
    assert.ok(index.includes(INJECTION_TITLE), 'the index lists the title as it is');
  });

  it('imports and includes no file from incident text, and draws only its own diagram', () => {
    const html = readFileSync(built('injection.html'), 'utf8');
    const text = visibleText(html);
    assert.doesNotMatch(text, /postmortem-site-test-vitepress|newest first\. Figures across them/, 'package.json or the index page was pulled in');
    for (const literal of ['<<< @/../package.json', '<!--@include: ./index.md-->']) assert.equal(text.split(literal).length - 1, 2, `${literal} in text and in code`);
    assert.equal([...html.matchAll(/class="postmortem-mermaid"/g)].length, 1, 'only the milestone chart is a diagram');
    assert.ok(text.includes('injected["drawn from incident text"]'), 'the fence from incident text is shown as code');
  });

  it('lists the report, then the incidents newest first, in the sidebar', () => {
    const html = readFileSync(built('index.html'), 'utf8');
    const sidebar = /<aside class="VPSidebar"[\s\S]*?<\/aside>/.exec(html)![0];
    const links = [...sidebar.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    assert.deepEqual(links, ['/postmortems/', '/postmortems/report.html', ...NEWEST_FIRST.map((id) => `/postmortems/${id}.html`)]);
    assert.ok(visibleText(sidebar).includes(INJECTION_TITLE), 'the sidebar shows the title as it is');
  });

  it('links every page of the section to pages that were built', () => {
    let checked = 0;
    for (const page of builtPages(built(''))) {
      const html = readFileSync(page, 'utf8');
      const url = `/postmortems/${posix.basename(page)}`;
      for (const match of html.matchAll(/<main[\s\S]*<\/main>/g)) {
        for (const link of match[0].matchAll(/href="([^"]*)"/g)) {
          const href = link[1]!.replace(/&amp;/g, '&');
          if (/^(?:[a-z]+:|#)/i.test(href)) continue;
          const target = decodeURI(posix.resolve(posix.dirname(url), href.replace(/[#?].*$/, '')));
          const file = join(dist, target.endsWith('/') ? `${target}index.html` : target);
          assert.ok(existsSync(file), `${page} links to ${href}, not built`);
          checked += 1;
        }
      }
    }
    assert.ok(checked > 20, `only ${checked} links checked`);
  });

  describe('in headless Chromium', () => {
    before(async () => {
      ({ server, origin } = await serve(dist));
      mkdirSync(ARTIFACTS, { recursive: true });
      browser = await launchChromium();
    });

    const open = () => watchedPage(browser!, (url) => url.startsWith(`${origin}/`), outside);

    it('draws the timeline diagram as an SVG, with no console error and nothing fetched from elsewhere', async () => {
      await checkPage(browser!, origin, `/postmortems/${OUTAGE}.html`, join(ARTIFACTS, `vitepress-${OUTAGE}.png`), async (page) => {
        await page.locator('.vp-doc .postmortem-mermaid svg').first().waitFor({ state: 'attached', timeout: 30_000 });
        assert.equal(await page.locator('.vp-doc .postmortem-mermaid:not(:has(svg))').count(), 0, 'every diagram was drawn');
        assert.equal(await page.locator('.mermaid, [data-processed]').count(), 0, 'Mermaid’s own start-up pass touched nothing');
        await assertDiagramReadable(page, '.vp-doc .postmortem-mermaid svg');
      });
    });

    it('links from the index to every incident and the report', async () => {
      const { page, problems } = await open();
      assert.equal((await page.goto(`${origin}/postmortems/`))?.status(), 200);
      await page.screenshot({ path: join(ARTIFACTS, 'vitepress-index.png'), fullPage: true });
      const links = await page.locator('.vp-doc table a').evaluateAll((anchors) => anchors.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })));
      assert.deepEqual(links.map((link) => link.href), NEWEST_FIRST.map((id) => `./${id}.html`));
      for (const link of [...links, { href: './report.html', text: 'Incident report as of 2026-11-25' }]) {
        assert.equal((await page.goto(`${origin}/postmortems/`))?.status(), 200);
        // A click before Vue has hydrated the page races it ("Hydration completed but contains mismatches" on a loaded machine):
        // Vue marks the container once hydration is done.
        await page.waitForFunction("Boolean(document.querySelector('#app')?.__vue_app__)");
        await page.locator(`.vp-doc a[href="${link.href}"]`).first().click();
        await page.waitForURL(`${origin}/postmortems/${link.href.slice(2)}`);
        // VitePress swaps the page in place: wait for the new heading (mid-swap there is none; its anchor holds a U+200B).
        await page.waitForFunction("(document.querySelector('.vp-doc h1')?.textContent?.replace(/\\u200b/g, '').trim() ?? 'Postmortems') !== 'Postmortems'");
        const heading = (await page.locator('.vp-doc h1').first().innerText()).replace(/\u200b/g, '').trim();
        assert.equal(heading, link.text.trim(), link.href);
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(outside, []);
      await page.context().close();
    });

    it('shows the injection incident with no dialog, no error, and the page text unevaluated', async () => {
      await checkPage(browser!, origin, '/postmortems/injection.html', join(ARTIFACTS, 'vitepress-injection.png'), async (page) => {
        await page.waitForLoadState('load');
        const text = await page.locator('.vp-doc').innerText();
        for (const literal of ['{{ 1 + 1 }}', '{{title}}', '{props.x}', ':tada:', '<script>alert(1)</script>']) assert.ok(text.includes(literal), literal);
      });
    });
  });
});
