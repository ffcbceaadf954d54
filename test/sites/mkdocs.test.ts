import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXTURES, ROOT, runBinary } from '../helpers.js';

/**
 * The `mkdocs` target built by the real engine: Debian's mkdocs with
 * mkdocs-material (`.ci/run` installs them). A missing engine fails the
 * test: a site that was never built proves nothing.
 */
const MKDOCS = '/usr/bin/mkdocs';
const INJECTION_TITLE = readFileSync(join(FIXTURES, 'injection.yaml'), 'utf8').match(/^title: "(.*)"$/m)![1]!.replace(/\\\\/g, '\\');

/** Visible text of an HTML page: tags dropped, character references decoded. */
function visibleText(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, code: string) =>
      code.startsWith('#x') ? String.fromCodePoint(Number.parseInt(code.slice(2), 16)) : code.startsWith('#') ? String.fromCodePoint(Number(code.slice(1))) : (named[code] ?? entity),
    );
}

function builtPages(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.html')).map((name) => join(folder, name));
}

describe('publish --target mkdocs, built by mkdocs with mkdocs-material', () => {
  let site = '';
  let build: ReturnType<typeof spawnSync>;

  before(() => {
    assert.ok(existsSync(MKDOCS), `${MKDOCS} is missing: install Debian's mkdocs and mkdocs-material (bash .ci/run does)`);
    site = mkdtempSync(join(tmpdir(), 'postmortem-mkdocs-'));
    cpSync(join(ROOT, 'incidents'), join(site, 'incidents'), { recursive: true });
    copyFileSync(join(FIXTURES, 'injection.yaml'), join(site, 'incidents', 'injection.yaml'));
    const published = runBinary(['publish', '--target', 'mkdocs', '--out', 'docs/postmortems', '--as-of', '2026-11-25'], site);
    assert.equal(published.code, 0, published.stdout + published.stderr);

    // As the README says: paste nav.yml under `nav:`, and add the mermaid fence.
    const nav = readFileSync(join(site, 'docs', 'postmortems', 'nav.yml'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => `  ${line}`);
    writeFileSync(
      join(site, 'mkdocs.yml'),
      [
        'site_name: Incidents',
        'theme:',
        '  name: material',
        '  font: false',
        'markdown_extensions:',
        '  - tables',
        '  - pymdownx.superfences:',
        '      custom_fences:',
        '        - name: mermaid',
        '          class: mermaid',
        '          format: !!python/name:pymdownx.superfences.fence_code_format',
        'nav:',
        '  - Home: index.md',
        ...nav,
        '',
      ].join('\n'),
    );
    mkdirSync(join(site, 'docs'), { recursive: true });
    writeFileSync(join(site, 'docs', 'index.md'), '# Home\n\nSee [the postmortems](postmortems/index.md).\n');
    build = spawnSync(MKDOCS, ['build', '--strict'], { cwd: site, encoding: 'utf8' });
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

  it('keeps the timeline chart as a mermaid block for the theme to draw', () => {
    const html = readFileSync(join(site, 'site', 'postmortems', '2022-10-25-messaging-outage', 'index.html'), 'utf8');
    assert.match(html, /<pre class="mermaid"><code>(flowchart|graph)/);
  });
});
