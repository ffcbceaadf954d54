import { type Alias, type Scalar, type YAMLMap, type YAMLSeq, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';

/** What `walkNodes` calls: for each alias, each mapping, and each other node (a scalar or a list). */
export interface NodeVisitor {
  alias(node: Alias): void;
  map(node: YAMLMap): void;
  node(node: Scalar | YAMLSeq): void;
}

/**
 * Every node under `root` in source order (a mapping's keys before their
 * values), with the visitors yaml's `visit` would call given
 * `{ Alias, Map, Node }`: without the frozen path it builds for every node,
 * which a check of every file paid for.
 */
export function walkNodes(root: unknown, visitor: NodeVisitor): void {
  if (isMap(root)) {
    visitor.map(root);
    for (const pair of root.items) walkNodes(pair, visitor);
  } else if (isSeq(root)) {
    visitor.node(root);
    for (const item of root.items) walkNodes(item, visitor);
  } else if (isPair(root)) {
    walkNodes(root.key, visitor);
    walkNodes(root.value, visitor);
  } else if (isScalar(root)) {
    visitor.node(root);
  } else if (isAlias(root)) {
    visitor.alias(root);
  }
}
