import type { PhrasingContent } from 'mdast';

/** How ids in Slack text become names: `<@U123>` → a person, `<#C123>` → a channel. */
export interface SlackNames {
  person(id: string): string | undefined;
  channel(id: string): string | undefined;
}

/**
 * One line of Slack's `mrkdwn` (in its escaped form, as exports store it)
 * as Markdown inline nodes. The order matters: the `<…>` tokens are read
 * first, then code spans, then `&amp;`, `&lt;` and `&gt;` are unescaped
 * (so `&lt;@U1&gt;` stays the literal text `<@U1>`), then `*bold*`,
 * `_italic_` and `~strike~`. What comes out is a tree of text, never
 * Markdown source: the printer escapes it, so text a person typed
 * (`<script>`, `[x](javascript:…)`, `# `) stays literal text.
 */
export function slackInline(line: string, names: SlackNames): PhrasingContent[] {
  const nodes: PhrasingContent[] = [];
  const hold = (node: PhrasingContent) => `${OPEN}${(nodes.push(node) - 1).toString(36)}${CLOSE}`;
  let text = line.replace(PRIVATE, '\uFFFD').replace(TOKEN, (_, body: string) => hold(tokenNode(body, names)));
  text = text.replace(CODE, (_, fenced: string | undefined, plain: string | undefined) =>
    hold({ type: 'inlineCode', value: unescape(plainText(fenced ?? plain ?? '', nodes)) }),
  );
  return styled(unescape(text), nodes);
}

/** The plain text of Slack text, styling and all on one line: for fields such as a title. */
export function slackPlainText(text: string, names: SlackNames): string {
  return text
    .split('\n')
    .map((line) => slackInline(line, names).map(nodeText).join(''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Private-use characters stand for nodes inside the text while it is read, as in render/markdown/slots.ts.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PRIVATE = /[\uE000\uE001]/g;
const HELD = /\uE000([0-9a-z]+)\uE001/g;
/** Slack escapes every literal `<` and `>`, so any `<…>` is one of its tokens. */
const TOKEN = /<([^<>\n]*)>/g;
const CODE = /```([^\n]+?)```|`([^`\n]+)`/g;
const ENTITY = /&(amp|lt|gt);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>' };

/** Slack escapes only these three; one pass, so `&amp;lt;` becomes `&lt;`, not `<`. */
export function unescape(text: string): string {
  return text.replace(ENTITY, (_, name: string) => ENTITIES[name]!);
}

const HTTP = /^https?:\/\//i;

/** A `<…>` token: a mention, a channel, a special command, or a link. */
function tokenNode(body: string, names: SlackNames): PhrasingContent {
  const bar = body.indexOf('|');
  const target = bar < 0 ? body : body.slice(0, bar);
  const label = bar < 0 ? undefined : unescape(body.slice(bar + 1)).trim() || undefined;
  const text = (value: string): PhrasingContent => ({ type: 'text', value });
  switch (target[0]) {
    case '@':
      return text(names.person(target.slice(1)) ?? label?.replace(/^@/, '') ?? target.slice(1));
    case '#':
      return text(`#${names.channel(target.slice(1)) ?? label ?? target.slice(1)}`);
    case '!':
      return text(specialLabel(target.slice(1), label));
  }
  const url = unescape(target);
  if (HTTP.test(url)) return { type: 'link', url, title: null, children: [text(label ?? url)] };
  // mailto:, and any other scheme (javascript:, data:…): the label, or the address as plain text, never a link.
  return text(label ?? url.replace(/^mailto:/i, ''));
}

const BROADCASTS: Record<string, string> = { here: '@here', channel: '@channel', everyone: '@everyone', group: '@channel' };

/** `<!here>`, `<!subteam^S1|@team>`, `<!date^…|fallback>`: the label Slack would show. */
function specialLabel(command: string, label: string | undefined): string {
  const broadcast = BROADCASTS[command];
  if (broadcast) return label && label.startsWith('@') ? label : broadcast;
  if (label) return label;
  const [name, id] = command.split('^');
  return name === 'subteam' && id ? `@${id}` : `@${name}`;
}

/** Held nodes back to their text, for code and plain text. */
function plainText(text: string, nodes: readonly PhrasingContent[]): string {
  return text.replace(HELD, (_, id: string) => nodeText(nodes[Number.parseInt(id, 36)]!));
}

function nodeText(node: PhrasingContent): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  return 'children' in node ? node.children.map(nodeText).join('') : '';
}

const MARKS = { '*': 'strong', _: 'emphasis', '~': 'delete' } as const;
type Mark = keyof typeof MARKS;
const isMark = (ch: string | undefined): ch is Mark => ch === '*' || ch === '_' || ch === '~';
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

/**
 * Slack's styling: a mark opens where no letter or digit is before it and
 * no space after it, and closes at the next same mark with no space before
 * it and no letter or digit after it, on the same line (`snake_case_name`
 * stays as it is). Where a mark may close depends only on its neighbours,
 * so those places are found once: a line of a thousand unclosed `*` is read
 * in one pass, not a thousand.
 */
function styled(text: string, nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const closers = closingPlaces(text);
  const out: PhrasingContent[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push(...withHeld(plain, nodes));
    plain = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    const mark = isMark(ch) && opens(text, i) ? ch : undefined;
    const close = mark ? closers[mark].after(i + 1) : -1;
    if (!mark || close < 0) {
      plain += ch;
      continue;
    }
    flush();
    out.push({ type: MARKS[mark], children: styled(text.slice(i + 1, close), nodes) } as PhrasingContent);
    i = close;
  }
  flush();
  return out;
}

function opens(text: string, at: number): boolean {
  const before = text[at - 1];
  const after = text[at + 1];
  return (before === undefined || !WORD.test(before)) && after !== undefined && !SPACE.test(after) && after !== text[at];
}

/** For each mark, the places it could close, asked in increasing order. */
function closingPlaces(text: string): Record<Mark, { after(position: number): number }> {
  const places: Record<Mark, number[]> = { '*': [], _: [], '~': [] };
  for (let j = 1; j < text.length; j += 1) {
    const ch = text[j];
    const after = text[j + 1];
    if (isMark(ch) && !SPACE.test(text[j - 1]!) && (after === undefined || !WORD.test(after))) places[ch].push(j);
  }
  const cursor = (list: number[]) => {
    let next = 0;
    return {
      after(position: number): number {
        while (next < list.length && list[next]! <= position) next += 1;
        return next < list.length ? list[next]! : -1;
      },
    };
  };
  return { '*': cursor(places['*']), _: cursor(places._), '~': cursor(places['~']) };
}

/** Text with held nodes put back in place. */
function withHeld(text: string, nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const match of text.matchAll(HELD)) {
    if (match.index > last) out.push({ type: 'text', value: text.slice(last, match.index) });
    out.push(nodes[Number.parseInt(match[1]!, 36)]!);
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}
