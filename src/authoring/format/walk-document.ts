import type { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { isMapNode, isPairNode, isScalarNode, isSeqNode } from './node-kinds.js';

/**
 * `yaml`'s `visit`, for the visitors `fmt` uses: the same nodes in the same
 * order with the same keys and ancestors, but one ancestor list, changed in
 * place, instead of a new frozen copy for every node (about a tenth of a
 * formatting pass on a large file). The path is only valid during the call;
 * a visitor returns nothing and does not replace or remove nodes.
 */
export interface DocumentVisitor {
  Map?: (key: VisitKey, map: YAMLMap, path: readonly unknown[]) => void;
  Seq?: (key: VisitKey, seq: YAMLSeq, path: readonly unknown[]) => void;
  Pair?: (key: VisitKey, pair: Pair, path: readonly unknown[]) => void;
  Scalar?: (key: VisitKey, scalar: Scalar, path: readonly unknown[]) => void;
}

/** As `visit` gives it: `null` for the document's contents, an index in a collection, `key` or `value` in a pair. */
export type VisitKey = number | 'key' | 'value' | null;

/** Calls `visitor` on every node of `document`, parents before children, the path starting with the document. */
export function walkDocument(document: Document, visitor: DocumentVisitor): void {
  walk(null, document.contents, visitor, [document]);
}

function walk(key: VisitKey, node: unknown, visitor: DocumentVisitor, path: unknown[]): void {
  if (isMapNode(node) || isSeqNode(node)) {
    if (isMapNode(node)) visitor.Map?.(key, node, path);
    else visitor.Seq?.(key, node, path);
    path.push(node);
    for (let index = 0; index < node.items.length; index += 1) walk(index, node.items[index], visitor, path);
    path.pop();
  } else if (isPairNode(node)) {
    visitor.Pair?.(key, node, path);
    path.push(node);
    walk('key', node.key, visitor, path);
    walk('value', node.value, visitor, path);
    path.pop();
  } else if (isScalarNode(node)) {
    visitor.Scalar?.(key, node, path);
  }
}
