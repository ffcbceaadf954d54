/**
 * markdownSlot's pre-check (markdown-field.ts): a field it takes as plain
 * text, without parsing, must be exactly what the parser makes of it — one
 * paragraph holding the text itself — or the page would show the field other
 * than its Markdown means.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { markdownSlot } from '../src/render/markdown/markdown-field.js';
import { parseMarkdown } from '../src/render/markdown/processor.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

/** The tree without positions, to compare shapes. */
function shape(node: Nodes): unknown {
  const rest: Record<string, unknown> = { ...node };
  delete rest.position;
  return 'children' in node ? { ...rest, children: node.children.map(shape) } : rest;
}

/** Whether markdownSlot took the plain path: one paragraph of the text, made without the parser (no positions). */
function tookPlainPath(text: string): boolean {
  const blocks = markdownSlot(text).blocks;
  const paragraph = blocks?.length === 1 && blocks[0]!.type === 'paragraph' ? blocks[0] : undefined;
  const only = paragraph?.children.length === 1 ? paragraph.children[0] : undefined;
  return only?.type === 'text' && only.value === text.trim() && paragraph!.position === undefined;
}

describe('a field taken as plain text is what the parser makes of it', () => {
  const pieces = fc.constantFrom(
    ...['word', 'Zoë', '42', '3.', '1)', ' ', '  ', '\n', '\r', '\n\n', '\u2028', '*', '_', 'a_b', '_x', 'x_', 'é_1', '`', '~', '~~'],
    ...['[', ']', '(', ')', '!', '![', '<', '>', '&', '&amp;', '&#35;', '#', '# ', 'x#1', '|', '\\', '-', '- ', '+ ', '=', '.', ':', '\t'],
    ...['---', '===', '\u00a0', 'é', '  \n', ' \n', '\n ', '    ', '1. ', '> ', 'http://x.example', '<http://x.example>'],
  );

  it('for random text with Markdown punctuation, line breaks and spaces', () => {
    let plain = 0;
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 10 }).map((parts) => parts.join('')), (text) => {
        if (!tookPlainPath(text) || text.trim() === '') return;
        plain += 1;
        assert.deepEqual(shape(parseMarkdown(text.trim())), { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text.trim() }] }] });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    assert.ok(plain > RUNS / 20, `only ${plain} of ${RUNS} texts took the plain path`);
  });

  it('for the common cases it is meant for', () => {
    for (const text of ['Checkout errors for some users.', 'Raised max_connections on db_main.', 'See issue #42!', 'Line one\nline two']) {
      assert.ok(tookPlainPath(text), text);
    }
    for (const text of ['_emphasis_', 'a  \nhard break', 'trailing \nspace', '# heading', '![image](x.png)', 'AT&T']) {
      assert.ok(!tookPlainPath(text), text);
    }
  });
});
