import { quote } from '../diagnostics/quote.js';

/** Where JSON text first breaks the grammar, and why. */
export interface JsonSyntaxError {
  /** Offset in the text (UTF-16 code units), as `yaml` ranges count them. */
  offset: number;
  message: string;
}

/**
 * The first place where `text` is not strict JSON (RFC 8259), or `null`
 * when it is. `JSON.parse` decides whether text is JSON, but its messages
 * name no position on Node 20 (`Unexpected token '}', "…" is not valid
 * JSON`), so this small scanner finds one, for a message at `file:line:col`.
 * It walks with an explicit stack: a file of a million `[` cannot overflow
 * the call stack.
 */
export function firstJsonError(text: string): JsonSyntaxError | null {
  const closers: ('}' | ']')[] = [];
  type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';
  let expect: Expect = 'value';
  let i = 0;
  const fail = (offset: number, message: string): JsonSyntaxError => ({ offset, message });
  const afterValue = (): Expect => (closers.length > 0 ? 'comma-or-close' : 'end');

  for (;;) {
    while (i < text.length && WHITESPACE.has(text[i]!)) i += 1;
    const ch = text[i];
    if (ch === undefined) return expect === 'end' ? null : fail(i, 'Unexpected end of the file');
    switch (expect) {
      case 'end':
        return fail(i, `Unexpected ${shown(text, i)} after the end of the JSON value`);
      case 'colon':
        if (ch !== ':') return fail(i, `Unexpected ${shown(text, i)}, expected \`:\` after the property name`);
        i += 1;
        expect = 'value';
        continue;
      case 'comma-or-close': {
        const closer = closers[closers.length - 1]!;
        if (ch === ',') {
          i += 1;
          expect = closer === '}' ? 'key' : 'value';
        } else if (ch === closer) {
          i += 1;
          closers.pop();
          expect = afterValue();
        } else {
          return fail(i, `Unexpected ${shown(text, i)}, expected \`,\` or \`${closer}\``);
        }
        continue;
      }
      case 'key-or-close':
      case 'key':
        if (ch === '}' && expect === 'key-or-close') {
          i += 1;
          closers.pop();
          expect = afterValue();
          continue;
        }
        if (ch !== '"') return fail(i, `Unexpected ${shown(text, i)}, expected a property name in double quotes`);
        {
          const end = stringEnd(text, i);
          if (typeof end !== 'number') return end;
          i = end;
        }
        expect = 'colon';
        continue;
      case 'value-or-close':
        if (ch === ']') {
          i += 1;
          closers.pop();
          expect = afterValue();
          continue;
        }
        break;
      case 'value':
        break;
    }
    // A value starts here.
    if (ch === '{' || ch === '[') {
      closers.push(ch === '{' ? '}' : ']');
      i += 1;
      expect = ch === '{' ? 'key-or-close' : 'value-or-close';
      continue;
    }
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (typeof end !== 'number') return end;
      i = end;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) return fail(i, `Unexpected ${shown(text, i)}, expected a number`);
      i += match[0].length;
    } else {
      const literal = LITERALS.find((word) => text.startsWith(word, i));
      if (!literal) return fail(i, `Unexpected ${shown(text, i)}, expected a value (a string in double quotes, a number, true, false, null, an object or an array)`);
      i += literal.length;
    }
    expect = afterValue();
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERALS = ['true', 'false', 'null'];
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The offset just past the string that starts (with its `"`) at `start`, or what is wrong with it. */
function stringEnd(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') return i + 1;
    if (ch < ' ') return { offset: i, message: `Unexpected ${shown(text, i)} in a string; write it as an escape such as \\n` };
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: 'Unexpected `\\u` escape, expected four hexadecimal digits after it' };
        i += 6;
        continue;
      }
      if (next === undefined || !ESCAPES.has(next)) return { offset: i, message: `Unexpected escape \`\\${next ?? ''}\` in a string` };
      i += 2;
      continue;
    }
    i += 1;
  }
  return { offset: start, message: 'Unexpected end of the file in a string that starts here' };
}

/** The character at `offset` as a message shows it: `}`, or a control character by its code. */
function shown(text: string, offset: number): string {
  const ch = String.fromCodePoint(text.codePointAt(offset)!);
  return ch < ' ' ? `character U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : quote(ch);
}
