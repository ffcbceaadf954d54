import type { Nodes, Parents, PhrasingContent, RootContent, Text } from 'mdast';
import { SKIP } from 'unist-util-visit';
import { appendAll, replaceAt } from './many-nodes.js';
import { isSafeUrl } from './url-policy.js';

/**
 * A value from an incident, as Markdown nodes. Templates never see the
 * value's text: they place a token, the template output is parsed with the
 * tokens in it, and the tokens are then swapped for these nodes. So incident
 * text never goes through the Markdown parser a second time, can never be
 * misread as template Markdown, and is escaped by the printer for exactly the
 * place it ends up in (a heading, a table cell, a link).
 */
export interface SlotValue {
  /** One line of inline content: used wherever the token stands among other inline content. */
  phrasing: PhrasingContent[];
  /** Block content: used when the token is a paragraph of its own in a section or list item. */
  blocks?: RootContent[];
  /** Plain text: used inside code, URLs, titles and alt text. */
  raw: string;
}

// Private-use characters: the parser treats them like letters, so a token never splits.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const TOKEN = /\uE000([0-9a-z]+)\uE001/g;
const ONLY_TOKEN = /^\s*\uE000([0-9a-z]+)\uE001\s*$/;
/** The numbers of the tokens in `text`. */
export function tokenIds(text: string): number[] {
  return text.includes(OPEN) ? Array.from(text.matchAll(TOKEN), (match) => Number.parseInt(match[1]!, 36)) : [];
}

/** Nodes whose children are blocks: where a paragraph can be swapped for other blocks. */
export const FLOW_PARENTS = new Set(['root', 'listItem', 'blockquote', 'footnoteDefinition']);

/**
 * What a token stands for: the value, or what makes it when the token is
 * filled (so a view over thousands of incidents holds a string or a
 * function per value, not its Markdown nodes). A string is a `textSlot`.
 */
type StoredValue = SlotValue | (() => SlotValue) | string;

/**
 * The values of one rendering, each behind a token. The values of a row
 * rendered after its template returned (deferred-each.ts) are released
 * once the row has been printed, so a report over 100,000 incidents does
 * not keep a value for every cell it has printed.
 */
export class Slots {
  private readonly values = new Map<number, StoredValue>();
  private made = 0;
  /** Stored values already placed once: used again, they get copies of their nodes, never shared ones. */
  private readonly placed = new Set<string>();

  token(value: SlotValue | (() => SlotValue)): string {
    return this.store(value);
  }

  /** A plain string (see `textSlot`), made into nodes only when its token is filled. */
  text(value: string): string {
    return this.store(value);
  }

  get(token: string): SlotValue | undefined {
    const id = Number.parseInt(token, 36);
    const value = this.values.get(id);
    // A released token met again would print as stray characters: a bug in whoever released it.
    if (value === undefined && id < this.made) throw new Error(`slot ${token} was used after it was released`);
    return resolveValue(value);
  }

  /** How many values are kept: those of the tokens made and not released. */
  get kept(): number {
    return this.values.size;
  }

  /** How many tokens have been made: the token made next is numbered this. */
  get count(): number {
    return this.made;
  }

  /** Forgets the values of the tokens numbered `from` up to `to` (not included), none of which may be filled again. */
  release(from: number, to: number): void {
    for (let id = from; id < to; id += 1) {
      this.values.delete(id);
      this.placed.delete(id.toString(36));
    }
  }

  private store(value: StoredValue): string {
    const id = this.made;
    this.made += 1;
    this.values.set(id, value);
    return `${OPEN}${id.toString(36)}${CLOSE}`;
  }

  /** Replaces tokens in a string with the values' plain text. */
  raw(text: string): string {
    return text.includes(OPEN) ? text.replace(TOKEN, (match, id: string) => this.get(id)?.raw ?? match) : text;
  }

  /**
   * Swaps the tokens in one node for their values, as a `visit` callback: a
   * paragraph that is just a token becomes the value's blocks, tokens in text
   * become the value's inline nodes, and tokens in code, URLs, titles and alt
   * text become plain text. Inserted nodes are skipped, so text from an
   * incident is never read for tokens.
   */
  fillNode(node: Nodes, index: number, parent: Parents): ['skip', number] | undefined {
    if (node.type === 'paragraph' && FLOW_PARENTS.has(parent.type)) {
      const only = node.children.length === 1 && node.children[0]!.type === 'text' ? ONLY_TOKEN.exec(node.children[0]!.value) : null;
      const token = only?.[1];
      const value = token === undefined ? undefined : this.get(token);
      if (token !== undefined && value) {
        const blocks = value.blocks ?? [{ type: 'paragraph', children: value.phrasing }];
        replaceAt(parent.children as RootContent[], index, this.nodes(token, blocks));
        return [SKIP, index + blocks.length];
      }
    }
    if (node.type === 'text') {
      if (!node.value.includes(OPEN)) return undefined;
      const replacement = this.splitText(node);
      replaceAt(parent.children as PhrasingContent[], index, replacement);
      return [SKIP, index + replacement.length];
    }
    if ('value' in node && typeof node.value === 'string') node.value = this.raw(node.value);
    if ('url' in node && typeof node.url === 'string') node.url = this.raw(node.url);
    if ('title' in node && typeof node.title === 'string') node.title = this.raw(node.title);
    if ('alt' in node && typeof node.alt === 'string') node.alt = this.raw(node.alt);
    return undefined;
  }

  private nodes<T>(token: string, nodes: T[]): T[] {
    // Values made on demand are new nodes each time; only stored nodes can be placed twice.
    if (typeof this.values.get(Number.parseInt(token, 36)) !== 'object') return nodes;
    if (this.placed.has(token)) return structuredClone(nodes);
    this.placed.add(token);
    return nodes;
  }

  private splitText(node: Text): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    let last = 0;
    for (const match of node.value.matchAll(TOKEN)) {
      const value = this.get(match[1]!);
      if (!value) continue;
      if (match.index > last) out.push({ type: 'text', value: node.value.slice(last, match.index) });
      appendAll(out, this.nodes(match[1]!, value.phrasing));
      last = match.index + match[0].length;
    }
    if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
    return out;
  }
}

function resolveValue(value: StoredValue | undefined): SlotValue | undefined {
  if (typeof value === 'string') return textSlot(value);
  return typeof value === 'function' ? value() : value;
}

/** A plain string (a name, a title, a formatted time): shown as literal text on one line. */
export function textSlot(text: string): SlotValue {
  const line = oneLine(text);
  return { phrasing: line ? [{ type: 'text', value: line }] : [], raw: line };
}

/** A link with literal text; only the text when the address fails the URL policy (url-policy.ts). */
export function linkSlot(text: string, url: string): SlotValue {
  const line = oneLine(text);
  const name: PhrasingContent = { type: 'text', value: line };
  return { phrasing: [isSafeUrl(url) ? { type: 'link', url, children: [name] } : name], raw: url };
}

/** Line breaks and the spaces around them as one space; most values have none, and are kept as they are. */
function oneLine(text: string): string {
  return text.includes('\n') || text.includes('\r') ? text.replace(/\s*[\r\n]+\s*/g, ' ') : text;
}

/** A value that only makes sense as raw text, such as diagram source for a code block. */
export function rawSlot(text: string): SlotValue {
  return { phrasing: [{ type: 'inlineCode', value: text.replace(/\s*\n\s*/g, ' ') }], raw: text };
}
