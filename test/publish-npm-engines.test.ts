import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { docusaurusTags, forDocusaurus, sidebarPosition } from '../src/publish/docusaurus.js';
import { scriptDataSafe } from '../src/publish/front-matter.js';
import { MANIFEST_NAME } from '../src/publish/manifest.js';
import { forVitePress } from '../src/publish/vitepress.js';
import { ROOT, runBinary, runCli, tempDir, SAMPLES_NEWEST_FIRST } from './helpers.js';

/**
 * The `vitepress` and `docusaurus` targets without their engines: files,
 * front matter, navigation and escaping. test/sites/ builds them for real.
 */
const AS_OF = '2026-01-01';
const NEWEST_FIRST = SAMPLES_NEWEST_FIRST;

function project(): string {
  const dir = tempDir('postmortem-npm-engines-');
  cpSync(join(ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
  return dir;
}

async function publish(dir: string, target: string, extra: string[] = []): Promise<{ code: number; pages: { written: string[]; unchanged: string[] } }> {
  const run = await runCli(['publish', '--target', target, '--out', 'docs/postmortems', '--as-of', AS_OF, '--format', 'json', ...extra], dir);
  assert.equal(run.stderr, '');
  return { code: run.code, ...(JSON.parse(run.stdout) as { pages: { written: string[]; unchanged: string[] } }) };
}

function frontMatter(text: string): Record<string, unknown> {
  return parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) as Record<string, unknown>;
}

describe('publish --target vitepress', () => {
  it('writes pages, an index newest first, the report and sidebar.json, and nothing on a re-run', async () => {
    const dir = project();
    assert.equal((await publish(dir, 'vitepress')).code, 0);
    const out = join(dir, 'docs', 'postmortems');
    assert.deepEqual(readdirSync(out).sort(), [MANIFEST_NAME, ...NEWEST_FIRST.map((id) => `${id}.md`), 'index.md', 'report.md', 'sidebar.json'].sort());
    for (const id of NEWEST_FIRST) {
      const fields = frontMatter(readFileSync(join(out, `${id}.md`), 'utf8'));
      assert.equal(fields.date, id.slice(0, 10));
      assert.ok(typeof fields.title === 'string' && Array.isArray(fields.tags) && typeof fields.description === 'string');
    }
    const index = readFileSync(join(out, 'index.md'), 'utf8');
    assert.deepEqual([...index.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]), ['report.md', ...NEWEST_FIRST.map((id) => `${id}.md`)]);
    const sidebar = JSON.parse(readFileSync(join(out, 'sidebar.json'), 'utf8')) as { text: string; link: string; items: { text: string; link: string }[] }[];
    assert.equal(sidebar[0]!.link, '/postmortems/');
    assert.deepEqual(sidebar[0]!.items.map((item) => item.link), ['/postmortems/report', ...NEWEST_FIRST.map((id) => `/postmortems/${id}`)]);
    const again = await publish(dir, 'vitepress');
    assert.deepEqual(again.pages.written, []);
    // The pages, the index, the report and the sidebar.
    assert.equal(again.pages.unchanged.length, NEWEST_FIRST.length + 3);
  });

  it('puts sidebar links under --site-path, and refuses one that leaves the docs root', async () => {
    const dir = project();
    assert.equal((await publish(dir, 'vitepress', ['--site-path', '/ops\\postmortems/'])).code, 0);
    const sidebar = JSON.parse(readFileSync(join(dir, 'docs', 'postmortems', 'sidebar.json'), 'utf8')) as { link: string }[];
    assert.equal(sidebar[0]!.link, '/ops/postmortems/');
    for (const bad of ['..', '../x', '/', 'ops\npostmortems', 'ops\tx']) {
      const run = await runCli(['publish', '--target', 'vitepress', '--out', 'elsewhere', '--site-path', bad], dir);
      assert.equal(run.code, 2, bad);
      assert.match(run.stderr, /--site-path .* is not a folder under the docs root/);
    }
  });

  it('wraps text in v-pre containers no line can close, and leaves Mermaid fences outside', () => {
    // markdown-it-container closes at any line of enough colons, code blocks included; text colons are escaped.
    const page = forVitePress('# T {{ x }}\n\n::: Text\n\n```\n::::::\n```\n\n```mermaid\nflowchart LR\n  a --> b\n```\n\nAfter {{ y }}\n');
    assert.equal(
      page,
      [
        '::::::: v-pre',
        '',
        '# T \\{\\{ x }}',
        '',
        '\\:\\:: Text',
        '',
        '```',
        '::::::',
        '```',
        '',
        ':::::::',
        '',
        '```mermaid',
        'flowchart LR',
        '  a --> b',
        '```',
        '',
        '::::::: v-pre',
        '',
        'After \\{\\{ y }}',
        '',
        ':::::::',
        '',
      ].join('\n'),
    );
  });

  it('escapes what markdown-it-attrs and markdown-it-emoji read, and keeps code as written', () => {
    assert.equal(forVitePress('a {.x} :tada: ;) 10:30 ends:\n'), '::: v-pre\n\na \\{.x} \\:tada: \\;) 10\\:30 ends:\n\n:::\n');
    assert.equal(forVitePress('`{.x} :tada:`\n'), '::: v-pre\n\n`{.x} :tada:`\n\n:::\n');
  });
});

describe('publish --target docusaurus', () => {
  it('writes CommonMark pages with newest-first positions, the index, the report and _category_.json', async () => {
    const dir = project();
    assert.equal((await publish(dir, 'docusaurus')).code, 0);
    const out = join(dir, 'docs', 'postmortems');
    assert.deepEqual(readdirSync(out).sort(), [MANIFEST_NAME, ...NEWEST_FIRST.map((id) => `${id}.md`), '_category_.json', 'index.md', 'report.md'].sort());
    const positions = NEWEST_FIRST.map((id) => {
      const fields = frontMatter(readFileSync(join(out, `${id}.md`), 'utf8'));
      assert.equal(fields.slug, id);
      assert.equal(fields.date, id.slice(0, 10));
      assert.deepEqual(fields.mdx, { format: 'md' });
      return fields.sidebar_position as number;
    });
    const report = frontMatter(readFileSync(join(out, 'report.md'), 'utf8'));
    assert.deepEqual([report.sidebar_position as number, ...positions], [report.sidebar_position as number, ...positions].sort((a, b) => a - b), 'the report, then newest first');
    assert.deepEqual(frontMatter(readFileSync(join(out, 'index.md'), 'utf8')).mdx, { format: 'md' });
    assert.deepEqual(JSON.parse(readFileSync(join(out, '_category_.json'), 'utf8')), { label: 'Postmortems', collapsed: false });
  });

  it('orders by impact start, so an earlier incident keeps its position', () => {
    assert.equal(sidebarPosition(Date.UTC(2022, 9, 25, 7, 5)), -1666681500);
    assert.ok(sidebarPosition(Date.UTC(2025, 0, 1)) < sidebarPosition(Date.UTC(2024, 0, 1)));
  });

  it('escapes directive colons, splits emoji names and keeps a trailing {#…} in a heading as text', () => {
    assert.equal(forDocusaurus(':::note\n\n:abbr[x] 10:30 :tada:\n'), '::\\:note\n\n\\:abbr\\[x] 10:30 :\u2060tada:\n');
    assert.match(forDocusaurus('# Title {#custom}\n'), /^# Title \{#custom\} <!-- #title-custom -->\n$/);
    assert.equal(forDocusaurus('`:::note :tada:`\n'), '`:::note :tada:`\n');
  });

  it('drops a leading # from tags, once each', () => {
    assert.deepEqual(docusaurusTags(['#tag', 'tag', '# spaced', '#', 'plain']), ['tag', 'spaced', 'plain']);
  });
});

describe('front matter kept inside a <script> element', () => {
  it('breaks </script and <!-- with an invisible word joiner, and leaves other text alone', () => {
    assert.equal(scriptDataSafe('a </script> b </SCRIPT c <!-- d <b>'), 'a <\u2060/script> b <\u2060/SCRIPT c <\u2060!-- d <b>');
  });
});

describe('publish --target vitepress and docusaurus, as a process', () => {
  it('writes the same bytes as in-process', async () => {
    for (const target of ['vitepress', 'docusaurus']) {
      const dir = project();
      const run = runBinary(['publish', '--target', target, '--out', 'docs/postmortems', '--as-of', AS_OF], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, '5 files: 5 ok, 0 invalid; 0 errors, 0 warnings; 8 written, 0 unchanged, 0 removed in docs/postmortems\n');
      const other = project();
      await publish(other, target);
      for (const file of readdirSync(join(dir, 'docs', 'postmortems')).filter((name) => name !== MANIFEST_NAME)) {
        assert.equal(readFileSync(join(dir, 'docs', 'postmortems', file), 'utf8'), readFileSync(join(other, 'docs', 'postmortems', file), 'utf8'), `${target} ${file}`);
      }
    }
  });
});
