/**
 * A copy of `text` that shares no memory with the file it was read from. V8
 * keeps a substring as a view into its parent string, so a title or an id
 * kept for a whole run would otherwise keep each file's entire text alive.
 * Through UTF-16 bytes: the copy is one flat string holding exactly the same
 * code units (a lone surrogate too), where slicing a concatenation would
 * add a 32-byte view to each copy.
 */
export function detached(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/** `detached` for a string that may be missing. */
export function detachedOrNull(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : detached(text);
}
