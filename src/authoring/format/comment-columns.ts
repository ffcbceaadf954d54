import { CONTINUED, type LineEndComment } from './comment-tokens.js';

/**
 * The columns of end-of-line comments: the `yaml` library writes one space
 * before such a comment, `postmortem fmt` puts it back where its author
 * aligned it.
 */

/**
 * A comment at the end of a line keeps the column it was written at
 * (`yaml` puts one space before it), so comments aligned in a column, as in
 * FORMAT.md's example and the file `postmortem new` writes, stay aligned. This
 * applies where the line's text is unchanged; elsewhere one space is used.
 * Lines that continue such a comment below it are aligned with it.
 *
 * `printed` and `written` are the line-end comments of `output` and of the
 * source (`scanComments`), found by the caller, which knows when a text was
 * already scanned.
 */
export function keepCommentColumns(output: string, printed: readonly LineEndComment[], written: readonly LineEndComment[]): string {
  const columns = new Map<string, number>();
  for (const comment of written) if (!columns.has(comment.key)) columns.set(comment.key, comment.column);
  // Built from pieces in one pass: rewriting the whole text at each comment took time in the square of the file's size.
  const pieces: string[] = [];
  let copied = 0;
  for (const comment of printed) {
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
