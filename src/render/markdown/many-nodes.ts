/**
 * Array edits for any number of nodes. A value can hold as many nodes as a
 * report has incidents, and `push(...nodes)` or `splice(at, 1, ...nodes)`
 * pass them as arguments, which overflows the stack past about 100,000.
 */

/** `target.push(...items)`, for any number of items. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** `array.splice(index, 1, ...items)`, for any number of items. */
export function replaceAt<T>(array: T[], index: number, items: readonly T[]): void {
  const after = array.splice(index + 1);
  array.length = index;
  appendAll(array, items);
  appendAll(array, after);
}
