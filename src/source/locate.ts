import { type Document, type Node, isMap, isScalar, isSeq } from 'yaml';
import type { OffsetRange } from '../diagnostics/file-diagnostics.js';
import { rangeOf } from './parse-yaml.js';

export type DataPath = readonly (string | number)[];

export interface Located {
  /** The value node at the path, when it exists. */
  value?: Node;
  /** The key node of the last step, when the path ends at a mapping entry. */
  key?: Node;
  /** How many steps of the path were found. */
  depth: number;
  /** The deepest node found along the path. */
  deepest?: Node;
}

/** Walks a data path through the document's nodes. */
export function locate(document: Document.Parsed, path: DataPath): Located {
  let node: Node | null | undefined = document.contents as Node | null;
  let key: Node | undefined;
  let depth = 0;
  let deepest: Node | undefined = node ?? undefined;
  for (const step of path) {
    key = undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => dataKey(item.key) === String(step));
      if (!pair) return { depth, deepest };
      key = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step] as Node | undefined;
      if (!node) return { depth, deepest };
    } else {
      return { depth, deepest };
    }
    depth += 1;
    deepest = node ?? key ?? deepest;
  }
  return { value: node ?? undefined, key, depth, deepest };
}

/**
 * The key a mapping entry has in the plain data, as `yaml`'s `toJS` names it:
 * an empty key (`: value`, `? ~`) is `''`, any other value is its text.
 * Lists and mappings as keys have none (complex-keys.ts refuses them outside
 * `x-` data).
 */
function dataKey(key: unknown): string | undefined {
  if (key === null) return '';
  if (!isScalar(key)) return undefined;
  return key.value === null ? '' : String(key.value);
}

/**
 * The keys of the mapping at `path`, in the order they are written: the
 * plain data's own order puts keys that read as whole numbers (`"123"`) first.
 */
export function keysInOrder(document: Document.Parsed | null, path: DataPath): string[] {
  const { value } = document ? locate(document, path) : { value: undefined };
  return isMap(value) ? value.items.map((pair) => dataKey(pair.key)).filter((key) => key !== undefined) : [];
}

/** The range to point at for a value: the value itself, or its key when the value is empty. */
export function valueRange(document: Document.Parsed | null, path: DataPath): OffsetRange | undefined {
  if (!document) return undefined;
  const found = locate(document, path);
  return rangeOf(found.value) ?? rangeOf(found.key) ?? rangeOf(found.deepest);
}

/** The range of the key of the entry at `path` (falls back to the value). */
export function keyRange(document: Document.Parsed | null, path: DataPath): OffsetRange | undefined {
  if (!document) return undefined;
  const found = locate(document, path);
  return rangeOf(found.key) ?? rangeOf(found.value) ?? rangeOf(found.deepest);
}

/** For a missing key, point at the mapping that should hold it: its key if it has one. */
export function parentRange(document: Document.Parsed | null, path: DataPath): OffsetRange | undefined {
  if (!document) return undefined;
  if (path.length === 0) {
    const contents = document.contents as Node | null;
    return contents ? [contents.range![0], contents.range![0]] : [0, 0];
  }
  const found = locate(document, path);
  const key = rangeOf(found.key);
  if (key) return key;
  const value = rangeOf(found.value) ?? rangeOf(found.deepest);
  return value ? [value[0], value[0]] : undefined;
}
