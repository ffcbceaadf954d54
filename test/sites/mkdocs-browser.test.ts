import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ROOT, SAMPLES_NEWEST_FIRST } from '../helpers.js';
import { buildMkdocsSite } from './mkdocs-site.js';
import { assertDiagramReadable, checkPage, launchChromium, watchedPage } from './browser.js';
import { serve, stop } from './serve.js';

/**
 * The `mkdocs` target's built site (mkdocs-site.ts) in Debian's chromium
 * driven by playwright-core, served from 127.0.0.1 with every other request
 * refused and recorded: the diagrams must be drawn with no network.
 */
const ARTIFACTS = join(ROOT, 'test', '.artifacts');
const OUTAGE = '2022-10-25-messaging-outage';

describe('publish --target mkdocs, the built site opened in headless Chromium', () => {
  let server: Server | undefined;
  let origin = '';
  let browser: Browser;
  const outside: string[] = [];

  before(async () => {
    const { project, build } = buildMkdocsSite();
    assert.equal(build.status, 0, `${build.stdout}${build.stderr}`);
    ({ server, origin } = await serve(join(project, 'site')));
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await stop(server);
  });

  /** A page that refuses every request outside the local server and records errors, console errors and dialogs. */
  const open = () => watchedPage(browser, (url) => url.startsWith(`${origin}/`), outside);

  it('draws the timeline diagram as an SVG, with no console error and nothing fetched from elsewhere', async () => {
    await checkPage(browser, origin, `/postmortems/${OUTAGE}/`, join(ARTIFACTS, `mkdocs-${OUTAGE}.png`), async (page) => {
      await page.locator('article pre.postmortem-mermaid svg').first().waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await page.locator('pre.postmortem-mermaid > code').count(), 0, 'every mermaid block was drawn');
      assert.equal(await page.locator('.mermaid').count(), 0, 'mkdocs-material drew nothing itself');
      await assertDiagramReadable(page, 'article pre.postmortem-mermaid svg');
    });
  });

  it('links from the index to every incident and the report', async () => {
    const { page, problems } = await open();
    assert.equal((await page.goto(`${origin}/postmortems/`))?.status(), 200);
    await page.screenshot({ path: join(ARTIFACTS, 'mkdocs-index.png'), fullPage: true });
    const links = await page.locator('article table a').evaluateAll((anchors) => anchors.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })));
    // The samples and the injection incident.
    assert.equal(links.length, SAMPLES_NEWEST_FIRST.length + 1);
    // The report's heading adds the date: `Incident report as of 2026-11-25`.
    for (const link of [...links, { href: 'report/', text: 'Incident report as of 2026-11-25' }]) {
      assert.equal((await page.goto(`${origin}/postmortems/`))?.status(), 200);
      const [response] = await Promise.all([page.waitForNavigation(), page.locator(`article a[href="${link.href}"]`).first().click()]);
      assert.equal(response?.status(), 200, link.href);
      assert.equal(new URL(page.url()).pathname, `/postmortems/${link.href}`);
      assert.equal((await page.locator('article h1').first().innerText()).trim(), link.text.trim(), link.href);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(outside, []);
    await page.context().close();
  });

  it('shows the injection incident with no dialog and no error', async () => {
    await checkPage(browser, origin, '/postmortems/injection/', join(ARTIFACTS, 'mkdocs-injection.png'), (page) => page.waitForLoadState('load'));
  });
});
