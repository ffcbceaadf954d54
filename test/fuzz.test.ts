import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ROOT, runBinary, runCli, tempDir } from './helpers.js';
import { byDepth } from './depth.js';

/*
 * Property: whatever a careless or hostile edit does to a real incident file,
 * every command answers with exit 0 or 1, positions what it found at
 * `file:line:col`, prints no stack trace, keeps processing the good file
 * beside it, and finishes in seconds. Bounded so `npm test` spends well under
 * a minute here; FUZZ_RUNS and FUZZ_SEED explore further by hand.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? byDepth(24, 60));
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
/**
 * A file that costs more CPU than this is a blow-up (a normal one takes
 * milliseconds). CPU time, not wall time, so a loaded machine does not fail it;
 * measured in-process, where the run's CPU is ours to count.
 */
const SLOW_MS = 5_000;

const SAMPLES = readdirSync(join(ROOT, 'incidents'))
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => readFileSync(join(ROOT, 'incidents', name)));

/** YAML features and awkward text an editor, a paste or an attacker can bring in, by name (counterexamples stay short). */
const SNIPPETS: Record<string, string> = {
  anchor: 'x-a: &anchor value\nx-b: *anchor\n',
  merge: '<<: *missing\n',
  directive: '%YAML 1.1\n---\n',
  document: '---\nsecond: document\n',
  end: '...\n',
  complexKey: '? [complex, key]\n: value\n',
  flowKey: '[flow, key]: value\n',
  nestedComplexKey: 'x-n:\n  ? {a: 1}\n  : b\n',
  binary: 'x-t: !!binary aGVsbG8=\n',
  customTag: 'x-c: !custom tag\n',
  blockScalar: 'summary: |-\n  block\n    more\n',
  proto: '__proto__: { polluted: true }\n',
  constructorKey: 'constructor: 1\n',
  toStringKey: 'toString: x\n',
  valueOfKey: 'valueOf: [1]\n',
  hasOwnKey: 'hasOwnProperty: y\n',
  deepFlow: 'x-deep: ' + '['.repeat(2_000) + '\n',
  deepMap: 'x-deep-map: ' + '{a: '.repeat(500) + '1' + '}'.repeat(500) + '\n',
  longLine: 'x-long: ' + 'a'.repeat(200_000) + '\n',
  tab: '\t- tab indented\n',
  cr: '\r',
  crlf: '\r\n',
  bom: '\uFEFF',
  nul: '\u0000',
  lineSeparator: '\u2028',
  numericId: 'id: 123\n',
  hugeZone: 'timezone: ' + 'Z'.repeat(50_000) + '\n',
  timelineMap: 'timeline: {}\n',
  impossibleTime: 'timeline:\n  - at: 2022-02-30T25:61\n    text: impossible\n',
  final: 'status: final\n',
  severityList: 'severity: [SEV1]\n',
};

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'indent'; line: number; by: number; tab: boolean }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'snippet'; at: number; name: string };

const position = fc.nat({ max: 1 << 16 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: position }),
  fc.record({ kind: fc.constant('indent' as const), line: position, by: fc.integer({ min: -4, max: 4 }), tab: fc.boolean() }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.string({ unit: 'grapheme', maxLength: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.string({ unit: 'binary', maxLength: 8 }) }),
  { arbitrary: fc.record({ kind: fc.constant('snippet' as const), at: position, name: fc.constantFrom(...Object.keys(SNIPPETS)) }), weight: 4 },
);

/** Applies a mutation to raw bytes, so byte flips can break UTF-8 too. */
function mutate(input: Buffer, change: Mutation): Buffer {
  const at = input.length === 0 ? 0 : ('at' in change ? change.at : 0) % (input.length + 1);
  switch (change.kind) {
    case 'flip': {
      const output = Buffer.from(input);
      if (at < output.length) output[at] = change.byte;
      return output;
    }
    case 'delete':
      return Buffer.concat([input.subarray(0, at), input.subarray(at + change.length)]);
    case 'insert':
    case 'snippet': {
      const text = change.kind === 'insert' ? change.text : (SNIPPETS[change.name] ?? '');
      return Buffer.concat([input.subarray(0, at), Buffer.from(text, 'utf8'), input.subarray(at)]);
    }
    case 'duplicate-line':
    case 'indent': {
      const lines = input.toString('latin1').split('\n');
      const index = change.line % lines.length;
      const line = lines[index] ?? '';
      if (change.kind === 'duplicate-line') lines.splice(index, 0, line);
      else if (change.by >= 0) lines[index] = (change.tab ? '\t' : ' ').repeat(change.by) + line;
      else lines[index] = line.replace(new RegExp(`^ {0,${-change.by}}`), '');
      return Buffer.from(lines.join('\n'), 'latin1');
    }
  }
}

/** `(node:1234) Warning: …`, `(node:1234) [DEP0040] DeprecationWarning: …`. */
const NODE_WARNING = /^\(node:\d+\) /m;
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$|Maximum call stack|internal error/im;

describe('fuzzed incident files', () => {
  const folder = tempDir('postmortem-fuzz-');
  // The same sample under another id, so it never collides with the fuzzed copy.
  const good = Buffer.from((SAMPLES[0] ?? Buffer.alloc(0)).toString('utf8').replace(/^id: .*$/m, 'id: fuzz-good-neighbour'));
  assert.match(good.toString('utf8'), /^id: fuzz-good-neighbour$/m);

  // In-process for numbers; a few as a real process, whose crash handling is the binary's own.
  const ways = [
    { way: 'in-process', runs: RUNS, run: runCli },
    { way: 'subprocess', runs: Math.ceil(RUNS / 8), run: runBinary },
  ];
  const cases = ways.flatMap((way) => [['validate'], ['fmt', '--check'], ['build', '--out', 'out']].map((command) => ({ ...way, command })));
  for (const { way, runs, run: runner, command } of cases) {
    it(`${command.join(' ')} (${way}): exit 0 or 1, positioned messages, no stack trace, the good file still processed`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: SAMPLES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (sample, changes) => {
          rmSync(join(folder, 'out'), { recursive: true, force: true });
          const bytes = changes.reduce(mutate, SAMPLES[sample] ?? good);
          writeFileSync(join(folder, 'fuzzed.yaml'), bytes);
          writeFileSync(join(folder, 'good.yaml'), good);
          const started = process.cpuUsage();
          const run = await runner([...command, 'fuzzed.yaml', 'good.yaml'], folder, { POSTMORTEM_NOW: '2026-01-01T00:00:00Z' });
          const spent = process.cpuUsage(started);
          const cpuMs = (spent.user + spent.system) / 1_000;
          const output = run.stdout + run.stderr;
          assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}:\n${output.slice(0, 2_000)}`);
          const excerpt = output.slice(0, 2_000);
          assert.ok(!STACK_TRACE.test(output), `a stack trace or internal error:\n${excerpt}`);
          // Only a real process prints Node's warnings where they can be seen; a library's must never reach the user.
          assert.ok(!NODE_WARNING.test(output), `a warning printed by Node, not by postmortem:\n${excerpt}`);
          // fmt --check also fails a file that is only unformatted, which has no position to give.
          const named = command[0] === 'fmt' ? /fuzzed\.yaml:\d+:\d+|would reformat fuzzed\.yaml/ : /fuzzed\.yaml:\d+:\d+/;
          if (run.code === 1) assert.ok(named.test(output), `no file:line:col:\n${excerpt}`);
          if (command[0] === 'validate') assert.ok(!/good\.yaml:\d+:\d+: error/.test(output), `the good file got an error:\n${excerpt}`);
          if (command[0] === 'build') assert.ok(readdirSync(join(folder, 'out')).some((name) => name.endsWith('.md')), 'the good file was built');
          assert.ok(output.length < 64 * 1024, `output stays readable (${output.length} characters)`);
          if (way === 'in-process') assert.ok(cpuMs < SLOW_MS, `took ${Math.round(cpuMs)} ms of CPU`);
        }),
        { numRuns: runs, seed: SEED, endOnFailure: true },
      );
    });
  }
});
