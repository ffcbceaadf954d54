import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { FIXTURES, ROOT, runBinary, tempDir } from '../helpers.js';

/** The injection incident's title, as the reader must see it. */
export const INJECTION_TITLE = readFileSync(join(FIXTURES, 'injection.yaml'), 'utf8').match(/^title: "(.*)"$/m)![1]!.replace(/\\\\/g, '\\');

/** Syntax of every dialect in the injection incident that must show as written. */
export const LITERALS = [
  '<script>alert(1)</script>',
  '{{title}}',
  '{%raw%}',
  'svc | a # b',
  '{{ 1 + 1 }}',
  '{props.x}',
  '{/* comment */}',
  ':tada:',
  '[[toc]]',
  '{onclick=alert(1)}',
  ':::danger Not an admonition',
  '::leaf[directive]{#id} and :text[directive]{.class}',
  'Ends with attributes {.red #rid onclick=alert(1)}',
  "import Tabs from '@theme/Tabs'",
  '<Tabs><TabItem value="a">tab</TabItem></Tabs>',
];

export interface NpmEngineSite {
  /** The site's root: its config, docs/, and docs/postmortems as published. */
  root: string;
  /** The engine's build, as it ran. */
  build: SpawnSyncReturns<string>;
}

/**
 * A site of an engine installed from npm in its own folder under
 * test/sites (`.ci/run` runs `npm ci` there): the samples and the injection
 * incident published into `docs/postmortems` of the site kept in that
 * folder, set up as the README says, then built. Built in place, because
 * the engines resolve their packages from the site's own node_modules;
 * what a build leaves is ignored by git. A missing install fails the test.
 */
export function buildNpmEngineSite(engine: 'vitepress' | 'docusaurus', leftovers: readonly string[], command: readonly string[]): NpmEngineSite {
  const root = join(ROOT, 'test', 'sites', engine);
  assert.ok(existsSync(join(root, 'node_modules', '.package-lock.json')), `${engine} is not installed: run npm ci in test/sites/${engine} (bash .ci/run does)`);
  for (const path of ['docs/postmortems', ...leftovers]) rmSync(join(root, path), { recursive: true, force: true });
  const incidents = tempDir(`postmortem-${engine}-`);
  cpSync(join(ROOT, 'incidents'), incidents, { recursive: true });
  copyFileSync(join(FIXTURES, 'injection.yaml'), join(incidents, 'injection.yaml'));
  const published = runBinary(['publish', incidents, '--target', engine, '--out', 'docs/postmortems', '--as-of', '2026-11-25'], root);
  rmSync(incidents, { recursive: true, force: true });
  assert.equal(published.code, 0, published.stdout + published.stderr);
  const build = spawnSync(process.execPath, command, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { root, build };
}

/**
 * What in a built page could only have come from incident text, found in
 * the page parsed as a browser would (parse5): a script that is not one of
 * the engine's own (`allowed`, matched against the element's source), an
 * image, an event-handler attribute, a `javascript:` link.
 */
export function injectedMarkup(html: string, allowed: readonly RegExp[]): string[] {
  const found: string[] = [];
  visit(fromHtml(html), 'element', (element: Element) => {
    const source = element.position ? html.slice(element.position.start.offset, element.position.end.offset) : element.tagName;
    if (element.tagName === 'script' && !allowed.some((pattern) => pattern.test(source))) found.push(source.slice(0, 200));
    if (element.tagName === 'img') found.push(source.slice(0, 200));
    for (const [name, value] of Object.entries(element.properties)) {
      if (/^on/i.test(name)) found.push(`${element.tagName} ${name}`);
      if (typeof value === 'string' && /^\s*javascript:/i.test(value)) found.push(`${element.tagName} ${name}=${value}`);
    }
  });
  return found;
}
