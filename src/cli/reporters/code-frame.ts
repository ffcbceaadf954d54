/** The most characters of a source line a code frame shows. */
export const MAX_FRAME_WIDTH = 100;

export interface FrameLine {
  /** The part of the line shown, with `…` where it was cut. */
  text: string;
  /** Where the caret starts in `text`, from 0. */
  caretStart: number;
  caretWidth: number;
}

/**
 * The part of a source line to show under a message, and where its caret
 * goes: the whole line when it is short; otherwise a window of
 * `MAX_FRAME_WIDTH` characters around the column, so that a file of one
 * long line does not print a megabyte. Tabs become spaces and control
 * characters visible symbols, one character each, so the caret stays in
 * place and the line cannot drive the terminal.
 *
 * `column` counts from 1; `width` is the caret's length (at least 1).
 */
export function frameLine(line: string, column: number, width: number): FrameLine {
  const at = Math.max(0, Math.min(column - 1, line.length));
  if (line.length <= MAX_FRAME_WIDTH) return { text: visible(line), caretStart: at, caretWidth: Math.max(1, width) };
  // A third of the window before the column, as much of the problem as fits after it.
  let start = Math.max(0, at - Math.floor(MAX_FRAME_WIDTH / 3));
  const end = Math.min(line.length, start + MAX_FRAME_WIDTH);
  start = Math.max(0, end - MAX_FRAME_WIDTH);
  const before = start > 0 ? '…' : '';
  const after = end < line.length ? '…' : '';
  const caretStart = before.length + at - start;
  const caretWidth = Math.max(1, Math.min(width, end - at));
  return { text: `${before}${visible(line.slice(start, end))}${after}`, caretStart, caretWidth };
}

/** Tabs as spaces; C0 controls as their Unicode control pictures (`␛` for ESC); C1 and bidirectional controls as `�`. */
function visible(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => {
    const code = char.charCodeAt(0);
    if (char === '\t') return ' ';
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\ufffd';
  });
}
