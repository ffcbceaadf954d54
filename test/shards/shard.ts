/**
 * `npm test` runs the test files in a few processes (the shards in this
 * folder) instead of one process per file: each process costs about 1.5 s
 * of CPU before its first test (the runner, tsx, the sources the tests
 * import), which over all the test files was a quarter of the suite. A test file
 * still runs alone as ever (`node --import tsx --test test/x.test.ts`), so
 * none may rely on sharing a process or on having one to itself, and a hook
 * at a file's top level belongs to its whole shard: `before`, `beforeEach`
 * and `afterEach` go inside a `describe` (test/test-shards.test.ts checks),
 * and a top-level `after` runs when the shard ends.
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
  'publish-tree.test.ts': 20,
  'report-memory.test.ts': 15,
  'crash.test.ts': 14,
  'package.test.ts': 14,
  'file-lock.test.ts': 14,
  'report-markdown.test.ts': 14,
  'fmt.test.ts': 12,
  'ci-workflows.test.ts': 12,
  'publish-manifest.test.ts': 11,
  'write-safety.test.ts': 11,
  'publish-lock.test.ts': 10,
  'actions-export.test.ts': 9,
  'cli.test.ts': 9,
  'init.test.ts': 8,
  'process-in-pieces.test.ts': 8,
  'fuzz.test.ts': 7,
  'large-runs.test.ts': 7,
  'large-values.test.ts': 7,
  'build-cache.test.ts': 6,
  'publish-html-print.test.ts': 6,
  'publish.test.ts': 6,
  'render.test.ts': 6,
  'log.test.ts': 5,
  'progress.test.ts': 5,
  'templates.test.ts': 5,
  'editor.test.ts': 4,
  'gitlab-format.test.ts': 4,
  'render-fast-path.test.ts': 4,
  'build.test.ts': 3,
  'hostile-input.test.ts': 3,
  'import-cli.test.ts': 3,
  'loaded-code.test.ts': 3,
  'render-print-tree.test.ts': 3,
  'schema.test.ts': 3,
  'special-files.test.ts': 3,
  'amend.test.ts': 2,
  'insert-events.test.ts': 2,
  'markdown-field.test.ts': 2,
  'markdown-simple.test.ts': 2,
  'new.test.ts': 2,
  'publish-hostile.test.ts': 2,
  'publish-npm-engines.test.ts': 2,
  'quick-parse.test.ts': 2,
  'single-valued-options.test.ts': 2,
  'undo.test.ts': 2,
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

/** The names of the test files in test/, which the shards share out. */
export function testFiles(): string[] {
  return readdirSync(TEST_FOLDER).filter((name) => name.endsWith('.test.ts'));
}

/** Imports the test files of shard `number` (1 to `SHARD_COUNT`): their tests run in this process, one file after another. */
export async function runShard(number: number): Promise<void> {
  for (const file of shardFiles(testFiles(), SHARD_COUNT)[number - 1]!) await import(new URL(`../${file}`, import.meta.url).href);
}
