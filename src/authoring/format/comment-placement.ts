import { type Document, type Node, type Pair, type YAMLMap, type YAMLSeq, isCollection, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import { walkDocument } from './walk-document.js';

/**
 * Which node each comment belongs to, so that it moves with what it
 * describes when `postmortem fmt` reorders keys and events. The `yaml`
 * library attaches comments by position alone; these corrections give a
 * comment to the key or list item it stands above or beside instead, and
 * keep the `yaml-language-server` modeline first in the file.
 */

const MODELINE = /^\s*yaml-language-server:/;

/**
 * `yaml` gives every comment line between the end of a nested block and the
 * next key to that block, whatever their indentation. A comment written less
 * indented than the block stands above what comes next (`# The timeline`
 * above `timeline:` after the `impact` block): it goes to the next key or
 * list item (or to the end of the document), so it moves with that one.
 */
export function releaseOutdentedComments(document: Document.Parsed, text: string): void {
  const release = (collection: YAMLMap | YAMLSeq, path: readonly unknown[]): void => {
    if (collection.flow || !collection.comment || !collection.range) return;
    const [start, contentEnd, end] = collection.range;
    const indent = start - (text.lastIndexOf('\n', start - 1) + 1);
    const columns: number[] = [];
    for (let lineStart = text.lastIndexOf('\n', contentEnd - 1) + 1; lineStart < end; ) {
      const lineEnd = text.indexOf('\n', lineStart);
      const comment = /^[ \t]*#/.exec(text.slice(lineStart, lineEnd === -1 ? end : lineEnd));
      if (comment) columns.push(comment[0].length - 1);
      lineStart = lineEnd === -1 ? end : lineEnd + 1;
    }
    const lines = collection.comment.split('\n');
    const commentLines = lines.flatMap((line, index) => (line === '' ? [] : [index]));
    if (commentLines.length !== columns.length) return;
    const first = columns.findIndex((column) => column < indent);
    if (first === -1) return;
    const split = commentLines[first]!;
    const before = lines.slice(0, split);
    const blank = before.at(-1) === '';
    while (before.at(-1) === '') before.pop();
    const moved = lines.slice(split).join('\n');
    collection.comment = before.length > 0 ? before.join('\n') : undefined;
    const next = nextNode(collection, path);
    if (next) {
      next.commentBefore = joinComments(moved, next.commentBefore);
      if (blank) next.spaceBefore = true;
    } else {
      document.comment = joinComments(moved, document.comment);
    }
  };
  walkDocument(document, { Map: (_key, map, path) => release(map, path), Seq: (_key, seq, path) => release(seq, path) });
}

/** The key or list item that follows `node` in the document, at whatever level. */
export function nextNode(node: unknown, path: readonly unknown[]): Node | undefined {
  let child = node;
  for (let level = path.length - 1; level >= 0; level -= 1) {
    const parent = path[level];
    if (isMap(parent)) {
      const next = parent.items[parent.items.indexOf(child as Pair) + 1];
      if (next && isNode(next.key)) return next.key;
    } else if (isSeq(parent)) {
      const next = parent.items[parent.items.indexOf(child) + 1];
      if (isNode(next)) return next;
    } else if (!isPair(parent)) {
      return undefined;
    }
    child = parent;
  }
  return undefined;
}

/**
 * `yaml` attaches the comments between a key and its nested block to the
 * block, so they would stay first in it whatever the order of its entries,
 * and writes them on lines of their own. Comments on lines of their own
 * describe the first entry: they move to it. A comment on the key's own line
 * (`impact:  # …`) stays there.
 */
export function moveLeadingComments(pair: Pair, text: string): void {
  const value = pair.value;
  if (!isCollection(value) || value.flow || !value.commentBefore || !isScalar(pair.key)) return;
  const first = isMap(value) ? value.items[0]?.key : value.items[0];
  const keyEnd = pair.key.range?.[1];
  const valueStart = value.range?.[0];
  if (!isNode(first) || keyEnd === undefined || valueStart === undefined) return;
  const lines = value.commentBefore.split('\n');
  const between = text.slice(keyEnd, valueStart);
  const onKeyLine = between.slice(0, between.search(/\r?\n|$/)).includes('#') ? 1 : 0;
  // `yaml` writes a key's own comment after `key:`, where the author put it.
  if (onKeyLine) pair.key.comment = pair.key.comment ? `${pair.key.comment} ${lines[0]}` : lines[0];
  value.commentBefore = undefined;
  if (lines.length > onKeyLine) first.commentBefore = joinComments(lines.slice(onKeyLine).join('\n'), first.commentBefore);
}

/** Removes the `yaml-language-server` modeline from above the first key, to put it back above the new first key. */
export function takeModeline(root: YAMLMap): string | undefined {
  const key = root.items[0]?.key;
  if (!isNode(key) || !key.commentBefore) return undefined;
  const lines = key.commentBefore.split('\n');
  let count = 0;
  while (count < lines.length && MODELINE.test(lines[count]!)) count += 1;
  if (count === 0) return undefined;
  key.commentBefore = count < lines.length ? lines.slice(count).join('\n') : undefined;
  return lines.slice(0, count).join('\n');
}

/** Two comments as one, `first` above `second`; either may be several lines. */
export function joinComments(first: string, second: string | null | undefined): string {
  return second ? `${first}\n${second}` : first;
}
