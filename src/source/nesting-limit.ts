import { type CST, Lexer, Parser } from 'yaml';

/**
 * How deep lists and mappings may nest in one file. The incident format's
 * deepest place is five levels (the file, `timeline`, an event, its `links`,
 * a link); custom `x-` data may go further, but not this far. `yaml`'s
 * composer recurses once per level, so a thousand `[` exhaust the call stack
 * and a million take seconds and a gigabyte of memory.
 */
export const MAX_NESTING_DEPTH = 64;

export type SyntaxTreeResult =
  | { ok: true; tokens: CST.Token[] }
  /** `offset` is where the list or mapping one level past the limit starts. */
  | { ok: false; offset: number };

const COLLECTIONS: ReadonlySet<string> = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * Reads YAML text into `yaml`'s concrete syntax tree, which is built with an
 * explicit stack rather than recursion, and stops at the first token that
 * opens a collection past `MAX_NESTING_DEPTH`: before anything recurses, and
 * after reading no more of the text than that. `onNewLine` is given the start
 * of each line read, as `yaml`'s `LineCounter.addNewLine` expects.
 */
export function parseSyntaxTree(text: string, onNewLine?: (offset: number) => void): SyntaxTreeResult {
  const parser = new Parser(onNewLine);
  onNewLine?.(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    // The stack also holds the document and scalars, so it is only searched when it could be too deep.
    const tooDeep = parser.stack.length > MAX_NESTING_DEPTH ? collectionPastLimit(parser.stack) : undefined;
    if (tooDeep) return { ok: false, offset: tooDeep.offset };
  }
  for (const token of parser.end()) tokens.push(token);
  return { ok: true, tokens };
}

/** The list or mapping one level past the limit, if the parser's stack holds one. */
function collectionPastLimit(stack: readonly CST.Token[]): CST.Token | undefined {
  let depth = 0;
  for (const token of stack) {
    if (COLLECTIONS.has(token.type)) depth += 1;
    if (depth > MAX_NESTING_DEPTH) return token;
  }
  return undefined;
}
