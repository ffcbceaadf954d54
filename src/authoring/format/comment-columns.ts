import { Parser } from 'yaml';

/**
 * The columns of end-of-line comments: the `yaml` library writes one space
 * before such a comment, `postmortem fmt` puts it back where its author
 * aligned it.
 */

/** Stands for a line break in a comment continued below a value, until `keepCommentColumns` puts the lines back. */
export const CONTINUED = '\uE000';

/**
 * A comment at the end of a line keeps the column it was written at
 * (`yaml` puts one space before it), so comments aligned in a column, as in
 * FORMAT.md's example and the file `postmortem new` writes, stay aligned. This
 * applies where the line's text is unchanged; elsewhere one space is used.
 * Lines that continue such a comment below it are aligned with it.
 */
export function keepCommentColumns(output: string, source: string): string {
  const columns = new Map<string, number>();
  for (const comment of lineEndComments(source)) if (!columns.has(comment.key)) columns.set(comment.key, comment.column);
  // Built from pieces in one pass: rewriting the whole text at each comment took time in the square of the file's size.
  const pieces: string[] = [];
  let copied = 0;
  for (const comment of lineEndComments(output)) {
    const wanted = columns.get(comment.key);
    const column = wanted !== undefined && wanted > comment.textEnd ? wanted : comment.textEnd + 1;
    const lineStart = comment.offset - comment.column;
    pieces.push(output.slice(copied, lineStart + comment.textEnd), ' '.repeat(column - comment.textEnd), continueComment(comment.source, ' '.repeat(column)));
    copied = comment.offset + comment.source.length;
  }
  pieces.push(output.slice(copied));
  const result = pieces.join('');
  // A continued comment that did not end a line (none is known) still gets its lines back.
  return result.includes(CONTINUED) ? result.replace(/#[^\n]*\uE000[^\n]*/g, (comment) => continueComment(comment, '')) : result;
}

/** A comment's lines joined by `CONTINUED`, written again one under the other at `indent`; an empty one is a blank line. */
function continueComment(comment: string, indent: string): string {
  const [first, ...rest] = comment.split(CONTINUED);
  return [first, ...rest.map((line) => (line === '' ? '' : `${indent}#${line === ' ' ? '' : line}`))].join('\n');
}

interface LineEndComment {
  offset: number;
  column: number;
  source: string;
  /** Where the line's text before the comment ends, as a column. */
  textEnd: number;
  /** The line's text and the comment: what must match between source and output. */
  key: string;
}

/** Comments that follow something on their line, in document order. */
function lineEndComments(text: string): LineEndComment[] {
  const found: LineEndComment[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const token = value as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      const lineStart = text.lastIndexOf('\n', token.offset - 1) + 1;
      const before = text.slice(lineStart, token.offset);
      if (before.trim() !== '') {
        const column = token.offset - lineStart;
        const first = token.source.split(CONTINUED)[0]!.trimEnd();
        // A list item's `- ` does not count: an entry that moved first or last in its item keeps its column.
        const line = before.trim().replace(/^(?:-[ \t]+)+/, '');
        found.push({ offset: token.offset, column, source: token.source, textEnd: before.trimEnd().length, key: `${line}\u0000${first}` });
      }
      return;
    }
    for (const inner of Object.values(value)) walk(inner);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found.sort((a, b) => a.offset - b.offset);
}
