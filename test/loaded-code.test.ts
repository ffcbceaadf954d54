/**
 * What the built CLI loads: a command loads only the code it needs, which is
 * most of its start-up time. The built binary runs with a module hook that
 * names every file it loads, and the test reads those files for a text only
 * one library holds: Handlebars' compiler ("Parse error on line", its
 * parser's message), which only a user's template needs, since the built-in
 * ones are compiled by the build; and its runtime ("Template was precompiled
 * with"), which `validate` never needs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BIN, FIXTURES, ROOT } from './helpers.js';

/** Registers a hook that writes each loaded file's URL to standard error, as `loaded <url>`. */
const HOOK = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
import { writeSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) writeSync(2, 'loaded ' + url + '\\\\n');
  return next(url, context);
}
\`));
`)}`;

const COMPILER = 'Parse error on line';
const RUNTIME = 'Template was precompiled with';
const SAMPLE = join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml');

/** Runs the built CLI; its output and the text of every file of the package it loaded. */
function loadedBy(argv: string[]): { code: number; stderr: string; loaded: string[] } {
  const result = spawnSync(process.execPath, ['--import', HOOK, BIN, ...argv], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  const files = [...result.stderr.matchAll(/^loaded (file:\S+)$/gm)].map((match) => fileURLToPath(match[1]!));
  const stderr = result.stderr.replace(/^loaded \S+\n/gm, '');
  return { code: result.status ?? -1, stderr, loaded: files.map((file) => readFileSync(file, 'utf8')) };
}

describe('the built CLI loads only what the command needs', () => {
  it("render with the built-in templates loads Handlebars' runtime, not its compiler", () => {
    const run = loadedBy(['render', SAMPLE]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.loaded.length > 1, 'the hook saw the chunks load');
    assert.ok(run.loaded.some((text) => text.includes(RUNTIME)), 'the runtime renders the built-in templates');
    assert.ok(!run.loaded.some((text) => text.includes(COMPILER)), 'the compiler is not loaded');
  });

  it("render with a user's templates loads the compiler", () => {
    const folder = join(FIXTURES, 'templates', 'legit-features');
    const run = loadedBy(['render', join(folder, 'incidents', 'minimal.yaml'), '--templates', join(folder, 'templates')]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.loaded.some((text) => text.includes(COMPILER)), 'the compiler compiles them');
  });

  it('validate loads no template code', () => {
    const run = loadedBy(['validate', SAMPLE]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.loaded.length > 1, 'the hook saw the chunks load');
    assert.ok(!run.loaded.some((text) => text.includes(RUNTIME) || text.includes(COMPILER)), 'no Handlebars');
  });
});
