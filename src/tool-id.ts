import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersion } from './package-root.js';

/** Set by scripts/bundle.mjs in the bundle (the CLI, the library, the worker): the hash of the code it bundled. */
declare const __POSTMORTEM_BUILD_ID__: string | undefined;

let cached: string | undefined;

/**
 * Which code is running, for caches that must not outlive a change of the
 * tool (build's manifest): the bundle carries the hash of its sources;
 * run from src/ (tsx), the hash of the code folder's files is taken at
 * first use (a few milliseconds), so an edited tool never
 * trusts what an earlier one wrote.
 */
export function toolId(): string {
  if (typeof __POSTMORTEM_BUILD_ID__ === 'string') return __POSTMORTEM_BUILD_ID__;
  cached ??= `${packageVersion()}+${hashOfFolder(dirname(fileURLToPath(import.meta.url)))}`;
  return cached;
}

function hashOfFolder(folder: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(?:[cm]?[jt]s)$/.test(entry.name)) hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(folder);
  return hash.digest('base64url');
}
