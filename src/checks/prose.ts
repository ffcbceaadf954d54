import { createRequire } from 'node:module';
import type { Root } from 'nlcst';
import type { OffsetRange } from '../diagnostics/file-diagnostics.js';
import type { RuleContext } from '../rules/rule-context.js';
import { MARKDOWN_FIELDS, valuesAt } from '../rules/unsafe-links.js';
import { type DataPath, locate, valueRange } from '../source/locate.js';
import { type ValueSource, valueSource } from '../source/value-offsets.js';
import type * as ProseParser from './prose-parser.js';

/**
 * The prose fields a reader sees, and the words in them, for the review
 * checks. Only values the author wrote as text are read: never ids,
 * addresses, times, names (`roles`, `authors`, `owner`, `by`), nor `x-`
 * keys, which custom templates own.
 */
export const PROSE_FIELDS: readonly (readonly string[])[] = [
  ['title'],
  ...MARKDOWN_FIELDS,
  ['impact', 'metrics', '*', 'name'],
  ['action_items', '*', 'title'],
  ['links', '*', 'title'],
];

/** One prose value of the file. */
export interface ProseField {
  path: DataPath;
  text: string;
}

/** Every string value of the prose fields (or of `fields`), in the order of `PROSE_FIELDS`. */
export function proseFields(data: Record<string, unknown>, fields: readonly (readonly string[])[] = PROSE_FIELDS): ProseField[] {
  return fields.flatMap((pattern) => [...valuesAt(data, pattern)]);
}

/** A field's value read as prose, parsed once however many checks read it. */
export class Prose {
  private tree: Root | undefined;

  constructor(
    readonly field: ProseField,
    private readonly context: RuleContext,
  ) {}

  get parsed(): Root {
    this.tree ??= parser().parseProse(this.field.text);
    return this.tree;
  }

  /** Where the value's characters `[start, end)` are in the file: exactly, else the whole value. */
  range(start: number, end: number): OffsetRange | undefined {
    const { document } = this.context;
    // Aligned once, the first time a finding needs it.
    this.source ??= valueSource(this.context.text, document ? locate(document, this.field.path).value : undefined) ?? null;
    return this.source?.range(start, end) ?? valueRange(document, this.field.path);
  }

  private source: ValueSource | null | undefined;
}

/** The parser module (prose-parser.ts), required the first time a field needs it, as unsafe-links.ts loads its own. */
export function parser(): typeof ProseParser {
  loaded ??= createRequire(import.meta.url)('./prose-parser.js') as typeof ProseParser;
  return loaded;
}

let loaded: typeof ProseParser | undefined;

/**
 * A quick test of raw text for any phrase, word by word (case aside, and
 * anything but ASCII letters and digits between the words): text that fails
 * it cannot hold the phrase, and needs no parsing. Lenient on purpose
 * (`didn't` is tested as `didn`, any separator or none, `t`, which `didn’t`
 * and `didnt` pass). Whole phrases, not only their first words: "To be
 * written" tested as "to" sent nearly every field to the parser. The text is
 * lowercased rather than matched with the `i` and `u` flags: with them the
 * pattern cost more to compile (about 30 ms) than the whole check of a file.
 */
export function mayHoldPhrase(phrases: readonly string[]): (text: string) => boolean {
  const patterns = phrases.map((phrase) => phrase.toLowerCase().split(NOT_A_WORD).filter(Boolean).join('[^a-z0-9]*')).filter(Boolean);
  if (patterns.length === 0) return () => false;
  const pattern = new RegExp(`(?<![a-z0-9])(?:${[...new Set(patterns)].join('|')})`);
  return (text) => pattern.test(text.toLowerCase());
}

/** What separates a phrase's words; what is left, letters and digits, needs no escaping in a pattern. */
const NOT_A_WORD = /[^\p{L}\p{N}]+/u;
