import { type Alias, type Scalar, type YAMLMap, type YAMLSeq, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';

/** What `walkNodes` calls: for each alias; for every other node (a scalar, a list or a mapping); and for each mapping again. */
export interface NodeVisitor {
  alias(node: Alias): void;
  node(node: Scalar | YAMLSeq | YAMLMap): void;
  map(node: YAMLMap): void;
}

/**
 * Every node under `root` in source order (a mapping's keys before their
 * values), without the frozen path yaml's `visit` builds for every node,
 * which a check of every file paid for. Unlike `visit` given `{ Alias, Map,
 * Node }`, a mapping is given to `node` too: what holds for every node (it
 * may carry an anchor) must not skip mappings.
 */
export function walkNodes(root: unknown, visitor: NodeVisitor): void {
  if (isMap(root)) {
    visitor.node(root);
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
