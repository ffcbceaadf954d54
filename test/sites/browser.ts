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

/** What a reader sees of a drawn diagram's text. */
export interface DiagramText {
  /** Every run of label text, as shown (a line, or a word where Mermaid draws words as SVG text). */
  lines: string[];
  /** The smallest height a line of label text is drawn at, in CSS pixels, after the site scales the SVG. */
  smallestLine: number;
  /** Label lines drawn partly outside their label box, which the SVG clips. */
  clipped: string[];
}

/**
 * Reads the text of the first SVG under `selector` as drawn: each line's box
 * on screen (so the site's scaling counts), and whether it fits the
 * `foreignObject` Mermaid sized for it (the site's CSS can change the line
 * height after Mermaid measured).
 */
export async function diagramText(page: Page, selector: string): Promise<DiagramText> {
  return page.locator(selector).first().evaluate((svg) => {
    const lines: string[] = [];
    const clipped: string[] = [];
    let smallestLine = Infinity;
    const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || node.parentElement?.closest('style')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = node.parentElement?.closest('foreignObject')?.getBoundingClientRect();
      for (const rect of range.getClientRects()) {
        if (rect.width === 0) continue;
        smallestLine = Math.min(smallestLine, rect.height);
        if (box && (rect.top < box.top - 0.5 || rect.bottom > box.bottom + 0.5 || rect.left < box.left - 0.5 || rect.right > box.right + 0.5)) {
          clipped.push(node.textContent.trim());
        }
      }
      lines.push(node.textContent.trim());
    }
    return { lines, smallestLine, clipped };
  });
}

/** At least this tall, a line of diagram text reads like the page's small print (a 16px font draws about 18px lines). */
export const READABLE_LINE = 12;

/** Asserts the diagram's labels are drawn large enough to read and none is cut off. */
export async function assertDiagramReadable(page: Page, selector: string): Promise<void> {
  const text = await diagramText(page, selector);
  assert.ok(text.lines.join(' ').includes('Impact start'), `the diagram has its labels: ${text.lines.join(' | ')}`);
  assert.ok(text.smallestLine >= READABLE_LINE, `diagram text is drawn ${text.smallestLine.toFixed(1)}px tall, under ${READABLE_LINE}px`);
  assert.deepEqual(text.clipped, [], 'diagram text cut off by its label box');
}
