import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { escapeShortcodesInCode, forHugo, hugoTarget } from '../src/publish/hugo.js';
import { MANIFEST_NAME } from '../src/publish/manifest.js';
import { ROOT, runCli, tempDir, SAMPLES_NEWEST_FIRST } from './helpers.js';

const NEWEST_FIRST = SAMPLES_NEWEST_FIRST;

async function publish(dir: string): Promise<{ code: number; pages: { written: string[]; unchanged: string[] } }> {
  const run = await runCli(['publish', '--target', 'hugo', '--out', 'content/postmortems', '--as-of', '2026-01-01', '--format', 'json'], dir);
  assert.equal(run.stderr, '');
  return { code: run.code, ...(JSON.parse(run.stdout) as { pages: { written: string[]; unchanged: string[] } }) };
}

describe('publish --target hugo', () => {
  it('writes pages with front matter, _index.md newest first with page addresses, and nothing on a re-run', async () => {
    const dir = tempDir('postmortem-hugo-unit-');
    cpSync(join(ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
    const first = await publish(dir);
    assert.equal(first.code, 0);
    const out = join(dir, 'content', 'postmortems');
    assert.deepEqual(readdirSync(out).sort(), [MANIFEST_NAME, ...NEWEST_FIRST.map((id) => `${id}.md`), '_index.md', 'report.md'].sort());
    for (const id of NEWEST_FIRST) {
      const fields = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(join(out, `${id}.md`), 'utf8'))![1]!) as Record<string, unknown>;
      assert.equal(fields.slug, id);
      assert.equal(fields.date, id.slice(0, 10));
      assert.ok(typeof fields.title === 'string' && Array.isArray(fields.tags) && typeof fields.description === 'string');
    }
    // Hugo's layouts print the title as the heading: no page repeats it as a level-1 heading.
    for (const page of readdirSync(out).filter((name) => name.endsWith('.md'))) {
      assert.doesNotMatch(readFileSync(join(out, page), 'utf8'), /^# /m, page);
    }
    const index = readFileSync(join(out, '_index.md'), 'utf8');
    assert.deepEqual([...index.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]), ['report/', ...NEWEST_FIRST.map((id) => `${id}/`)]);
    assert.ok(readFileSync(join(out, 'report.md'), 'utf8').includes(`](../${NEWEST_FIRST[2]}/)`));
    const again = await publish(dir);
    assert.deepEqual(again.pages.written, []);
    // The pages, the index and the report.
    assert.equal(again.pages.unchanged.length, NEWEST_FIRST.length + 2);
  });

  it('links by Hugo page address', () => {
    assert.equal(hugoTarget.href('_index.md', 'a.md'), 'a/');
    assert.equal(hugoTarget.href('a.md', 'b.md'), '../b/');
    assert.equal(hugoTarget.href('report.md', 'a.md'), '../a/');
    assert.equal(hugoTarget.href('a.md', '_index.md'), '../');
  });

  it('neutralises shortcode delimiters in text and code', () => {
    assert.equal(forHugo('a {{< x >}} {{% y %}}\n'), 'a \\{\\{< x >}} \\{\\{% y %}}\n');
    assert.equal(forHugo('# Title {#id .class}\n'), '# Title \\{#id .class}\n');
    assert.equal(escapeShortcodesInCode('{{< x >}} {{% y %}}'), '{{</* x */>}} {{%/* y */%}}');
    assert.equal(escapeShortcodesInCode('a {{< b'), 'a {{\u2060< b');
  });
});
