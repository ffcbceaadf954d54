import { createRequire } from 'node:module';
import { readSimpleMarkdown } from '../render/markdown/simple-markdown.js';
import type { DataPath } from '../source/locate.js';
import { valueRange } from '../source/locate.js';
import { asRecord } from './loose.js';
import type { Rule, RuleContext } from './rule-context.js';
import type * as LinkParser from './unsafe-links-parser.js';

/**
 * The rendering drops links whose address a docs site would run or open
 * without the reader choosing it (`javascript:`, `data:`…; see
 * url-policy.ts). Dropped silently, the writer would never know their link
 * is gone, so each is reported here, at its field, where `validate` and
 * editors show it.
 */
export const checkUnsafeLinks: Rule = (context) => {
  for (const pattern of MARKDOWN_FIELDS) {
    for (const { path, text } of valuesAt(context.data, pattern)) reportUnsafeLinks(context, path, text);
  }
};

/** Every link, image and definition starts with `[` or `<` (an autolink). */
const MAY_LINK = /[[<]/;
/** A scheme ends with a colon, written as it is or as a character reference (`&#58;`, `&#x3a;`, `&colon;`). */
const MAY_HAVE_SCHEME = /[:&]/;

/**
 * Whether `text` could hold a link the rendering drops, so that only the
 * parser can tell. No colon, no scheme; no bracket, no link: the common
 * cases need no parsing. Nor does text that simple-markdown.ts reads, which
 * has safe links only, read alike by the parser.
 */
export function needsLinkParser(text: string): boolean {
  return MAY_HAVE_SCHEME.test(text) && MAY_LINK.test(text) && readSimpleMarkdown(text) === null;
}

function reportUnsafeLinks(context: RuleContext, path: DataPath, text: string): void {
  if (!needsLinkParser(text)) return;
  for (const link of linkParser().findUnsafeLinks(text)) {
    const scheme = /^\s*([^:]*:)/.exec(link.url)?.[1]?.toLowerCase() ?? link.url;
    context.report.add(valueRange(context.document, path), {
      rule: 'unsafe-link',
      severity: 'warning',
      message: `Unexpected \`${scheme.replace(/[^\w+.:-]/g, '?')}\` ${link.type === 'image' ? 'image' : 'link'}, expected an http(s) link: it is shown as plain text`,
      hint: 'Link to an http(s) address (or mailto:, a #fragment or a relative path); other schemes could run code in the reader’s browser.',
    });
  }
}

let loaded: typeof LinkParser | undefined;

/**
 * The parser, loaded the first time a field needs it. Synchronously, as
 * rules run: `require` of an ES module (Node 20.19 and later). The module
 * sits beside this one in the library (dist/rules/) and in the bundled CLI,
 * where scripts/bundle.mjs writes it beside the chunks (dist/bin/chunks/).
 */
function linkParser(): typeof LinkParser {
  loaded ??= createRequire(import.meta.url)('./unsafe-links-parser.js') as typeof LinkParser;
  return loaded;
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

/** Every string value at `pattern` (a Markdown field), with its path; values of the wrong shape (reported by the schema) are skipped. */
export function* valuesAt(data: unknown, pattern: readonly string[], path: DataPath = []): Generator<{ path: DataPath; text: string }> {
  if (pattern.length === 0) {
    if (typeof data === 'string') yield { path, text: data };
    return;
  }
  const [step, ...rest] = pattern as [string, ...string[]];
  if (step === '*') {
    if (Array.isArray(data)) for (const [index, item] of data.entries()) yield* valuesAt(item, rest, [...path, index]);
    return;
  }
  const record = asRecord(data);
  if (record && Object.hasOwn(record, step)) yield* valuesAt(record[step], rest, [...path, step]);
}
