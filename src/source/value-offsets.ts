import { type Scalar, isScalar } from 'yaml';
import type { OffsetRange } from '../diagnostics/file-diagnostics.js';

/**
 * Where each character of a string scalar's value was written in the
 * source, so that a finding inside a value (a phrase of a block scalar) is
 * reported at its own line and column rather than at the start of the value.
 *
 * The value is aligned with its source text character by character, per
 * style:
 * - block scalars (`|`, `>`): the header line is skipped and the content
 *   indentation stripped from every line; a line break the source has and
 *   the value does not (folded away, or chomped) is skipped, and a space the
 *   value has where the source breaks the line (folding) is that line break;
 * - flow scalars (plain, `'…'`, `"…"`): whitespace the value does not have
 *   (around a folded line break, a continuation line's indentation) is
 *   skipped, and a value space or line break that stands for a folded line
 *   break is placed at the first source whitespace character it replaced;
 *   `''` in single quotes and escapes in double quotes (`\t`, `\"`,
 *   `\u00e9`, an escaped line break) are read as one value character.
 * Anything the alignment cannot follow (it should not happen) maps to the
 * source character reached, so a position is always somewhere in the value.
 */
export interface ValueSource {
  /** The source range of the value's characters `[start, end)`. */
  range(start: number, end: number): OffsetRange;
}

/** The map of a string scalar's value to the source; `undefined` for any other node, or one without a range. */
export function valueSource(text: string, node: unknown): ValueSource | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const { starts, ends } = valueOffsets(text, node as Scalar<string>);
  const end = node.range[1];
  return {
    range(start, stop) {
      const from = starts[start] ?? end;
      if (stop <= start) return [from, from];
      return [from, Math.max(from, ends[Math.min(stop, ends.length) - 1] ?? end)];
    },
  };
}

/** Where each character of the value was written: `value[i]` is `text.slice(starts[i], ends[i])` once unescaped. */
export interface ValueOffsets {
  starts: number[];
  ends: number[];
}

export function valueOffsets(text: string, node: Scalar<string>): ValueOffsets {
  const [start, end] = node.range!;
  switch (node.type) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return alignBlock(text, start, end, node.value);
    case 'QUOTE_DOUBLE':
      return alignFlow(text, start + 1, end - 1, node.value, 'double');
    case 'QUOTE_SINGLE':
      return alignFlow(text, start + 1, end - 1, node.value, 'single');
    default:
      return alignFlow(text, start, end, node.value, 'plain');
  }
}

const isBlank = (char: string | undefined) => char === ' ' || char === '\t' || char === '\n' || char === '\r';

/** The offsets of a block scalar's content characters: each line past its indentation, and each line break. */
function blockContent(text: string, start: number, end: number, value: string): number[] {
  const lines: [number, number][] = [];
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd === -1 || headerEnd >= end) return [];
  for (let lineStart = headerEnd + 1; lineStart < end; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    lines.push([lineStart, lineEnd]);
    lineStart = lineEnd + 1;
  }
  // The indentation stripped from every line: the first line with text, less the spaces its value line keeps
  // (an indentation indicator, `|2`, keeps more-indented spaces in the value).
  const firstLine = lines.find(([from, to]) => /[^ \r]/.test(text.slice(from, to)));
  const firstValueLine = value.split('\n').find((line) => /[^ ]/.test(line)) ?? '';
  const indent = firstLine ? leadingSpaces(text.slice(firstLine[0], firstLine[1])) - leadingSpaces(firstValueLine) : 0;
  const content: number[] = [];
  for (const [from, to] of lines) {
    const stop = text[to - 1] === '\r' ? to - 1 : to;
    for (let at = from + Math.max(0, indent); at < stop; at += 1) content.push(at);
    if (to < text.length && text[to] === '\n') content.push(to);
  }
  return content;
}

function leadingSpaces(line: string): number {
  return /^ */.exec(line)![0].length;
}

function alignBlock(text: string, start: number, end: number, value: string): ValueOffsets {
  const content = blockContent(text, start, end, value);
  const starts: number[] = [];
  let at = 0;
  for (const char of value) {
    // A source line break the value does not have here was folded away or chomped.
    while (at < content.length && text[content[at]!] === '\n' && char !== '\n' && char !== ' ') at += 1;
    for (let unit = 0; unit < char.length; unit += 1) starts.push(content[at + unit] ?? end);
    if (at < content.length) at += char.length;
  }
  return { starts, ends: starts.map((offset) => Math.min(offset + 1, end)) };
}

function alignFlow(text: string, from: number, to: number, value: string, style: 'plain' | 'single' | 'double'): ValueOffsets {
  const starts: number[] = [];
  const ends: number[] = [];
  const offsets = {
    get length() {
      return starts.length;
    },
    push(start: number, end = start + 1) {
      starts.push(start);
      ends.push(Math.min(end, to));
    },
  };
  let at = from;
  while (offsets.length < value.length) {
    const char = value[offsets.length]!;
    const written = text[at];
    if (at >= to) {
      offsets.push(to);
    } else if (style === 'double' && written === '\\') {
      const escape = text[at + 1];
      if (escape === '\n' || escape === '\r') {
        // An escaped line break joins the lines with nothing between them.
        at += 2;
        while (at < to && isBlank(text[at])) at += 1;
        continue;
      }
      const length = escape === 'x' ? 4 : escape === 'u' ? 6 : escape === 'U' ? 10 : 2;
      const codePoint = escape === 'U' ? Number.parseInt(text.slice(at + 2, at + 10), 16) : 0;
      const units = codePoint > 0xffff ? 2 : 1;
      for (let unit = 0; unit < units && offsets.length < value.length; unit += 1) offsets.push(at, at + length);
      at += length;
    } else if (written === char) {
      const doubled = style === 'single' && char === "'" && text[at + 1] === "'";
      offsets.push(at, doubled ? at + 2 : at + 1);
      at += doubled ? 2 : 1;
    } else if (isBlank(written)) {
      if (char === ' ' || char === '\n') {
        // A folded line break: the value's space (or line break) stands for the whole run of source whitespace.
        offsets.push(at);
        while (at < to && isBlank(text[at])) at += 1;
      } else {
        at += 1;
      }
    } else {
      offsets.push(at);
      at += 1;
    }
  }
  return { starts, ends };
}
