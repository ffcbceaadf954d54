/**
 * What a command writes: one string, or the same text in pieces, so that a
 * large result (a report over 100,000 incidents) is written as it is made and
 * never held whole in memory.
 */
export type OutputText = string | Iterable<string>;

/** Pieces of at least this many characters are handed to the file or the terminal: fewer, larger writes. */
const WRITE_CHARS = 64 * 1024;

/** The text in pieces of about `WRITE_CHARS` (a string is one piece), none of them empty. */
export function* writePieces(text: OutputText): Generator<string> {
  if (typeof text === 'string') {
    if (text) yield text;
    return;
  }
  let pending: string[] = [];
  let size = 0;
  for (const piece of text) {
    pending.push(piece);
    size += piece.length;
    if (size >= WRITE_CHARS) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  if (size > 0) yield pending.join('');
}

/** The whole text as one string: for the few who must compare it (a file left alone when unchanged). */
export function wholeText(text: OutputText): string {
  return typeof text === 'string' ? text : [...text].join('');
}
