/**
 * The fast way from filled templates to Markdown (template-lines.ts builds
 * the tree without parsing the page, print-tree.ts prints most blocks
 * without remark) must give the bytes of the general way (parse the whole
 * page, print it with remark), for every incident: the fixtures, the
 * samples, and random text with every piece of Markdown syntax in every
 * field a template shows, as inline text and as lines of blocks.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { type ResolvedConfig, defaultConfig, loadConfig } from '../src/config/config.js';
import type { Incident } from '../src/model/incident.js';
import { buildView } from '../src/render/build-view.js';
import { Slots } from '../src/render/markdown/slots.js';
import { printTree } from '../src/render/markdown/print-tree.js';
import { treeFromTemplateOutput } from '../src/render/markdown/template-lines.js';
import { normaliseMarkdown, renderPostmortem, renderPostmortemGeneral } from '../src/render/render-postmortem.js';
import type { TemplateSet } from '../src/render/template-family.js';
import { FIXTURES, incidentOf, MARKDOWN_PIECES, ROOT, SAMPLE_TEXT_FIELDS, templatesFrom } from './helpers.js';
import { byDepth } from './depth.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? byDepth(60, 150));
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

/** A fixture's own configuration (config.yaml beside it, as fixtures.test.ts reads it), else the defaults. */
async function configBeside(file: string): Promise<ResolvedConfig> {
  const own = join(dirname(file), 'config.yaml');
  if (!existsSync(own)) return defaultConfig(ROOT);
  const loaded = await loadConfig(dirname(file), own);
  assert.deepEqual(loaded.diagnostics, []);
  return loaded.config;
}

function takesFastPath(incident: Incident, templates: TemplateSet): boolean {
  const slots = new Slots();
  return treeFromTemplateOutput(templates.render(buildView(incident, slots)), slots) !== null;
}

describe('the fast path prints what the general path prints', () => {
  it('for every valid fixture and sample incident, with the built-in templates', async () => {
    const templates = await templatesFrom();
    const files = [
      ...readdirSync(join(FIXTURES, 'valid')).map((name) => join(FIXTURES, 'valid', name, 'input.yaml')),
      ...readdirSync(join(ROOT, 'incidents')).map((name) => join(ROOT, 'incidents', name)),
    ];
    for (const file of files) {
      const incident = incidentOf(readFileSync(file, 'utf8'), file, await configBeside(file));
      assert.ok(incident, file);
      // The built-in templates stay inside the fast path's grammar.
      assert.ok(takesFastPath(incident, templates), file);
      assert.equal(renderPostmortem(incident, templates), renderPostmortemGeneral(incident, templates), file);
    }
  });

  it('for random text with Markdown syntax in every field', async () => {
    const templates = await templatesFrom();
    const sample = readFileSync(join(ROOT, 'incidents', '2022-10-25-messaging-outage.yaml'), 'utf8');
    const fields = SAMPLE_TEXT_FIELDS;
    const pieces = fc.constantFrom(...MARKDOWN_PIECES);
    const inlineText = fc.array(pieces, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
    // Pieces alone seldom make two blocks in a row (a list, then a block quote holding a list took
    // seven pieces in one order): lines that each open a block, with inline text after the marker.
    const lineStart = fc.constantFrom(
      ...['', '', '- ', '+ ', '* ', '1. ', '2) ', '> ', '>', '> - ', '>+ ', '> > ', '> 1. ', '  - ', '   ', '    ', '# ', '---', '```'],
    );
    const lines = fc
      .array(fc.tuple(lineStart, inlineText, fc.constantFrom('\n', '\n', '\n\n')), { minLength: 2, maxLength: 6 })
      .map((parts) => parts.map(([start, content, end]) => start + content + end).join(''));
    const text = fc.oneof(inlineText, lines);
    let checked = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...fields), text), { minLength: 1, maxLength: 6 }), (edits) => {
        const document = parseDocument(sample);
        for (const [path, value] of edits) document.setIn(path, value);
        const incident = incidentOf(String(document));
        fc.pre(incident !== null);
        checked += 1;
        assert.equal(renderPostmortem(incident!, templates), renderPostmortemGeneral(incident!, templates));
      }),
      { numRuns: RUNS, seed: SEED },
    );
    assert.ok(checked > RUNS / 2, `only ${checked} of ${RUNS} random incidents were valid`);
  });

  it('for template text of its own: code spans, stray backticks, tildes and strong spans', () => {
    // What a template author writes between the values, as the built-in report's note on approximate durations does.
    // Mostly what the grammar takes, so that most texts reach the comparison; now and then what it refuses.
    const piece = fc.oneof(
      { arbitrary: fc.constantFrom('Word', 'word', ' ', ' ', '`resolved`', '`a b`', '`x`', '`a\\`', '~', '.', ', ', ' **strong** '), weight: 12 },
      { arbitrary: fc.constantFrom('` x`', '`x `', '` x `', '`  `', '``a`b``', '`', '``', '``y``', '`**`', '~~', '**', 'a**', '**b', '|', '_', '*'), weight: 1 },
    );
    const line = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => `Note ${parts.join('')}`);
    let fast = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 3 }), (lines) => {
        const text = `${lines.join('\n\n')}\n`;
        const slots = new Slots();
        const tree = treeFromTemplateOutput(text, slots);
        if (!tree) return;
        fast += 1;
        assert.equal(printTree(tree), normaliseMarkdown(text, new Slots()), JSON.stringify(text));
      }),
      { numRuns: RUNS * 5, seed: SEED },
    );
    assert.ok(fast > RUNS, `only ${fast} of ${RUNS * 5} texts took the fast path`);
    const slots = new Slots();
    assert.ok(treeFromTemplateOutput('Durations marked ~ involve approximate times; an incident without a `resolved` milestone is ongoing.\n', slots), 'the built-in report note');
  });
});
