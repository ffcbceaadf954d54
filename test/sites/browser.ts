import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { type Browser, type ConsoleMessage, type Page, chromium } from 'playwright-core';

/** Debian's chromium (`.ci/run` installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium without its background traffic (this machine's network
 * is closed). A missing browser fails the test: a page never opened proves nothing.
 */
export function launchChromium(): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (bash .ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export interface WatchedPage {
  page: Page;
  /** Page errors, console errors and dialogs, as they happen. */
  problems: string[];
}

/** A page that refuses every request `allowed` rejects (recording it in `refused`) and records what went wrong. */
export async function watchedPage(browser: Browser, allowed: (url: string) => boolean, refused: string[]): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    refused.push(url);
    return route.abort();
  });
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, problems };
}

/**
 * One page of a site served at `origin`, in a fresh watched context: opened
 * at `path` (status 200), handed to `check`, saved as `screenshot`, then
 * asserted free of errors, console errors, dialogs and requests that left
 * the origin.
 */
export async function checkPage(browser: Browser, origin: string, path: string, screenshot: string, check: (page: Page) => Promise<void>): Promise<void> {
  const refused: string[] = [];
  const { page, problems } = await watchedPage(browser, (url) => url.startsWith(`${origin}/`), refused);
  try {
    assert.equal((await page.goto(`${origin}${path}`))?.status(), 200, path);
    await check(page);
    await page.screenshot({ path: screenshot, fullPage: true });
    assert.deepEqual(problems, []);
    assert.deepEqual(refused, []);
  } finally {
    await page.context().close();
  }
}
