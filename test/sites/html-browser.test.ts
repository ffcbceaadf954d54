import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { FIXTURES, ROOT, SAMPLES_NEWEST_FIRST, runBinary, tempDir } from '../helpers.js';
import { assertDiagramReadable, launchChromium, watchedPage } from './browser.js';
import { serve, stop } from './serve.js';
import { INJECTION_TITLE } from './built-page.js';

/**
 * The `html` target in a real browser: Debian's chromium (`.ci/run`
 * installs it) driven by playwright-core, the site served from a local
 * folder with every other request refused. A missing browser fails the
 * test: a page never opened proves nothing.
 */
const ARTIFACTS = join(ROOT, 'test', '.artifacts');
const OUTAGE = '2022-10-25-messaging-outage';
const ASSET_SCRIPTS = ['assets/mermaid.min.js', 'assets/mermaid-init.js'];

describe('publish --target html, opened in headless Chromium', () => {
  let site = '';
  let server: Server;
  let origin = '';
  let browser: Browser;
  const outside: string[] = [];

  before(async () => {
    const dir = tempDir('postmortem-html-');
    cpSync(join(ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
    copyFileSync(join(FIXTURES, 'injection.yaml'), join(dir, 'incidents', 'injection.yaml'));
    const published = runBinary(['publish', '--target', 'html', '--out', 'site', '--as-of', '2026-11-25'], dir);
    assert.equal(published.code, 0, published.stdout + published.stderr);
    site = join(dir, 'site');
    ({ server, origin } = await serve(site));
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await stop(server);
  });

  const open = (allowed: (url: string) => boolean) => watchedPage(browser, allowed, outside);

  const local = (url: string) => url.startsWith(`${origin}/`);

  it('draws the timeline diagram as an SVG, with no console error and nothing fetched from elsewhere', async () => {
    const { page, problems } = await open(local);
    const response = await page.goto(`${origin}/${OUTAGE}.html`);
    assert.equal(response?.status(), 200);
    await page.locator('pre.mermaid svg').first().waitFor({ state: 'attached', timeout: 20_000 });
    assert.equal(await page.locator('pre > code.language-mermaid').count(), 0, 'every mermaid block was drawn');
    await assertDiagramReadable(page, 'pre.mermaid svg');
    await page.screenshot({ path: join(ARTIFACTS, `html-${OUTAGE}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    assert.deepEqual(outside, []);
    await page.context().close();
  });

  it('links from the index to every incident and the report', async () => {
    const { page, problems } = await open(local);
    assert.equal((await page.goto(`${origin}/index.html`))?.status(), 200);
    await page.screenshot({ path: join(ARTIFACTS, 'html-index.png'), fullPage: true });
    const links = await page.locator('main table a').evaluateAll((anchors) => anchors.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })));
    // The samples and the injection incident.
    assert.equal(links.length, SAMPLES_NEWEST_FIRST.length + 1);
    for (const link of links) {
      assert.equal((await page.goto(`${origin}/index.html`))?.status(), 200);
      const [response] = await Promise.all([page.waitForNavigation(), page.locator(`main table a[href="${link.href}"]`).click()]);
      assert.equal(response?.status(), 200, link.href);
      assert.equal(new URL(page.url()).pathname, `/${link.href}`);
      assert.equal((await page.locator('h1').first().textContent())?.trim(), link.text.trim(), link.href);
    }
    assert.equal((await page.goto(`${origin}/index.html`))?.status(), 200);
    await Promise.all([page.waitForNavigation(), page.locator('header a[href="report.html"]').click()]);
    assert.equal(new URL(page.url()).pathname, '/report.html');
    assert.deepEqual(problems, []);
    assert.deepEqual(outside, []);
    await page.context().close();
  });

  it('shows the injection incident literally: no dialog, no script of its own', async () => {
    const { page, problems } = await open(local);
    assert.equal((await page.goto(`${origin}/injection.html`))?.status(), 200);
    await page.waitForLoadState('load');
    // document.querySelectorAll('script'), through a locator: every script element of the page.
    const scripts = await page.locator('script').evaluateAll((elements) => elements.map((script) => script.getAttribute('src') ?? `inline: ${script.textContent ?? ''}`));
    assert.ok(scripts.every((src) => ASSET_SCRIPTS.includes(src)), scripts.join(', '));
    assert.equal(await page.title(), INJECTION_TITLE);
    assert.equal((await page.locator('h1').first().innerText()).trim(), INJECTION_TITLE);
    const text = await page.locator('main').innerText();
    for (const literal of ['<script>alert(1)</script>', '{{title}}', '{%raw%}', 'svc | a # b']) assert.ok(text.includes(literal), literal);
    // Only the tool's own diagram is drawn; a mermaid fence in incident text stays code, an image a link.
    await page.locator('pre.mermaid svg').first().waitFor({ state: 'attached', timeout: 20_000 });
    assert.equal(await page.locator('pre.mermaid').count(), 1, 'one diagram: the milestone chart');
    assert.ok(text.includes('injected["drawn from incident text"]'), 'the fence from incident text as code');
    assert.equal(await page.locator('img').count(), 0, 'no image');
    assert.equal(await page.locator('a[href="https://images.example.com/pixel.png"]').count(), 1, 'the image as a link');
    await page.screenshot({ path: join(ARTIFACTS, 'html-injection.png'), fullPage: true });
    assert.deepEqual(problems, []);
    assert.deepEqual(outside, []);
    await page.context().close();
  });

  it('draws the report’s charts with every period’s label readable, whole and apart from the others', async () => {
    const { page, problems } = await open(local);
    assert.equal((await page.goto(`${origin}/report.html`))?.status(), 200);
    await page.locator('pre.mermaid svg').nth(1).waitFor({ state: 'attached', timeout: 20_000 });
    assert.equal(await page.locator('pre.mermaid svg').count(), 2, 'both charts drawn');
    // The samples span 2022-10 to 2025-06: 33 months, one label each.
    for (const chart of ['pre.mermaid:nth-of-type(1) svg', 'pre.mermaid:nth-of-type(2) svg']) {
      const { lines } = await assertDiagramReadable(page, chart, '2022-10 2022-11 2022-12');
      assert.ok(lines.includes('2025-06') && lines.includes('2024-03'), lines.join(' | '));
    }
    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
    assert.deepEqual(problems, []);
    assert.deepEqual(outside, []);
    await page.context().close();
  });

  it('works straight from disk (file://) too', async () => {
    const base = pathToFileURL(site).href;
    const { page, problems } = await open((url) => url.startsWith(`${base}/`));
    await page.goto(`${base}/${OUTAGE}.html`);
    await page.locator('pre.mermaid svg').first().waitFor({ state: 'attached', timeout: 20_000 });
    await Promise.all([page.waitForNavigation(), page.locator('header a[href="index.html"]').click()]);
    assert.equal((await page.locator('h1').first().textContent())?.trim(), 'Postmortems');
    assert.deepEqual(problems, []);
    assert.deepEqual(outside, []);
    await page.context().close();
  });
});
