/**
 * print-tree.ts writes most blocks itself and leaves the rest to remark's
 * printer: whatever it writes must be the bytes remark prints for the same
 * tree, for random inline content in every kind of block it writes, and for
 * blocks of every kind side by side.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Blockquote, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import { printTree } from '../src/render/markdown/print-tree.js';
import { markdownProcessor } from '../src/render/markdown/processor.js';
import { byDepth } from './depth.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? byDepth(1000, 3000));
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

/** Text the fast printer may write itself (words, spaces, punctuation, `_` inside words, characters always escaped)… */
const word = fc.constantFrom('word', 'Zoë', '42', 'é', 'Sao_Paulo', 'x__y', '1_2', 'a*b', 'a[b', 'a`b', 'a~b', '*x', '[x', '`y', '~z', '23%', 'x.', 'a)', '1.');
const tameText = fc
  .tuple(word, fc.array(fc.tuple(fc.constantFrom(' ', ' ', ', ', '. ', ' (', ') ', ' "', '" ', "'", '%', '-', ': ', '?'), word), { maxLength: 3 }))
  .map(([first, rest]) => first + rest.flat().join(''));
/** …and text with the characters whose escaping depends on where they stand. */
const wildText = fc
  .array(
    fc.constantFrom(
      ...['word', ' ', '1.', '!', ']', '#', '|', '&', '<', '>', '\\', '+', '=', '\n', '\t', '\u00a0', 'é', '_', '_a', 'b_', 'a_b', '_1', '**'],
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(''));
const textValue = fc.oneof({ weight: 4, arbitrary: tameText }, { weight: 1, arbitrary: wildText });
const text = textValue.map((value): PhrasingContent => ({ type: 'text', value }));
const attention = fc
  .tuple(fc.constantFrom('emphasis' as const, 'strong' as const), textValue)
  .map(([type, value]): PhrasingContent => ({ type, children: [{ type: 'text', value }] }));
const code = fc.constantFrom('x', 'a b', 'a_b', '*', ' x ', 'a|b').map((value): PhrasingContent => ({ type: 'inlineCode', value }));
const link = fc
  .tuple(textValue, fc.constantFrom('https://x.example/a_b', '/p', '#f', 'https://x.example/(a)'))
  .map(([value, url]): PhrasingContent => ({ type: 'link', url, title: null, children: [{ type: 'text', value }] }));
const node = fc.oneof({ weight: 4, arbitrary: text }, { weight: 2, arbitrary: attention }, code, link);
/** Nodes set off by spaces or punctuation, as fields and templates put them… */
const sentence = fc
  .array(fc.tuple(node, fc.constantFrom(' ', ' ', ', ', '. ', ': ', '.', '', '_', '*')), { minLength: 1, maxLength: 5 })
  .map((pairs) => pairs.flatMap(([item, after], at): PhrasingContent[] => (at === pairs.length - 1 ? [item] : [item, { type: 'text', value: after }])));
/** …or any sequence of them. */
const phrasing = fc.oneof({ weight: 3, arbitrary: sentence }, { weight: 1, arbitrary: fc.array(node, { minLength: 1, maxLength: 6 }) });

const block = fc.oneof(
  phrasing.map((children): RootContent => ({ type: 'paragraph', children })),
  phrasing.map((children): RootContent => ({ type: 'heading', depth: 2, children })),
  fc.array(phrasing, { minLength: 1, maxLength: 3 }).map(
    (items): RootContent => ({
      type: 'list',
      ordered: false,
      start: null,
      spread: false,
      children: items.map((children) => ({ type: 'listItem', spread: false, checked: null, children: [{ type: 'paragraph', children }] })),
    }),
  ),
  fc.array(fc.tuple(phrasing, phrasing), { minLength: 1, maxLength: 3 }).map(
    (rows): RootContent => ({
      type: 'table',
      align: [null, null],
      children: rows.map(([a, b]) => ({ type: 'tableRow', children: [{ type: 'tableCell', children: a }, { type: 'tableCell', children: b }] })),
    }),
  ),
);

/**
 * Blocks side by side, as a template and the fields in it put them: the
 * printer carries state from one block to the next (a list's bullet, which
 * the next list avoids, even inside a block quote), so each block alone is
 * not enough. Lists here may be ordered, hold a second paragraph or a list,
 * and block quotes hold any of these blocks.
 */
const item = (children: ListItem['children']): ListItem => ({ type: 'listItem', spread: false, checked: null, children });
const { flowBlock } = fc.letrec<{ flowBlock: RootContent; nestedList: RootContent; quote: RootContent }>((tie) => ({
  flowBlock: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    block,
    tie('nestedList'),
    tie('quote'),
    fc.constant<RootContent>({ type: 'thematicBreak' }),
    fc.constantFrom('x', 'a\nb').map((value): RootContent => ({ type: 'code', lang: null, meta: null, value })),
  ),
  nestedList: fc
    .tuple(
      fc.boolean(),
      fc.boolean(),
      fc.array(fc.tuple(phrasing, fc.option(tie('flowBlock'), { nil: undefined })), { minLength: 1, maxLength: 3 }),
    )
    .map(
      ([ordered, spread, items]): RootContent => ({
        type: 'list',
        ordered,
        start: ordered ? 1 : null,
        spread,
        children: items.map(([children, more]) => item([{ type: 'paragraph', children }, ...(more ? [more as ListItem['children'][number]] : [])])),
      }),
    ),
  quote: fc
    .array(tie('flowBlock'), { minLength: 1, maxLength: 3 })
    .map((children): RootContent => ({ type: 'blockquote', children: children as Blockquote['children'] })),
}));

describe('print-tree prints what remark prints', () => {
  it('for blocks side by side: lists of every kind, block quotes, breaks and code', () => {
    fc.assert(
      fc.property(fc.array(flowBlock, { minLength: 1, maxLength: 5 }), (children) => {
        const root: Root = { type: 'root', children };
        const expected = markdownProcessor.stringify(structuredClone(root));
        assert.equal(printTree(root), expected, JSON.stringify(children));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('gives a list in a block quote after a list the bullet remark gives it', () => {
    const list = (value: string): RootContent => ({ type: 'list', ordered: false, start: null, spread: false, children: [item([{ type: 'paragraph', children: [{ type: 'text', value }] }])] });
    const root: Root = { type: 'root', children: [list('nested'), { type: 'blockquote', children: [list('word')] as Blockquote['children'] }] };
    assert.equal(printTree(root), '- nested\n\n> * word\n');
  });


  it('for random inline content in paragraphs, headings, lists and tables', () => {
    fc.assert(
      fc.property(block, (node) => {
        const root: Root = { type: 'root', children: [node] };
        // remark's printer may change nothing in the tree, or printing the same tree twice would differ.
        const expected = markdownProcessor.stringify(structuredClone(root));
        assert.equal(printTree(root), expected, JSON.stringify(node));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('writes the common cases itself', () => {
    const paragraph = (children: PhrasingContent[]): Root => ({ type: 'root', children: [{ type: 'paragraph', children }] });
    assert.equal(printTree(paragraph([{ type: 'text', value: 'Times are shown in America/Sao_Paulo.' }])), 'Times are shown in America/Sao_Paulo.\n');
    assert.equal(
      printTree(paragraph([{ type: 'text', value: 'Owner: ' }, { type: 'emphasis', children: [{ type: 'text', value: 'SRE' }] }, { type: 'text', value: '.' }])),
      'Owner: _SRE_.\n',
    );
  });
});
