/**
 * Template output in chunks (deferred-each.ts makes it, process-in-pieces.ts
 * prints it): kept apart from Handlebars, so the library's types name no
 * dependency's.
 */

/**
 * Where a rendering's values are kept, behind tokens numbered as they are
 * made (Slots): a row's own tokens are released once its output is printed.
 */
export interface TokenStore {
  readonly count: number;
  release(from: number, to: number): void;
}

/**
 * A mark in chunked output, just after a row's text: the tokens the row made,
 * numbered `from` up to `to`, which `afterPrinted` releases; it may run once
 * everything before the mark has been printed.
 */
export interface RowEnd {
  from: number;
  to: number;
  afterPrinted(): void;
}

/** Template output in chunks: text, and where each row rendered later ends. */
export type OutputChunk = string | RowEnd;
