/**
 * A copy of `text` that shares no memory with the file it was read from. V8
 * keeps a substring as a view into its parent string, so a title or an id
 * kept for a whole run would otherwise keep each file's entire text alive.
 */
export function detached(text: string): string {
  return ` ${text}`.slice(1);
}

/** `detached` for a string that may be missing. */
export function detachedOrNull(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : detached(text);
}
