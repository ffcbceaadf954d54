import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, ROOT, runBinary, tempDir } from '../helpers.js';

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

