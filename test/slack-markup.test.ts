/**
 * Slack's `mrkdwn` to Markdown (src/import/sources/slack-markup.ts): every
 * token kind, the order of unescaping, and text that would be Markdown or
 * HTML if copied as it is, which must come out as the literal text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { type SlackNames, slackPlainText, slackToMarkdown } from '../src/import/sources/slack-markup.js';
import { markdownProcessor } from '../src/render/markdown/processor.js';

/** The tree as the parser reads it, before the rendering's own safety transforms (which turn HTML into text). */
const parseMarkdown = (text: string) => markdownProcessor.parse(text);

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

const NAMES: SlackNames = {
  person: (id) => ({ U1: 'Alice Ng', U2: 'Bob *Roy*' })[id],
  channel: (id) => ({ C1: 'general' })[id],
};
const md = (text: string) => slackToMarkdown(text, NAMES);

/** What Slack stores for text a person typed: only `&`, `<` and `>` are escaped. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('Slack tokens', () => {
  const cases: [string, string, string][] = [
    ['a user, by the name users.json gives', '<@U1> saw it', 'Alice Ng saw it'],
    ['a user with a label: the directory wins', '<@U1|alice>', 'Alice Ng'],
    ['an unknown user with a label', '<@U9|gone>', 'gone'],
    ['an unknown user without one', '<@U9>', 'U9'],
    ['a name with Markdown in it is escaped', '<@U2>', 'Bob \\*Roy\\*'],
    ['a channel, by its name in the export', 'in <#C1|old-name>', 'in #general'],
    ['an unknown channel with a label', 'in <#C9|ops>', 'in #ops'],
    ['an unknown channel without one', 'in <#C9>', 'in #C9'],
    ['a channel first in a line is not a heading', '<#C1> is busy', '\\#general is busy'],
    ['@here', '<!here>', '@here'],
    ['@channel with its label', '<!channel|@channel>', '@channel'],
    ['@everyone', '<!everyone>', '@everyone'],
    ['<!group> is @channel', '<!group>', '@channel'],
    ['a user group', '<!subteam^S1|@sre-oncall>', '@sre-oncall'],
    ['a user group without a label', '<!subteam^S1>', '@S1'],
    ['a date: its fallback text', '<!date^1392734382^{date}|Feb 18th>', 'Feb 18th'],
    ['a link with a label', '<https://x.example/a|the page>', '[the page](https://x.example/a)'],
    ['a bare link', '<https://x.example/a>', '[https://x.example/a](https://x.example/a)'],
    ['an escaped `&` in an address', '<https://x.example/?a=1&amp;b=2|q>', '[q](https://x.example/?a=1\\&b=2)'],
    ['mailto: the label, no link', '<mailto:sre@x.example|SRE>', 'SRE'],
    ['mailto without a label: the address', '<mailto:sre@x.example>', 'sre@x.example'],
  ];
  for (const [name, input, expected] of cases) it(name, () => assert.equal(md(input), expected));
});

describe('styling and blocks', () => {
  const cases: [string, string, string][] = [
    ['bold, italic, strike, code', '*b* _i_ ~s~ `c`', '**b** _i_ ~~s~~ `c`'],
    ['nested styles', '*bold _and italic_*', '**bold _and italic_**'],
    ['a mention inside bold', '*<@U1>*', '**Alice Ng**'],
    ['marks inside words stay text', 'snake_case_name 2*3*4 a~b~c', 'snake_case_name 2\\*3\\*4 a\\~b\\~c'],
    ['marks with spaces inside stay text', '* not bold * _ nor this _', '\\* not bold \\* \\_ nor this \\_'],
    ['an unclosed mark stays text', '*open', '\\*open'],
    ['code keeps its text as it is, unescaped', '`a &lt; b *c*`', '`a < b *c*`'],
    ['pre on one line is inline code', 'run ```ls -l``` now', 'run `ls -l` now'],
    ['pre over lines is a code block', 'x\n```\na &amp;&amp; b\n```\ny', 'x\n\n```\na && b\n```\n\ny'],
    ['a quoted line', '&gt; said\nreplied', '> said\n\nreplied'],
    ['the rest quoted', '&gt;&gt;&gt; a\nb', '> a\\\n> b'],
    ['lines are kept', 'one\ntwo', 'one\\\ntwo'],
    ['indentation is dropped, not code', '    four spaces', 'four spaces'],
    ['emoji stay as written', ':fire: :+1:', ':fire: :+1:'],
  ];
  for (const [name, input, expected] of cases) it(name, () => assert.equal(md(input), expected));
});

describe('escaping order and injection', () => {
  it('unescapes after the tokens: an escaped token is literal text', () => {
    assert.equal(md('&lt;@U1&gt;'), '<@U1>'); // not an autolink nor a tag in Markdown, so not escaped
    assert.equal(md('&lt;https://x.example|y&gt;'), '\\<https://x.example|y>');
  });

  it('unescapes once: `&amp;lt;` is the text `&lt;`, not `<`', () => {
    assert.equal(md('&amp;lt;'), '\\&lt;');
    assert.equal(md('AT&amp;T'), 'AT\\&T');
  });

  const hostile: [string, string][] = [
    ['a script tag', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an HTML comment', '&lt;!-- x --&gt;'],
    ['an image tag', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a javascript: link token', '<javascript:alert(1)|click>'],
    ['a javascript: link token without label', '<javascript:alert(1)>'],
    ['a data: link token', '<data:text/html,x|open>'],
    ['a Markdown link typed as text', '[x](javascript:alert(1))'],
    ['a Markdown image typed as text', '![x](https://evil.example/x.png)'],
    ['an autolink typed as text', '&lt;javascript:alert(1)&gt;'],
    ['a character reference', '&amp;#60;script&amp;#62;'],
    ['a heading, a list, a table', '# h\n- l\n| a | b |\n|---|---|'],
  ];
  for (const [name, input] of hostile) {
    it(`${name} is text, never HTML or a link other than http(s)`, () => {
      const tree = parseMarkdown(md(input));
      assert.deepEqual(unsafeNodes(tree), [], md(input));
    });
  }

  it('for any text a person types, the Markdown means exactly that text', () => {
    // Without Slack's own marks, nothing is styled, so the text must come back whole.
    const piece = fc.constantFrom(
      ...['word', 'é', ' ', '\t', '[', ']', '(', ')', '!', '<', '>', '&', '&#35;', '&lt;', '#', '# ', '|', '\\', '-', '- ', '+ ', '1. ', '=', '---'],
      ...['{{', '}}', '{', '<script>', '</div>', 'javascript:', 'http://x.example', ':fire:', '"', "'", '$', '%'],
    );
    const line = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 3 }), (lines) => {
        // A line that starts with `>` is a Slack quote: markup, like `*`.
        const typed = lines.map((text) => text.trim().replace(/^>/, 'x>')).join('\n');
        const tree = parseMarkdown(md(slackEscape(typed)));
        assert.deepEqual(unsafeNodes(tree), []);
        assert.equal(textOf(tree).replace(/\s+/g, ' ').trim(), typed.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('plain text (titles)', () => {
  it('drops the styling and puts the lines on one', () => {
    assert.equal(slackPlainText('SEV2: *checkout* &amp; <#C1|x>\n<https://x.example|status>', NAMES), 'SEV2: checkout & #general status');
  });
});

/** The text a reader sees, a line break as a space. */
function textOf(node: Nodes): string {
  if (node.type === 'break') return ' ';
  if ('value' in node) return node.value;
  return 'children' in node ? node.children.map(textOf).join(node.type === 'root' ? ' ' : '') : '';
}

/** Nodes a page must never get from an imported message: raw HTML, and links or images to anything but http(s). */
function unsafeNodes(tree: Nodes): string[] {
  const found: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'html' || node.type === 'image' || node.type === 'imageReference' || node.type === 'definition') found.push(node.type);
    if (node.type === 'link' && !/^https?:\/\//.test(node.url)) found.push(`link ${node.url}`);
  });
  return found;
}
