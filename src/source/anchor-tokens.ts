import type { CST } from 'yaml';

/**
 * Every `&name` written in a document, in source order, as the concrete
 * syntax tree holds them: an anchor stands among the properties before its
 * node (an item's `start`, a pair's `sep`, the document's `start`), so its
 * offset is exact, where the composed node only keeps the name and a range
 * that starts after any tag, comment or line break that follows the anchor.
 */
export function anchorTokens(document: CST.Document): CST.SourceToken[] {
  const found: CST.SourceToken[] = [];
  const properties = (tokens: readonly CST.SourceToken[] | undefined) => {
    if (tokens) for (const token of tokens) if (token.type === 'anchor') found.push(token);
  };
  const collection = (token: CST.Token | null | undefined) => {
    // Block mappings and lists and flow collections have items; scalars, aliases and errors hold no anchor.
    if (!token || !('items' in token)) return;
    for (const item of token.items) {
      properties(item.start);
      collection(item.key);
      properties(item.sep);
      collection(item.value);
    }
  };
  properties(document.start);
  collection(document.value);
  return found;
}
