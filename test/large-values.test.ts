import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
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
 *
 * The cases run in a process of their own whose stack is 150 KB instead of
 * V8's usual 984 KB: there 25,000 links overflow it when spread, as 200,000
 * do the usual stack (the first case checks that they do). The same proof
 * for an eighth of the printing, which takes seconds per hundred thousand
 * nodes.
 */
const STACK_KB = 150;
const COUNT = 25_000;
const IN_SMALL_STACK = process.env.POSTMORTEM_TEST_SMALL_STACK === '1';

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

if (!IN_SMALL_STACK) {
  it(`values with tens of thousands of nodes, in a process with a ${STACK_KB} KB stack`, () => {
    const file = fileURLToPath(import.meta.url);
    // Not as a child of this test runner (which NODE_TEST_CONTEXT tells it): a run of its own, reporting as TAP.
    const env: NodeJS.ProcessEnv = { ...process.env, POSTMORTEM_TEST_SMALL_STACK: '1' };
    delete env.NODE_TEST_CONTEXT;
    const child = spawnSync(process.execPath, [`--stack-size=${STACK_KB}`, '--import', 'tsx', '--test-reporter=tap', file], { env, encoding: 'utf8' });
    assert.equal(child.status, 0, `${child.stdout}\n${child.stderr}`);
    assert.match(child.stdout, /^# pass 4$/m, 'all four cases ran');
  });
}

// Registered only in that process.
function inSmallStack(name: string, fn: () => void): void {
  if (IN_SMALL_STACK) void describe(name, fn);
}

inSmallStack('a value with more nodes than the stack holds arguments', () => {
  it('is placed whole by the general path (tokens in parsed text), where spreading it would overflow the stack', () => {
    assert.throws(() => [].push(...(manyLinks() as never[])), RangeError, 'the stack is small enough that spreading the nodes overflows it');
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

inSmallStack('an incident field with more inline nodes than the stack holds arguments', () => {
  // Under the 1 MiB cap: `a` code spans 4 bytes each, inside a link whose address is dropped.
  const spans = '`a` '.repeat(COUNT);
  it('is flattened to one line, and an unsafe link around it leaves its text', async () => {
    const { markdownSlot } = await import('../src/render/markdown/markdown-field.js');
    const value = markdownSlot(`[${spans}](javascript:alert(1))\n\nsecond paragraph`);
    assert.equal(value.phrasing.filter((node) => node.type === 'inlineCode').length, COUNT);
    assert.ok(value.phrasing.every((node) => node.type !== 'link'));
  });
});
