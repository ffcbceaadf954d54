import type { CST, YAMLError } from 'yaml';
import type { OffsetRange } from '../diagnostics/file-diagnostics.js';

/** What a syntax error about a construct left open is reported as, at the character that opened it. */
export interface UnclosedOpening {
  range: OffsetRange;
  message: string;
  hint: string;
}

/** What each construct is opened and closed with, and what the hint says to do. */
const CONSTRUCTS = {
  '"': { open: '"', close: '"', what: 'text', hint: 'End the text with `"` on the line where it ends; a `"` inside it is written `\\"`.' },
  "'": { open: "'", close: "'", what: 'text', hint: "End the text with `'` on the line where it ends; a `'` inside it is written `''`." },
  sequence: { open: '[', close: ']', what: 'list', hint: 'Close the list with `]` on the same line, or write one `- item` per line.' },
  mapping: { open: '{', close: '}', what: 'mapping', hint: 'Close the mapping with `}` on the same line, or write one `key: value` per line.' },
} as const;

/**
 * `yaml` reports a quote or a bracket left open where it gave up (the end of
 * the file, or the next key), far from the mistake. The token that opened
 * it is found in the syntax tree: the quoted text that runs up to the error,
 * or the last flow list or mapping opened before it without being closed.
 */
export function unclosedOpening(document: CST.Document | undefined, error: YAMLError): UnclosedOpening | undefined {
  if (!document) return undefined;
  const at = error.pos[0];
  const quote = /^Missing closing (["'])quote/.exec(error.message)?.[1] as '"' | "'" | undefined;
  const bracket = /^Flow (sequence|mapping) in block collection must be sufficiently indented and end with a [\]}]/.exec(error.message)?.[1] as 'sequence' | 'mapping' | undefined;
  const construct = quote ? CONSTRUCTS[quote] : bracket ? CONSTRUCTS[bracket] : undefined;
  if (!construct) return undefined;
  const quoted = quote === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar';
  let found: CST.Token | undefined;
  const visit = (token: CST.Token | null | undefined): void => {
    if (!token || token.offset > at) return;
    if (quote && token.type === quoted && token.offset + token.source.length >= at) found = token;
    if (bracket && token.type === 'flow-collection' && token.start.source === construct.open && !token.end.some((end) => end.source === construct.close)) found = token;
    if ('items' in token) {
      for (const item of token.items) {
        visit(item.key);
        visit(item.value);
      }
    }
  };
  visit(document.value);
  if (!found) return undefined;
  return {
    range: [found.offset, found.offset + 1],
    message: `Missing closing \`${construct.close}\` for the ${construct.what} opened here with \`${construct.open}\``,
    hint: construct.hint,
  };
}
