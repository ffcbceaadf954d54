import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ROOT } from './helpers.js';

// docs/FORMAT.md is our copy of the shared contract, for readers of the repository.
const SHARED = join(ROOT, '..', 'shared', 'FORMAT.md');

it('docs/FORMAT.md is the shared format contract, word for word', { skip: !existsSync(SHARED) && 'no ../shared beside the repository' }, () => {
  assert.equal(readFileSync(join(ROOT, 'docs', 'FORMAT.md'), 'utf8'), readFileSync(SHARED, 'utf8'));
});
