import { type Node, isMap, isSeq, parseDocument } from 'yaml';
import type { OffsetRange } from '../diagnostics/file-diagnostics.js';

/** `/incidents/0/name` as its parts, `~1` and `~0` read back as `/` and `~` (RFC 6901). */
export function pointerParts(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A pointer with one more part, escaped (RFC 6901). */
export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Where the value at a JSON pointer is written in the text: the range of the
 * value, or of the nearest enclosing value that exists (a missing key is
 * shown at the object that lacks it). JSON is YAML, so the `yaml` parser
 * gives every node its range; it runs only when a problem must be
 * positioned, so a good input is read by `JSON.parse` alone; once for all
 * the problems of a document.
 */
export function pointerLocator(text: string): (pointer: string) => OffsetRange | undefined {
  // Duplicate keys are JSON's to allow (the last one counts, as in JSON.parse); long keys are too.
  const document = parseDocument(text, { uniqueKeys: false, version: '1.2', schema: 'core', strict: false, prettyErrors: false });
  return (pointer) => rangeAt(document.contents, pointer);
}

function rangeAt(contents: unknown, pointer: string): OffsetRange | undefined {
  let node: unknown = contents;
  let range = rangeOf(node);
  for (const part of pointerParts(pointer)) {
    if (isMap(node)) {
      // The last of duplicate keys is the one JSON.parse keeps.
      const pair = node.items.findLast((item) => keyText(item.key) === part);
      node = pair?.value;
    } else if (isSeq(node)) {
      node = /^(0|[1-9][0-9]*)$/.test(part) ? node.items[Number(part)] : undefined;
    } else {
      node = undefined;
    }
    const next = rangeOf(node);
    if (!next) break;
    range = next;
  }
  return range;
}

function keyText(key: unknown): string | undefined {
  const value = (key as { value?: unknown } | null)?.value;
  return typeof value === 'string' ? value : undefined;
}

function rangeOf(node: unknown): OffsetRange | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}
