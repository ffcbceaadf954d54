import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import { describe, it } from 'node:test';
import { mermaidBundlePath } from '../src/publish/html-assets.js';
import { markdownToHtml } from '../src/publish/html-markdown.js';
import { MANIFEST_NAME } from '../src/publish/manifest.js';
import { FIXTURES, MILESTONE_CHART_START, ROOT, runCli, tempDir, SAMPLES_NEWEST_FIRST } from './helpers.js';

const NEWEST_FIRST = SAMPLES_NEWEST_FIRST;
const INJECTION_TITLE = readFileSync(join(FIXTURES, 'injection.yaml'), 'utf8').match(/^title: "(.*)"$/m)![1]!.replace(/\\\\/g, '\\');
const ASSET_SCRIPTS = ['assets/mermaid.min.js', 'assets/mermaid-init.js'];

interface Published {
  code: number;
  pages: { written: string[]; unchanged: string[] };
}

async function publish(dir: string): Promise<Published> {
  const run = await runCli(['publish', '--target', 'html', '--out', 'site', '--as-of', '2026-11-25', '--format', 'json'], dir);
  assert.equal(run.stderr, '');
  return { code: run.code, ...(JSON.parse(run.stdout) as Omit<Published, 'code'>) };
}

/** Text of an HTML fragment as the browser shows it: tags dropped, character references decoded. */
function visibleText(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, code: string) =>
      code.startsWith('#x') ? String.fromCodePoint(Number.parseInt(code.slice(2), 16)) : code.startsWith('#') ? String.fromCodePoint(Number(code.slice(1))) : (named[code] ?? entity),
    );
}

/** A light well-formedness check: every non-void element is closed, in order. */
function assertBalanced(html: string, page: string): void {
  const VOID = new Set(['meta', 'link', 'br', 'hr', 'img', 'input']);
  const stack: string[] = [];
  for (const match of html.replace(/^<!doctype html>/i, '').matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/gi)) {
    const name = match[2]!.toLowerCase();
    if (VOID.has(name)) continue;
    if (match[1]) assert.equal(stack.pop(), name, `${page}: </${name}> closes something else`);
    else stack.push(name);
  }
  assert.deepEqual(stack, [], `${page}: unclosed elements`);
}

describe('publish --target html', () => {
  const dir = tempDir('postmortem-html-unit-');
  cpSync(join(ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
  copyFileSync(join(FIXTURES, 'injection.yaml'), join(dir, 'incidents', 'injection.yaml'));
  const out = join(dir, 'site');
  const pages = [...NEWEST_FIRST, 'injection'].map((id) => `${id}.html`).concat(['index.html', 'report.html']);
  let first: Published;

  it('writes the pages, the stylesheet and the Mermaid scripts', async () => {
    first = await publish(dir);
    assert.equal(first.code, 0);
    assert.deepEqual(readdirSync(out).sort(), [MANIFEST_NAME, 'assets', ...pages].sort());
    assert.deepEqual(readdirSync(join(out, 'assets')).sort(), ['mermaid-init.js', 'mermaid.min.js', 'style.css']);
    // Copied into dist/assets at build time from the mermaid dev dependency: the site gets its exact bytes.
    const fromPackage = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
    assert.ok(readFileSync(join(out, 'assets', 'mermaid.min.js')).equals(readFileSync(fromPackage)), 'the Mermaid bundle is byte-identical to the package');
    assert.equal(mermaidBundlePath(), join(ROOT, 'dist', 'assets', 'mermaid.min.js'));
    assert.ok(existsSync(join(ROOT, 'dist', 'assets', 'mermaid.LICENSE')), 'its licence ships beside it');
    assert.match(readFileSync(join(out, 'assets', 'style.css'), 'utf8'), /prefers-color-scheme: dark/);
    assert.match(readFileSync(join(out, 'assets', 'mermaid-init.js'), 'utf8'), /securityLevel: 'strict'/);
  });

  it('writes well-formed pages whose only scripts are ours, and only where a diagram needs them', () => {
    for (const page of pages) {
      const html = readFileSync(join(out, page), 'utf8');
      assert.match(html, /^<!doctype html>\n<html lang="en">/, page);
      assertBalanced(html, page);
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      assert.equal([...html.matchAll(/<script\b/gi)].length, scripts.length, page);
      for (const script of scripts) assert.equal(script[2], '', `${page}: an inline script`);
      const sources = scripts.map((script) => /^ src="([^"]+)"$/.exec(script[1]!)?.[1]);
      const hasMermaid = html.includes('<code class="language-mermaid">');
      assert.deepEqual(sources, hasMermaid ? ASSET_SCRIPTS : [], page);
      assert.doesNotMatch(html, /<img src=x|href="javascript:|<[a-z][^<>]*\son[a-z]+=/i, page);
      assert.doesNotMatch(html.replace(/<main>[\s\S]*<\/main>/, ''), /(?:src|href)="(?:[a-z]+:|\/\/)/i, `${page}: an external address in the page chrome`);
      assert.doesNotMatch(html, /\ssrc="(?:[a-z]+:|\/\/)/i, `${page}: something loaded from elsewhere`);
    }
    assert.ok(readFileSync(join(out, '2022-10-25-messaging-outage.html'), 'utf8').includes(`<code class="language-mermaid">${MILESTONE_CHART_START}`));
  });

  it('shows incident text literally, in the <title> and the <h1>', () => {
    const html = readFileSync(join(out, 'injection.html'), 'utf8');
    assert.equal(visibleText(/<title>([\s\S]*?)<\/title>/.exec(html)![1]!), INJECTION_TITLE);
    assert.equal(visibleText(/<h1>([\s\S]*?)<\/h1>/.exec(html)![1]!), INJECTION_TITLE);
    assert.ok(visibleText(readFileSync(join(out, 'index.html'), 'utf8')).includes(INJECTION_TITLE), 'the index lists the title as it is');
  });

  it('links only to pages it wrote, the index newest first', () => {
    for (const page of pages) {
      const html = readFileSync(join(out, page), 'utf8');
      for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const href = match[1]!;
        if (/^(?:https?|mailto):/.test(href) || href.startsWith('#')) continue;
        const target = posix.normalize(posix.join(posix.dirname(page), decodeURI(href.replace(/#.*$/, ''))));
        assert.ok(existsSync(join(out, target)), `${page} links to ${href}, which is missing`);
      }
    }
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const links = [...index.matchAll(/<td><a href="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(links.filter((href) => href !== 'injection.html'), NEWEST_FIRST.map((id) => `${id}.html`));
    assert.ok(readFileSync(join(out, 'report.html'), 'utf8').includes(`href="${NEWEST_FIRST[2]}.html"`));
  });

  it('writes nothing when published again unchanged', async () => {
    const again = await publish(dir);
    assert.equal(again.code, 0);
    assert.deepEqual(again.pages.written, []);
    assert.equal(again.pages.unchanged.length, first.pages.written.length);
  });

  it("tells a Mermaid copy edited by one byte from publish's own, leaves it, and puts the bundle back with --force", async () => {
    // The bundle is compared and hashed as bytes, never decoded (SiteFile's content).
    const asset = join(out, 'assets', 'mermaid.min.js');
    const original = readFileSync(asset);
    const edited = Buffer.from(original);
    edited[edited.length - 2]! ^= 1;
    writeFileSync(asset, edited);
    const args = ['publish', '--target', 'html', '--out', 'site', '--as-of', '2026-11-25'];
    const run = await runCli(args, dir);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout + run.stderr, /Did not update assets\/mermaid\.min\.js: it was edited since publish wrote it/);
    assert.ok(readFileSync(asset).equals(edited), 'left as it was');
    const forced = await runCli([...args, '--force'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(readFileSync(asset).equals(original), 'the bundle, byte for byte');
  });

  it('sanitises Markdown: raw HTML is text, unsafe links lose their link, the mermaid class stays', () => {
    const body = markdownToHtml('<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick="x">b</b>\n\n```mermaid\nflowchart LR\n  a --> b\n```\n');
    assert.doesNotMatch(body.html, /<script|<b\b|href=/);
    assert.match(body.html, /&#x3C;script>alert\(1\)&#x3C;\/script>/);
    assert.match(body.html, /<pre><code class="language-mermaid">flowchart LR/);
    assert.equal(body.hasMermaid, true);
    assert.equal(markdownToHtml('`mermaid` and <code class="language-mermaid">x</code>\n').hasMermaid, false);
  });
});
