import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PhrasingContent } from 'mdast';
import { normaliseMarkdown } from '../src/render/render-postmortem.js';
import { printTree } from '../src/render/markdown/print-tree.js';
import { Slots } from '../src/render/markdown/slots.js';
import { treeFromTemplateOutput } from '../src/render/markdown/template-lines.js';

/**
 * A value can hold as many nodes as a report has incidents: the incidents of
 * a service that keeps failing, each a link. Passed to a function as spread
 * arguments (`push(...nodes)`), a hundred thousand of them overflow the stack
 * (a report over 100,000 incidents ended in "Maximum call stack size
 * exceeded"). Both ways of filling a template place them whole.
 */
const COUNT = 200_000;

function manyLinks(): PhrasingContent[] {
  const nodes: PhrasingContent[] = [];
  for (let i = 0; i < COUNT; i += 1) {
    if (i > 0) nodes.push({ type: 'text', value: ', ' });
    nodes.push({ type: 'link', url: `i${i}.md`, children: [{ type: 'text', value: `i${i}` }] });
  }
  return nodes;
}

function expectedLine(prefix: string): string {
  const links: string[] = [];
  for (let i = 0; i < COUNT; i += 1) links.push(`[i${i}](i${i}.md)`);
  return `${prefix}${links.join(', ')}`;
}

describe('a value with hundreds of thousands of nodes', () => {
  it('is placed whole by the general path (tokens in parsed text)', () => {
    const slots = new Slots();
    const token = slots.token({ phrasing: manyLinks(), raw: '' });
    const printed = normaliseMarkdown(`# Services\n\n- checkout: ${token}\n`, slots);
    assert.equal(printed, `# Services\n\n- ${expectedLine('checkout: ')}\n`);
  });

  it('is placed whole by the template-lines path', () => {
    const slots = new Slots();
    const token = slots.token({ phrasing: manyLinks(), raw: '' });
    const tree = treeFromTemplateOutput(`# Services\n\n- checkout: ${token}\n`, slots);
    assert.ok(tree, 'the line keeps to the grammar of template-lines.ts');
    assert.equal(printTree(tree), `# Services\n\n- ${expectedLine('checkout: ')}\n`);
  });

  it('is placed whole as a paragraph of its own', () => {
    const slots = new Slots();
    const token = slots.token({ phrasing: manyLinks(), raw: '' });
    assert.equal(normaliseMarkdown(`# Services\n\n${token}\n`, slots), `# Services\n\n${expectedLine('')}\n`);
  });
});

describe('an incident field with hundreds of thousands of inline nodes', () => {
  // Under the 1 MiB cap: `a` code spans 4 bytes each, inside a link whose address is dropped.
  const spans = '`a` '.repeat(COUNT);
  it('is flattened to one line, and an unsafe link around it leaves its text', async () => {
    const { markdownSlot } = await import('../src/render/markdown/markdown-field.js');
    const value = markdownSlot(`[${spans}](javascript:alert(1))\n\nsecond paragraph`);
    assert.equal(value.phrasing.filter((node) => node.type === 'inlineCode').length, COUNT);
    assert.ok(value.phrasing.every((node) => node.type !== 'link'));
  });
});
