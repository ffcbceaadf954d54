/**
 * simple-markdown.ts reads common field Markdown without the parser: what it
 * reads must be exactly the blocks the parser makes of the text, with our
 * transforms (markdownSlot's path), and the CommonMark parser the
 * unsafe-link rule uses must read it the same way (the rule skips such text).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseMarkdown } from '../src/render/markdown/processor.js';
import { readSimpleMarkdown } from '../src/render/markdown/simple-markdown.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const commonMark = unified().use(remarkParse).freeze();

/** The tree without positions, to compare shapes. */
function shape(node: Nodes): unknown {
  const rest: Record<string, unknown> = { ...node };
  delete rest.position;
  return 'children' in node ? { ...rest, children: node.children.map(shape) } : rest;
}

/** Pieces of the grammar the reader takes, and of what stands next to it. */
const grammar = fc.constantFrom(
  ...['word', 'word', 'Zoë', '42', '2024', 'a_b', 'snake_case_x', '.', ',', ':', ';', '?', '!', '"', "'", '(', ')', '%', '#', '/'],
  ...['`code`', '` a `', '`  `', '` `', '`a*b_c`', '`[x](y)`', '*em*', '**strong**', '_em_', '*a b*', '**a b**', '_a b_', '*é*', '_1_'],
  ...['**down 23%**', '_done._', '*a (b)*', '**1.**', '_x)_', '*a.*', '**b%**'],
  ...['[t](https://x.example/a_b)', '[a b](/p)', '[t](#f)', '[t](javascript:x)', '[t](x:y)', '[t](mailto:a@b.c)', '[t](a%20b)', '(*em*)', '"**s**"'],
);
/** Markdown punctuation and spacing that may or may not start something. */
const chaos = fc.constantFrom(
  ...['*', '**', '***', '_', '__', '`', '``', '[', ']', '](', '!', '![', '<', '>', '&', '&amp;', '|', '~', '~~', '\\', '\t', '\r', '    ', '  \n', '\n ', ' \n'],
  ...['`a\\b`', '`<b>`', '`a|b`', '[t](a~b)', '- ', '\n- ', '\n\n- ', '\n', '\n\n', ' '],
  ...['# ', '1. ', '2) ', '1.5', '+ ', '* ', '> ', '---', '===', '***', '\u00a0', '\u2028', 'https://x.example', '[t]: https://x.example', '[t]', '```', '\n\n\n'],
);

/** Mostly a space between pieces, so that emphasis and code have room to open and close. */
const separator = fc.oneof({ weight: 8, arbitrary: fc.constant(' ') }, { weight: 2, arbitrary: fc.constantFrom('', '\n', '\n\n', '\n- ', '\n\n- ') });

describe('simple-markdown reads what the parser reads', () => {
  it('on random text made of its grammar and of Markdown punctuation', () => {
    let read = 0;
    fc.assert(
      fc.property(
        fc
          .array(fc.tuple(fc.oneof({ weight: 12, arbitrary: grammar }, { weight: 1, arbitrary: chaos }), separator), { minLength: 1, maxLength: 14 })
          .map((parts) => parts.flat().join('')),
        (joined) => {
          // markdownSlot reads trimmed text, the unsafe-link rule the text as written.
          for (const text of [joined.trim(), joined]) {
            const blocks = readSimpleMarkdown(text);
            if (!blocks) continue;
            read += 1;
            assert.deepEqual({ type: 'root', children: blocks }, shape(parseMarkdown(text)), JSON.stringify(text));
            assert.deepEqual({ type: 'root', children: blocks }, shape(commonMark.parse(text)), `CommonMark: ${JSON.stringify(text)}`);
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    assert.ok(read > RUNS / 5, `only ${read} of ${RUNS} texts were read without the parser`);
  });

  it('takes the common cases and leaves the rest to the parser', () => {
    for (const text of [
      'Customers saw errors from `payments`.',
      'Owner: _SRE_.',
      '**Retries double the request rate**.',
      '**Conversions dropped by 23%**.',
      'Roll back.\n\n- auth\n- billing',
      'See [the dashboard](https://dashboards.example.com/d/search).',
    ]) {
      assert.ok(readSimpleMarkdown(text), text);
    }
    for (const text of ['[x](javascript:alert(1))', '<b>bold</b>', '# heading', '- a\n\n- b', 'a | b\n--|--', '~~gone~~', '**90%**x', '**%90**.', 'AT&T', '![i](https://x.example/i.png)']) {
      assert.equal(readSimpleMarkdown(text), null, text);
    }
  });
});
