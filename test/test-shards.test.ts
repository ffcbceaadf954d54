import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ROOT } from './helpers.js';
import { SHARD_COUNT, shardFiles, testFiles } from './shards/shard.js';

const TEST_FOLDER = join(ROOT, 'test');
const TEST_FILES = testFiles();

it('npm test runs every test file once, in one of the shards', () => {
  const shards = shardFiles(TEST_FILES, SHARD_COUNT);
  assert.equal(shards.length, SHARD_COUNT);
  assert.deepEqual(shards.flat().sort(), [...TEST_FILES].sort());
  for (let number = 1; number <= SHARD_COUNT; number += 1) {
    assert.equal(readFileSync(join(TEST_FOLDER, 'shards', `${number}.test.ts`), 'utf8'), `import { runShard } from './shard.js';\n\nawait runShard(${number});\n`);
  }
  assert.ok(!existsSync(join(TEST_FOLDER, 'shards', `${SHARD_COUNT + 1}.test.ts`)), 'no shard beyond SHARD_COUNT');
});

it('no test file has a top-level before or each hook, which would run for every file of its shard', () => {
  for (const file of TEST_FILES) {
    assert.doesNotMatch(readFileSync(join(TEST_FOLDER, file), 'utf8'), /^(?:before|beforeEach|afterEach)\(/m, `${file}: put the hook inside a describe`);
  }
});
