/** The most characters of one value a message quotes; the rest is left out. */
export const MAX_QUOTED_LENGTH = 80;

/**
 * A value from an input file or the command line as a message shows it, in
 * backticks: see `excerpt`. Every message that quotes input uses this, so a
 * value a megabyte long makes a message of one line, in every output format.
 */
export function quote(value: string): string {
  return `\`${excerpt(value)}\``;
}

/**
 * A value shown on one line: line breaks and the spaces around them become
 * one space, other control characters are shown as `\u…` escapes (so that
 * a value cannot move the cursor or recolour a terminal), and a value
 * longer than `max` characters is cut with an ellipsis and its length.
 */
export function excerpt(value: string, max = MAX_QUOTED_LENGTH): string {
  // Only the start is looked at: enough for `max` characters, unless it is mostly line breaks.
  const head = value.length > max * 4 ? value.slice(0, max * 4) : value;
  const line = visibleControls(head.replace(/\s*[\r\n]+\s*/g, ' '));
  const characters = Array.from(line);
  if (head === value && characters.length <= max) return line;
  return `${characters.slice(0, max - 1).join('')}… (${codePoints(value)} characters)`;
}

/** The length in characters, not UTF-16 units; counted without building an array of a million strings. */
function codePoints(text: string): number {
  let count = text.length;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count -= 1;
        index += 1;
      }
    }
  }
  return count;
}

/**
 * Control characters other than tab and line feed as escapes (`\u001B` for
 * ESC), and the invisible ones that reorder text (bidirectional overrides).
 */
export function visibleControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
