import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Root, Word } from 'nlcst';
import { toString } from 'nlcst-to-string';
import { visit } from 'unist-util-visit';
import { MAX_PROSE_LENGTH, findPhrases, parseProse, sentenceTexts } from '../src/checks/prose-parser.js';

/** Every word of the tree, and the text at its offsets in the value. */
function words(tree: Root, value: string): { word: string; written: string }[] {
  const found: { word: string; written: string }[] = [];
  visit(tree, 'WordNode', (node: Word) => {
    found.push({ word: toString(node), written: value.slice(node.position!.start.offset, node.position!.end.offset) });
  });
  return found;
}

describe('parseProse: the words of a Markdown field, each at its offset in the value', () => {
  it('through emphasis, escapes, entities, lists, quotes, headings and links', () => {
    const value = '# Heading here\n\nSam *forgot to* check &amp; \\*escaped\\* words.\n\n- a list\n  continued line\n> quoted\n> lines [a link](https://example.com) end\n\n    indented code\n\nLast `code` words.\n';
    const found = words(parseProse(value), value);
    assert.ok(found.length > 15);
    for (const { word, written } of found) assert.equal(written, word);
    assert.ok(!found.some(({ word }) => word === 'indented'), 'code is not prose');
  });

  it('finds phrases across lines and markup, not in code, not in quotes when asked', () => {
    const value = 'It was human\nerror, "human error" and `human error`.';
    const tree = parseProse(value);
    assert.deepEqual(
      findPhrases(tree, ['human error']).map((match) => value.slice(match.start, match.end)),
      ['human\nerror', 'human error'],
    );
  });

  it('sentence texts map each character to its offset', () => {
    const value = '- For *about* two\n  hours.';
    for (const sentence of sentenceTexts(parseProse(value))) {
      [...sentence.text].forEach((char, index) => {
        if (/\S/.test(char)) assert.equal(value[sentence.offsets[index]!], char);
      });
    }
  });

  it('a paragraph of hundreds of kilobytes is read in pieces, up to MAX_PROSE_LENGTH, each word at its offset', () => {
    const value = 'It was human error, or *not*. '.repeat(12_000);
    const started = performance.now();
    const tree = parseProse(value);
    const found = findPhrases(tree, ['human error']);
    assert.ok(performance.now() - started < 10_000);
    assert.ok(found.length > 1000);
    assert.ok(found.every((match) => match.end <= MAX_PROSE_LENGTH && value.slice(match.start, match.end) === 'human error'));
    assert.ok(found.at(-1)!.end > MAX_PROSE_LENGTH - 100);
  });

  it('a character reference that stands for `&`, beside a literal `&` or an escaped reference', () => {
    for (const value of ['&amp;&amp;aa', '&&amp;bb cc', '\\&amp;dd ee', '&AMP;ff &#38;gg &#x26;hh', '&foo;ii &amp;amp;jj']) {
      for (const { word, written } of words(parseProse(value), value)) {
        if (/^[a-z]+$/.test(word)) assert.equal(written, word, JSON.stringify(value));
      }
    }
  });

  it('any mix of words and markup: every word at its offset', () => {
    const token = fc.oneof(
      fc.stringMatching(/^[a-zA-Z]{1,8}$/),
      fc.constantFrom(' ', ' ', '\n', '\n\n', '*', '**', '_', '> ', '- ', '1. ', '# ', '\\*', '&amp;', '`x`', '[', '](https://e.com/abc)', '.', ', ', '  ', '&copy;', '&#42;', '[docs](https://x.com/abc) ', '<b>', '\\', '\\&amp;', '&AMP;', '&#x26;', '&#38;', '&foo;', '&', '&eacute;', '&NotEqualTilde;'),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
        const value = tokens.join('');
        for (const { word, written } of words(parseProse(value), value)) {
          if (/^[a-zA-Z]+$/.test(word)) assert.equal(written, word, JSON.stringify(value));
        }
      }),
      { numRuns: 400 },
    );
  });
});
