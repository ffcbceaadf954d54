import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDir } from './helpers.js';

/** The as-of of every in-process publish test: fixed, so nothing reads the clock. */
export const AS_OF = '2026-01-01';

/** A new project folder holding a copy of the samples in incidents/. */
export function sampleProject(prefix: string): string {
  const dir = tempDir(prefix);
  cpSync(join(ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
  return dir;
}

/** `publish --format json` into `site/`, in-process; nothing on stderr. `Run` is the part of the JSON a test reads. */
export async function publishJson<Run>(dir: string, target: string, extra: string[] = []): Promise<Run & { code: number }> {
  const run = await runCli(['publish', '--target', target, '--out', 'site', '--as-of', AS_OF, '--format', 'json', ...extra], dir);
  assert.equal(run.stderr, '');
  return { code: run.code, ...(JSON.parse(run.stdout) as Run) };
}
