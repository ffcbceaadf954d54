import { isMap, isNode, isPair, isScalar, isSeq } from 'yaml';

/**
 * `yaml`'s tests of what a node is, read once for the walks of `fmt` over
 * every node of a file. The CLI's bundle reaches the exports of `yaml` (a
 * CommonJS package) through a getter at each use: on a large file, the
 * getters cost more than the tests.
 */
export const isMapNode: typeof isMap = isMap;
export const isSeqNode: typeof isSeq = isSeq;
export const isPairNode: typeof isPair = isPair;
export const isScalarNode: typeof isScalar = isScalar;
export const isAnyNode: typeof isNode = isNode;
