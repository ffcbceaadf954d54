import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { frameLine, MAX_FRAME_WIDTH } from '../src/cli/reporters/code-frame.js';
import { excerpt, MAX_QUOTED_LENGTH, quote } from '../src/diagnostics/quote.js';
import { closestMatch } from '../src/diagnostics/suggest.js';
import { MAX_FILE_BYTES } from '../src/source/source-file.js';
import { MAX_NESTING_DEPTH } from '../src/source/nesting-limit.js';
import { parseYaml } from '../src/source/parse-yaml.js';
import { FIXTURES, RUNNERS, runCli, tempDir } from './helpers.js';

/*
 * Input that must not turn the tool against its user: keys named after
 * Object.prototype members, nesting deep enough to exhaust the call stack,
 * values and lines a megabyte long, CR line endings. Each is refused or
 * handled per file, with a positioned message of readable size.
 */

const MINIMAL = readFileSync(join(FIXTURES, 'valid', 'minimal', 'input.yaml'), 'utf8');
const PROTOTYPE_KEYS = readFileSync(join(FIXTURES, 'fmt', 'prototype-keys', 'input.yaml'), 'utf8');
const PROTOTYPE_KEYS_FORMATTED = readFileSync(join(FIXTURES, 'fmt', 'prototype-keys', 'expected.yaml'), 'utf8');
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$|Maximum call stack|internal error/im;
/** What "readable" means for one file's messages, in every format. */
const READABLE_BYTES = 4096;

function project(files: Record<string, string>): string {
  const dir = tempDir('postmortem-hostile-');
  mkdirSync(join(dir, 'incidents'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'incidents', name), text);
  return dir;
}

const withId = (text: string, id: string) => text.replace(/^id: .*$/m, `id: ${id}`);
const read = (dir: string, name: string) => readFileSync(join(dir, 'incidents', name), 'utf8');

describe('keys named after Object.prototype members', () => {
  for (const { how: way, run, it, itEveryWay } of RUNNERS) {
    for (const key of ['__proto__', 'constructor', 'toString', 'valueOf']) {
      (key === '__proto__' ? itEveryWay : it)(`fmt --check and fmt with a nested \`${key}\` key among good files (${way}): exit 1, the others checked`, async () => {
        // Mappings under the key, where `fmt` looked up how to order them.
        const odd = `${withId(MINIMAL, 'b-odd').replace('impact:\n', `impact:\n  ${key}:\n    a: 1\n`)}${key}:\n  ${key}: {a: 1}\n`;
        const dir = project({ 'a-good.yaml': withId(MINIMAL, 'a-good'), 'b-odd.yaml': odd, 'c-scrambled.yaml': PROTOTYPE_KEYS });
        const check = await run(['fmt', '--check'], dir);
        assert.doesNotMatch(check.stdout + check.stderr, STACK_TRACE);
        assert.equal(check.code, 1, check.stdout + check.stderr);
        assert.equal(
          check.stdout.split('\n').filter((line) => line.startsWith('would reformat')).join('\n'),
          'would reformat incidents/b-odd.yaml\nwould reformat incidents/c-scrambled.yaml',
        );
        assert.match(check.stdout, /^3 files: /m);

        const fmt = await run(['fmt'], dir);
        assert.doesNotMatch(fmt.stdout + fmt.stderr, STACK_TRACE);
        assert.equal(fmt.code, 0, fmt.stdout + fmt.stderr);
        assert.equal(read(dir, 'c-scrambled.yaml'), PROTOTYPE_KEYS_FORMATTED);
        const again = await run(['fmt', '--check'], dir);
        assert.equal(again.code, 0, again.stdout);
      });
    }
  }

  it('validate reports them as unknown keys at every level, as it does any other', async () => {
    const dir = project({ 'odd.yaml': PROTOTYPE_KEYS });
    const result = await runCli(['validate', '--format', 'json'], dir);
    const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: { rule: string; line: number; message: string }[] };
    assert.deepEqual(
      diagnostics.map((d) => `${d.line} ${d.rule} ${d.message}`),
      [
        '3 unknown-key Unknown key `constructor` in the incident',
        '14 unknown-key Unknown key `__proto__` in `impact`',
        '17 unknown-key Unknown key `toString` in `impact`',
        '19 unknown-key Unknown key `valueOf` in `timeline[0]`',
        '24 unknown-key Unknown key `hasOwnProperty` in `timeline[0]`',
        '28 unknown-key Unknown key `__proto__` in the incident',
        '30 unknown-key Unknown key `valueOf` in the incident',
      ],
    );
  });
});

describe('nesting limit', () => {
  const flow = (depth: number) => `x-deep: ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}\n`;
  const block = (depth: number) => {
    let text = 'x-deep:\n';
    for (let level = 2; level < depth; level += 1) text += `${' '.repeat(level - 1)}k${level}:\n`;
    return `${text}${' '.repeat(depth - 1)}last: 1\n`;
  };
  const compact = (depth: number) => `x-deep:\n  ${'- '.repeat(depth - 1)}x\n`;
  const rulesOf = (text: string) => parseYaml({ path: 'input.yaml', text }).diagnostics.list.map((d) => d.rule);

  for (const [name, shape] of [
    ['flow lists', flow],
    ['block mappings', block],
    ['compact block lists', compact],
  ] as const) {
    it(`reads ${name} ${MAX_NESTING_DEPTH} deep (the top-level mapping counts), refuses ${MAX_NESTING_DEPTH + 1}`, () => {
      assert.deepEqual(rulesOf(`${MINIMAL}${shape(MAX_NESTING_DEPTH)}`), []);
      assert.deepEqual(rulesOf(`${MINIMAL}${shape(MAX_NESTING_DEPTH + 1)}`), ['yaml-too-deep']);
    });
  }

  it('points at the list that crosses the limit, and reads no further', () => {
    const text = `${MINIMAL}x-deep: ${'['.repeat(1_000_000)}\n`;
    const [diagnostic, ...rest] = parseYaml({ path: 'input.yaml', text }).diagnostics.list;
    assert.deepEqual(rest, []);
    const line = MINIMAL.split('\n').length;
    assert.deepEqual(
      { rule: diagnostic?.rule, line: diagnostic?.line, column: diagnostic?.column },
      // `x-deep: ` is 8 characters; the top-level mapping is the first level, the 64th `[` the 65th.
      { rule: 'yaml-too-deep', line, column: 8 + MAX_NESTING_DEPTH },
    );
  });

  it('log refuses such a file with the reason, and writes nothing', async () => {
    const deep = `${withId(MINIMAL, 'deep')}${flow(200)}`;
    const dir = project({ 'deep.yaml': deep });
    const result = await runCli(['log', 'deep', 'Something happened', '--at', '2024-05-02 14:30'], dir);
    assert.equal(result.code, 1);
    assert.doesNotMatch(result.stdout + result.stderr, STACK_TRACE);
    assert.match(result.stdout + result.stderr, /incidents\/deep\.yaml:12:\d+: error: .*\[yaml-too-deep\]/);
    assert.equal(read(dir, 'deep.yaml'), deep);
  });
});

describe('messages of readable size', () => {
  const longLine = `${MINIMAL}x-long: ${'a'.repeat(MAX_FILE_BYTES - MINIMAL.length - 2_000)}: b\n`;
  const hugeZone = MINIMAL.replace(/^id:/m, `timezone: ${'Z'.repeat(1_000_000)}\nid:`);
  // An explicit key (`? …`): an implicit one may not be longer than 1024 characters.
  const hugeKey = `${MINIMAL}? ${'k'.repeat(500_000)}\n: 1\n`;
  const manyBrackets = `${MINIMAL}x-deep: ${'['.repeat(1_000_000)}\n`;
  const cases: [string, string, string][] = [
    ['a one-line file of a megabyte', longLine, 'yaml-syntax'],
    ['a time zone a million characters long', hugeZone, 'unknown-timezone'],
    ['a key half a million characters long', hugeKey, 'unknown-key'],
    ['a million brackets', manyBrackets, 'yaml-too-deep'],
  ];
  for (const [name, text, rule] of cases) {
    for (const format of ['pretty', 'json', 'github']) {
      it(`${name}: validate --format ${format} says it in under ${READABLE_BYTES} bytes`, async () => {
        assert.ok(Buffer.byteLength(text) <= MAX_FILE_BYTES);
        const dir = project({ 'big.yaml': text, 'good.yaml': withId(MINIMAL, 'good') });
        const result = await runCli(['validate', '--format', format], dir);
        assert.equal(result.code, 1);
        const output = result.stdout + result.stderr;
        assert.ok(output.length < READABLE_BYTES, `${output.length} bytes:\n${output.slice(0, 1_000)}`);
        assert.ok(output.includes(rule), output);
        assert.match(output, /big\.yaml/);
        assert.doesNotMatch(output, /good\.yaml:\d+:\d+: error/);
      });
    }
  }

  // Not `--format json`: its list of files gives each file's declared id in full, as data.
  for (const format of ['pretty', 'github']) {
    it(`two files declaring the same id half a million characters long: validate --format ${format} in under ${READABLE_BYTES} bytes`, async () => {
      const text = withId(MINIMAL, 'a'.repeat(500_000));
      const dir = project({ 'a.yaml': text, 'b.yaml': text });
      const result = await runCli(['validate', '--format', format], dir);
      assert.equal(result.code, 1);
      assert.ok(result.stdout.includes('duplicate-id'), result.stdout.slice(0, 1_000));
      assert.ok(result.stdout.length < READABLE_BYTES, `${result.stdout.length} bytes`);
    });
  }

  it('quotes a long value cut, on one line, with its length', () => {
    assert.equal(quote('Europe/London'), '`Europe/London`');
    assert.equal(excerpt('a\n  b\r\nc'), 'a b c');
    const cut = excerpt('x'.repeat(1_000_000));
    assert.equal(cut, `${'x'.repeat(MAX_QUOTED_LENGTH - 1)}… (1000000 characters)`);
    // Not cut between the two halves of a surrogate pair, and counted in characters.
    assert.equal(excerpt('😀'.repeat(100)), `${'😀'.repeat(MAX_QUOTED_LENGTH - 1)}… (100 characters)`);
  });

  it('shows control characters in a quoted value as escapes, so they cannot drive the terminal', () => {
    assert.equal(quote('UTC\u001b[2J\u202e'), '`UTC\\u001B[2J\\u202E`');
  });

  it('cuts a long code-frame line to a window around the column, the caret kept under it', () => {
    const line = `${'a'.repeat(5_000)}BAD${'b'.repeat(5_000)}`;
    const frame = frameLine(line, 5_001, 3);
    assert.ok(frame.text.length <= MAX_FRAME_WIDTH + 2);
    assert.equal(frame.text.slice(frame.caretStart, frame.caretStart + frame.caretWidth), 'BAD');
    assert.ok(frame.text.startsWith('…') && frame.text.endsWith('…'));
    assert.deepEqual(frameLine('key: value', 6, 5), { text: 'key: value', caretStart: 5, caretWidth: 5 });
    assert.deepEqual(frameLine('a\tb\u001b', 3, 1), { text: 'a b\u241b', caretStart: 2, caretWidth: 1 });
  });

  it('suggests no time zone for a value far longer than any, and still suggests close ones', () => {
    assert.equal(closestMatch('Z'.repeat(1_000_000), Intl.supportedValuesOf('timeZone')), undefined);
    assert.equal(closestMatch('Europe/Londn', Intl.supportedValuesOf('timeZone')), 'Europe/London');
  });
});

describe('CR line endings', () => {
  const crOnly = withId(MINIMAL, 'cr-only').replace(/\n/g, '\r');
  const strayCr = withId(MINIMAL, 'stray-cr').replace('Checkout errors for', 'Checkout errors\rfor');
  for (const { how: way, run, itEveryWay } of RUNNERS) {
    itEveryWay(`validate, fmt --check and fmt refuse them at the first lone CR, the others still checked (${way})`, async () => {
      const dir = project({ 'a-cr.yaml': crOnly, 'b-stray.yaml': strayCr, 'c-good.yaml': withId(MINIMAL, 'good') });
      const validate = await run(['validate'], dir);
      assert.equal(validate.code, 1);
      assert.match(validate.stdout, /^incidents\/a-cr\.yaml:1:61: error: Unexpected line endings: CR only .*expected LF or CRLF \[line-endings\]$/m);
      assert.match(validate.stdout, /^incidents\/b-stray\.yaml:3:23: error: Unexpected carriage return .* \[line-endings\]$/m);
      assert.match(validate.stdout, /^3 files: 1 ok, 2 invalid/m);
      assert.ok(validate.stdout.length < READABLE_BYTES);
      for (const argv of [['fmt', '--check'], ['fmt']]) {
        const fmt = await run(argv, dir);
        assert.equal(fmt.code, 1, fmt.stdout);
        assert.match(fmt.stdout, /^incidents\/a-cr\.yaml:1:61: error: .*\[line-endings\]$/m);
        assert.match(fmt.stdout, /^incidents\/b-stray\.yaml:3:23: error: .*\[line-endings\]$/m);
        assert.doesNotMatch(fmt.stdout + fmt.stderr, STACK_TRACE);
      }
      assert.equal(read(dir, 'a-cr.yaml'), crOnly);
      assert.equal(read(dir, 'b-stray.yaml'), strayCr);
    });
  }

  it('log refuses them, says why, and writes nothing', async () => {
    const dir = project({ 'cr-only.yaml': crOnly, 'stray-cr.yaml': strayCr });
    for (const id of ['cr-only', 'stray-cr']) {
      const result = await runCli(['log', id, 'Something happened', '--at', '2024-05-02 14:30'], dir);
      assert.equal(result.code, 1);
      assert.match(result.stdout + result.stderr, /\[line-endings\]/);
      assert.match(result.stdout + result.stderr, /carriage return \(CR\) alone/);
    }
    assert.equal(read(dir, 'cr-only.yaml'), crOnly);
    assert.equal(read(dir, 'stray-cr.yaml'), strayCr);
  });
});
