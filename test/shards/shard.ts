/**
 * `npm test` runs the test files in a few processes (the shards in this
 * folder) instead of one process per file: each process costs about 1.5 s
 * of CPU before its first test (the runner, tsx, the sources the tests
 * import), which over 80 files was a quarter of the suite. A test file
 * still runs alone as ever (`node --import tsx --test test/x.test.ts`), so
 * none may rely on sharing a process or on having one to itself.
 *
 * Files are dealt to the shards by their cost, heaviest first, each to the
 * lightest shard so far, so the shards end at about the same time. The costs
 * are seconds measured in a whole `npm test` run; a file not listed counts as
 * `UNLISTED_SECONDS`. A stale figure only unbalances the shards.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** How many shards there are: the `<n>.test.ts` files beside this one, which `npm test` runs two at a time. */
export const SHARD_COUNT = 6;

const SECONDS: Readonly<Record<string, number>> = {
  'ci-workflows.test.ts': 33,
  'publish-tree.test.ts': 25,
  'package.test.ts': 27,
  'file-lock.test.ts': 18,
  'publish-manifest.test.ts': 19,
  'crash.test.ts': 18,
  'report-markdown.test.ts': 16,
  'log.test.ts': 10,
  'large-runs.test.ts': 11,
  'publish-lock.test.ts': 11,
  'process-in-pieces.test.ts': 10,
  'fmt.test.ts': 10,
  'publish.test.ts': 8,
  'write-safety.test.ts': 8,
  'templates.test.ts': 8,
  'init.test.ts': 8,
  'report-memory.test.ts': 8,
  'cli.test.ts': 8,
  'actions-export.test.ts': 8,
  'render.test.ts': 6,
  'build-cache.test.ts': 6,
  'fuzz.test.ts': 5,
  'large-values.test.ts': 5,
  'publish-html-print.test.ts': 5,
  'build.test.ts': 5,
  'progress.test.ts': 4,
  'editor.test.ts': 4,
  'render-fast-path.test.ts': 4,
  'gitlab-format.test.ts': 4,
  'amend.test.ts': 4,
};
const UNLISTED_SECONDS = 1;

const TEST_FOLDER = fileURLToPath(new URL('..', import.meta.url));

/** The test files of each shard, dealt heaviest first to the lightest shard so far (ties: the first). */
export function shardFiles(files: readonly string[], count: number): string[][] {
  const shards = Array.from({ length: count }, () => ({ files: [] as string[], seconds: 0 }));
  const cost = (file: string) => SECONDS[file] ?? UNLISTED_SECONDS;
  const byCost = [...files].sort((a, b) => cost(b) - cost(a) || (a < b ? -1 : 1));
  for (const file of byCost) {
    const lightest = shards.reduce((best, shard) => (shard.seconds < best.seconds ? shard : best));
    lightest.files.push(file);
    lightest.seconds += cost(file);
  }
  return shards.map((shard) => shard.files.sort());
}

/** Imports the test files of shard `number` (1 to `SHARD_COUNT`): their tests run in this process, one file after another. */
export async function runShard(number: number): Promise<void> {
  const files = readdirSync(TEST_FOLDER).filter((name) => name.endsWith('.test.ts'));
  for (const file of shardFiles(files, SHARD_COUNT)[number - 1]!) await import(new URL(`../${file}`, import.meta.url).href);
}
