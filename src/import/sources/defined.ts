/**
 * The fields of `values` that have a value: the importers build optional
 * fields this way, so an absent one is left out rather than set to
 * `undefined` (and stays out of JSON and YAML alike).
 */
export function defined<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
