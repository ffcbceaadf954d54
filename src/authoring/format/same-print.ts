import type { Document, Scalar } from 'yaml';
import { isScalarNode } from './node-kinds.js';
import type { WrittenLines } from './written-lines.js';

/**
 * Whether two documents in canonical form print the same text, found
 * without printing the second one. `fmt` checks its output by formatting it
 * again, which almost always gives the same document: printing it (a fifth
 * of the work on a large file) is then not needed.
 */

/** A document put in canonical form (`canonicalise`), with the scalars whose written lines are kept. */
export interface CanonicalDocument {
  document: Document.Parsed;
  kept: WeakMap<Scalar, WrittenLines>;
}

/**
 * True only when the documents hold the same values, styles, comments and
 * blank lines, node by node: every property `yaml` keeps on a node, except
 * where it was read from (`range`) and, for text, how it was written
 * (`source`: text is written as the printer chooses, or with its kept lines).
 * A difference anywhere, even one that would print the same, gives false.
 */
export function samePrint(a: CanonicalDocument, b: CanonicalDocument): boolean {
  const same = (x: unknown, y: unknown): boolean => {
    if (Object.is(x, y)) return true;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false;
    if (Array.isArray(x)) return x.length === (y as unknown[]).length && x.every((item, index) => same(item, (y as unknown[])[index]));
    const left = x as Record<string, unknown>;
    const right = y as Record<string, unknown>;
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) return false;
    const text = isScalarNode(x) && typeof x.value === 'string';
    for (const key of keys) {
      if (!Object.hasOwn(right, key)) return false;
      if (key === 'range' || (text && key === 'source')) continue;
      if (!same(left[key], right[key])) return false;
    }
    return !isScalarNode(x) || sameLines(a.kept.get(x), b.kept.get(y as Scalar));
  };
  const [left, right] = [a.document, b.document];
  return (
    left.commentBefore === right.commentBefore &&
    left.comment === right.comment &&
    same(left.directives, right.directives) &&
    same(left.contents, right.contents)
  );
}

function sameLines(a: WrittenLines | undefined, b: WrittenLines | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.style === b.style && a.chomp === b.chomp && a.lines.length === b.lines.length && a.lines.every((line, index) => line === b.lines[index]);
}
