import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../src/config/config.js';
import { checkIncidentSource } from '../src/pipeline/check-incident.js';
import { needsLinkParser } from '../src/rules/unsafe-links.js';
import { BIN, incidentProject, runBinary } from './helpers.js';

const incident = (summary: string) =>
  [
    'id: references',
    'title: Links written with character references',
    'severity: SEV3',
    `summary: ${JSON.stringify(summary)}`,
    'impact:',
    '  description: Nobody could sign in.',
    'timeline:',
    '  - at: 2024-05-02 14:00',
    '    kind: impact-start',
    '    text: Sign-ins fail.',
    '',
  ].join('\n');

function unsafeLinkMessages(summary: string): string[] {
  const checked = checkIncidentSource({ path: 'x.yaml', text: incident(summary) }, defaultConfig(process.cwd()));
  return checked.diagnostics.filter((d) => d.rule === 'unsafe-link').map((d) => d.message);
}

describe('unsafe-link and character references', () => {
  // CommonMark decodes references in a destination, so each of these is a `javascript:` link the rendering drops.
  for (const summary of [
    '[x](javascript&#58;alert(1))',
    '[x](javascript&#x3A;alert(1))',
    '[x](javascript&colon;alert(1))',
    '![chart](data&#58;image/png;base64,AA)',
    'See [the fix][fix].\n\n[fix]: javascript&#58;alert(1)',
  ]) {
    it(`reports ${JSON.stringify(summary)}`, () => {
      const messages = unsafeLinkMessages(summary);
      assert.equal(messages.length, 1, `one warning, got ${JSON.stringify(messages)}`);
      assert.match(messages[0]!, /^Unexpected `(javascript|data):` (link|image)/);
    });
  }

  it('leaves references in safe links and plain text alone', () => {
    assert.deepEqual(unsafeLinkMessages('[x](https&#58;//example.com) and [y](/docs?a=1&amp;b=2), R&amp;D at 10&#58;00'), []);
  });

  it('asks for the parser only where a scheme may hide', () => {
    assert.equal(needsLinkParser('Plain text with a [link](https://example.com).'), false); // the simple reader takes it
    assert.equal(needsLinkParser('No colon, no reference: [x](y "t")'.replace(':', '')), false);
    assert.equal(needsLinkParser('[x](javascript&#58;alert(1))'), true);
    assert.equal(needsLinkParser('<javascript:alert(1)>'), true);
  });

  it('the built CLI reports it, loading the parser beside its chunks', () => {
    const dir = incidentProject({ 'a.yaml': incident('[x](javascript&#58;alert(1))') });
    const run = runBinary(['validate', 'incidents'], dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout + run.stderr, /Unexpected `javascript:` link, expected an http\(s\) link: it is shown as plain text \[unsafe-link\]/);
  });

  it('validate starts without the Markdown parser: no chunk it imports statically holds micromark', () => {
    const chunks = join(dirname(BIN), 'chunks');
    const names = readdirSync(chunks);
    const start = names.filter((name) => /^(main|io|validate-handler)-/.test(name));
    assert.equal(start.length, 3, `main, io and validate-handler chunks in ${chunks}`);
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const text = readFileSync(join(chunks, name), 'utf8');
      assert.ok(!text.includes('node_modules/micromark'), `${name} holds micromark`);
      for (const match of text.matchAll(/^(?:import|export)\b[^;(]*?["']\.\/([^"']+)["'];?$/gm)) visit(match[1]!);
    };
    for (const name of start) visit(name);
    assert.ok(seen.size > 3, 'the start-up chunks import others');
  });
});
