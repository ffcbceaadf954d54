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
  /** Every run of text, as shown (a line, or a word where Mermaid draws words as SVG text). */
  lines: string[];
  /** The smallest height a line of text is drawn at, in CSS pixels, after the site scales the SVG. */
  smallestLine: number;
  /** Text drawn partly outside its label box or the SVG, which clip it. */
  clipped: string[];
  /** Pairs of text runs drawn over each other (by more than a quarter of a line). */
  overlapping: string[];
}

/**
 * Run in the page on one SVG: every run of text with its box on screen (so
 * the site's scaling counts), whether it fits the box that clips it
 * (Mermaid's `foreignObject` for an HTML label, whose line height the site's
 * CSS can change after Mermaid measured; else the SVG itself), and which
 * runs collide. Plain JavaScript in a string: the type-check has no DOM
 * library, and tsx would wrap named functions in a helper the page lacks.
 */
const READ_DIAGRAM_TEXT = String.raw`(svg) => {
  const runs = [];
  const clipped = [];
  const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (!text || node.parentElement.closest('style')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = (node.parentElement.closest('foreignObject') || svg).getBoundingClientRect();
    for (const rect of range.getClientRects()) {
      if (rect.width === 0) continue;
      runs.push({ text, rect });
      if (rect.top < box.top - 0.5 || rect.bottom > box.bottom + 0.5 || rect.left < box.left - 0.5 || rect.right > box.right + 0.5) {
        clipped.push(text);
      }
    }
  }
  const overlapping = [];
  runs.forEach((a, i) => {
    for (const b of runs.slice(i + 1)) {
      const across = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const down = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      // A line's box includes the font's ascent and descent, so stacked lines of SVG text touch by a few pixels.
      if (across > 1 && down > 0.25 * Math.min(a.rect.height, b.rect.height)) overlapping.push(a.text + ' / ' + b.text);
    }
  });
  const smallestLine = Math.min(...runs.map((run) => run.rect.height));
  return { lines: runs.map((run) => run.text), smallestLine, clipped, overlapping };
}`;

/** READ_DIAGRAM_TEXT as a function, which Playwright sends to the page by its source text. */
const readDiagramText = new Function(`return ${READ_DIAGRAM_TEXT}`)() as (svg: unknown) => DiagramText;

/** Reads the text of the first SVG under `selector` as drawn (see READ_DIAGRAM_TEXT). */
export async function diagramText(page: Page, selector: string): Promise<DiagramText> {
  return page.locator(selector).first().evaluate(readDiagramText);
}

/** At least this tall, a line of diagram text reads like the page's small print (a 16px font draws about 18px lines). */
export const READABLE_LINE = 12;

/**
 * Asserts the first diagram under `selector` shows `expected` among its
 * text, drawn large enough to read, with nothing cut off and nothing drawn
 * over anything else. Returns what it read.
 */
export async function assertDiagramReadable(page: Page, selector: string, expected = 'Impact start'): Promise<DiagramText> {
  const text = await diagramText(page, selector);
  assert.ok(text.lines.join(' ').includes(expected), `the diagram shows ${expected}: ${text.lines.join(' | ')}`);
  assert.ok(text.smallestLine >= READABLE_LINE, `diagram text is drawn ${text.smallestLine.toFixed(1)}px tall, under ${READABLE_LINE}px`);
  assert.deepEqual(text.clipped, [], 'diagram text cut off');
  assert.deepEqual(text.overlapping, [], 'diagram text drawn over other text');
  return text;
}
