import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { ROOT, runCli, tempDir, SAMPLES_NEWEST_FIRST } from './helpers.js';

const IDS = SAMPLES_NEWEST_FIRST;

function project(): string {
  const dir = tempDir('postmortem-publish-jekyll-');
  cpSync(join(ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
  return dir;
}

async function publish(dir: string): Promise<{ written: string[]; unchanged: string[] }> {
  const run = await runCli(['publish', '--target', 'jekyll', '--out', 'site', '--as-of', '2026-01-01', '--format', 'json'], dir);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  return (JSON.parse(run.stdout) as { pages: { written: string[]; unchanged: string[] } }).pages;
}

function frontMatter(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(match, 'no front matter');
  return parseYaml(match[1]!) as Record<string, unknown>;
}

describe('publish --target jekyll', () => {
  it('writes pages with front matter that turns Liquid off, an index newest first with .html links, and the report', async () => {
    const dir = project();
    const pages = await publish(dir);
    assert.deepEqual([...pages.written].sort(), [...IDS.map((id) => `${id}.md`), 'index.md', 'report.md'].sort());
    for (const id of IDS) {
      const fields = frontMatter(readFileSync(join(dir, 'site', `${id}.md`), 'utf8'));
      assert.equal(fields.layout, 'post');
      assert.equal(fields.render_with_liquid, false);
      assert.equal(fields.permalink, '/:path/:basename:output_ext');
      assert.equal(typeof fields.title, 'string');
      assert.ok(Array.isArray(fields.tags));
    }
    for (const page of ['index.md', 'report.md']) assert.equal(frontMatter(readFileSync(join(dir, 'site', page), 'utf8')).render_with_liquid, false);
    const index = readFileSync(join(dir, 'site', 'index.md'), 'utf8');
    const order = IDS.map((id) => index.indexOf(`(${id}.html)`));
    assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!)), 'newest first, linked as .html');
    assert.ok(index.includes('(report.html)'));
  });

  it('re-publishing unchanged writes nothing', async () => {
    const dir = project();
    await publish(dir);
    const before = readdirSync(join(dir, 'site')).map((file) => statSync(join(dir, 'site', file)).mtimeMs);
    const again = await publish(dir);
    assert.deepEqual(again.written, []);
    assert.equal(again.unchanged.length, IDS.length + 2);
    assert.deepEqual(readdirSync(join(dir, 'site')).map((file) => statSync(join(dir, 'site', file)).mtimeMs), before);
  });
});
