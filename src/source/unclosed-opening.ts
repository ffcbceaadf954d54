import type { CST, YAMLError } from 'yaml';
import type { OffsetRange } from '../diagnostics/file-diagnostics.js';

/** What a syntax error about a construct left open is reported as, at the character that opened it. */
export interface UnclosedOpening {
  range: OffsetRange;
  message: string;
  hint: string;
}

/**
 * `yaml` reports a quote or a bracket left open where it gave up (the end of
 * the file, or the next key), far from the mistake. The token that opened
 * it is found in the syntax tree: the quoted text that runs up to the error,
 * or the last flow list or mapping opened before it without being closed.
 */
export function unclosedOpening(document: CST.Document | undefined, error: YAMLError): UnclosedOpening | undefined {
  if (!document) return undefined;
  const at = error.pos[0];
  const quote = /^Missing closing (["'])quote/.exec(error.message)?.[1];
  const bracket = /^Flow (sequence|mapping) in block collection must be sufficiently indented and end with a [\]}]/.exec(error.message)?.[1];
  if (quote === undefined && bracket === undefined) return undefined;
  let found: CST.Token | undefined;
  const visit = (token: CST.Token | null | undefined): void => {
    if (!token || token.offset > at) return;
    if (quote !== undefined && token.type === (quote === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar') && token.offset + token.source.length >= at) found = token;
    if (bracket !== undefined && token.type === 'flow-collection' && token.start.source === (bracket === 'sequence' ? '[' : '{') && !token.end.some((end) => end.source === (bracket === 'sequence' ? ']' : '}'))) {
      found = token;
    }
    if ('items' in token) {
      for (const item of token.items) {
        visit(item.key);
        visit(item.value);
      }
    }
  };
  visit(document.value);
  if (!found) return undefined;
  const opening = quote ?? (bracket === 'sequence' ? '[' : '{');
  const what = quote !== undefined ? 'text' : bracket === 'sequence' ? 'list' : 'mapping';
  const closing = quote ?? (bracket === 'sequence' ? ']' : '}');
  return {
    range: [found.offset, found.offset + 1],
    message: `Missing closing \`${closing}\` for the ${what} opened here with \`${opening}\``,
    hint:
      quote === '"'
        ? 'End the text with `"` on the line where it ends; a `"` inside it is written `\\"`.'
        : quote === "'"
          ? "End the text with `'` on the line where it ends; a `'` inside it is written `''`."
          : `Close the ${what} with \`${closing}\` on the same line, or write one ${bracket === 'sequence' ? '`- item`' : '`key: value`'} per line.`,
  };
}
