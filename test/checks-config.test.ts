import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config/config.js';
import { BLAMING_PHRASES } from '../src/checks/phrases.js';
import { tempDir } from './helpers.js';

async function load(text: string) {
  const dir = tempDir('postmortem-checks-config-');
  writeFileSync(join(dir, 'postmortem.config.yaml'), text);
  const loaded = await loadConfig(dir);
  return { ...loaded, problems: loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}${d.hint ? ` | ${d.hint}` : ''}`) };
}

describe('the configuration of the review checks (`checks`)', () => {
  it('defaults: no level set, the built-in blaming phrases', async () => {
    const { config, problems } = await load('timezone: UTC\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.checks, { levels: {}, blamingPhrases: BLAMING_PHRASES });
  });

  it('a level per rule, and blaming-language as a mapping with phrases added and removed', async () => {
    const { config, problems } = await load(
      'checks:\n  placeholder-text: warning\n  figure-mismatch: "off"\n  blaming-language:\n    level: error\n    add: [dropped the ball, " Threw  under the bus "]\n    remove: [BLAME, forgot   to]\n',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.checks.levels, { 'placeholder-text': 'warning', 'figure-mismatch': 'off', 'blaming-language': 'error' });
    assert.ok(!config.checks.blamingPhrases.includes('blame'));
    assert.ok(!config.checks.blamingPhrases.includes('forgot to'));
    assert.ok(config.checks.blamingPhrases.includes('human error'));
    assert.deepEqual(config.checks.blamingPhrases.slice(-2), ['dropped the ball', 'Threw under the bus']);
  });

  it('a phrase added twice, in other spacing or case, is one phrase, as first written, and still found', async () => {
    const { config } = await load('checks:\n  blaming-language:\n    add: [dropped the ball, "  Dropped   THE ball ", "dropped  the  baton"]\n');
    assert.deepEqual(config.checks.blamingPhrases.slice(-2), ['dropped the ball', 'dropped the baton']);
  });

  it('blaming-language as a plain level', async () => {
    const { config, problems } = await load('checks:\n  blaming-language: off\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.checks.levels, { 'blaming-language': 'off' });
    assert.deepEqual(config.checks.blamingPhrases, BLAMING_PHRASES);
  });

  it('refuses unknown rules, levels, shapes and removals, each at its place; the defaults are used', async () => {
    const { config, problems } = await load(
      [
        'checks:',
        '  placeholder-text: loud',
        '  blaming-language:',
        '    level: eror',
        '    add: [dropped the ball, " "]',
        '    remove: [human eror, passive voice]',
        '    colour: red',
        '  figure-mismatch: { level: error }',
        '  spelling: warning',
        '',
      ].join('\n'),
    );
    assert.deepEqual(problems, [
      "2:21 invalid-value Unexpected `loud` for `checks.placeholder-text`, expected one of `off`, `warning`, `error` | Use one of `off`, `warning`, `error`.",
      '4:12 invalid-value Unexpected `eror` for `checks.blaming-language.level`, expected one of `off`, `warning`, `error` | Did you mean `error`?',
      '5:29 invalid-format Unexpected ` ` for `checks.blaming-language.add[1]`, expected a phrase: one or more words | Must be a phrase: one or more words.',
      '6:14 invalid-value Unexpected `human eror` in `checks.blaming-language.remove`, expected a built-in blaming phrase | Did you mean `human error`?',
      `6:26 invalid-value Unexpected \`passive voice\` in \`checks.blaming-language.remove\`, expected a built-in blaming phrase | The built-in phrases are ${BLAMING_PHRASES.map((phrase) => `\`${phrase}\``).join(', ')}; phrases of your own go in \`add\`.`,
      '7:5 unknown-key Unknown key `colour` in `checks.blaming-language` | Expected one of `level`, `add`, `remove`; keep custom data under a key starting with `x-`.',
      '8:20 wrong-type Unexpected mapping for `checks.figure-mismatch`, expected text | Write text.',
      '9:3 unknown-key Unknown key `spelling` in `checks` | Expected one of `placeholder-text`, `blaming-language`, `figure-mismatch`; keep custom data under a key starting with `x-`.',
    ]);
    assert.deepEqual(config.checks.levels, {});
  });

  it('a value of neither shape names both', async () => {
    const { problems } = await load('checks:\n  blaming-language: 3\n');
    assert.deepEqual(problems, ['2:21 wrong-type Unexpected number `3` for `checks.blaming-language`, expected text or a mapping | Write text or a mapping.']);
  });
});
