import type { Definition, Image, Link, Nodes } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { readSimpleMarkdown } from '../render/markdown/simple-markdown.js';
import { isSafeUrl } from '../render/markdown/url-policy.js';
import type { DataPath } from '../source/locate.js';
import { valueRange } from '../source/locate.js';
import { asRecord } from './loose.js';
import type { Rule, RuleContext } from './rule-context.js';

/**
 * The rendering drops links whose address a docs site would run or open
 * without the reader choosing it (`javascript:`, `data:`…; see
 * url-policy.ts). Dropped silently, the writer would never know their link
 * is gone, so each is reported here, at its field, where `validate` and
 * editors show it.
 */
export const checkUnsafeLinks: Rule = (context) => {
  for (const pattern of MARKDOWN_FIELDS) {
    for (const { path, text } of markdownValues(context.data, pattern)) reportUnsafeLinks(context, path, text);
  }
};

/** Every link, image and definition starts with `[` or `<` (an autolink). */
const MAY_LINK = /[[<]/;

function reportUnsafeLinks(context: RuleContext, path: DataPath, text: string): void {
  // No colon, no scheme; no bracket, no link: the common cases need no parsing. Nor does
  // text that simple-markdown.ts reads, which has safe links only, read alike by this parser.
  if (!text.includes(':') || !MAY_LINK.test(text) || readSimpleMarkdown(text) !== null) return;
  for (const link of unsafeLinks(text)) {
    const scheme = /^\s*([^:]*:)/.exec(link.url)?.[1]?.toLowerCase() ?? link.url;
    context.report.add(valueRange(context.document, path), {
      rule: 'unsafe-link',
      severity: 'warning',
      message: `Unexpected \`${scheme.replace(/[^\w+.:-]/g, '?')}\` ${link.type === 'image' ? 'image' : 'link'}, expected an http(s) link: it is shown as plain text`,
      hint: 'Link to an http(s) address (or mailto:, a #fragment or a relative path); other schemes could run code in the reader’s browser.',
    });
  }
}

/** CommonMark without our transforms or GFM: links as a reader of the source would see them. One parser for every field. */
const commonMark = unified().use(remarkParse).freeze();

function unsafeLinks(text: string): (Link | Image | Definition)[] {
  const found: (Link | Image | Definition)[] = [];
  visit(commonMark.parse(text), (node: Nodes) => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && !isSafeUrl(node.url)) found.push(node);
  });
  return found;
}

/**
 * Where the Markdown fields are, `*` standing for each item of a list. The
 * TypeBox schema is a development dependency, so this list is kept by hand;
 * a test checks it against the schema's Markdown fields.
 */
export const MARKDOWN_FIELDS: readonly (readonly string[])[] = [
  ['summary'],
  ['impact', 'description'],
  ['timeline', '*', 'text'],
  ['trigger'],
  ['root_cause'],
  ['contributing_factors', '*'],
  ['detection'],
  ['resolution'],
  ['lessons', 'went_well', '*'],
  ['lessons', 'went_wrong', '*'],
  ['lessons', 'lucky', '*'],
];

/** Every string value of a Markdown field, with its path; values of the wrong shape (reported by the schema) are skipped. */
function* markdownValues(data: unknown, pattern: readonly string[], path: DataPath = []): Generator<{ path: DataPath; text: string }> {
  if (pattern.length === 0) {
    if (typeof data === 'string') yield { path, text: data };
    return;
  }
  const [step, ...rest] = pattern as [string, ...string[]];
  if (step === '*') {
    if (Array.isArray(data)) for (const [index, item] of data.entries()) yield* markdownValues(item, rest, [...path, index]);
    return;
  }
  const record = asRecord(data);
  if (record && Object.hasOwn(record, step)) yield* markdownValues(record[step], rest, [...path, step]);
}
