/**
 * A list whose items are made only when a template reaches them, one at a
 * time: the report's list of every incident is 100,000 rows over 100,000
 * incidents, and made whole (rows, their tokens and their lines of template
 * output) it took hundreds of megabytes. To a template it is an array: it has
 * a `length`, numbered items (`incidents.[0]`, `lookup`), and `{{#each}}`
 * over it is expanded row by row as the output is read (see
 * deferred-each.ts). Each reading of an item makes it again.
 */
export function deferredList<T>(length: number, item: (index: number) => T): readonly T[] {
  const indexOf = (key: string | symbol): number | null => {
    if (typeof key !== 'string' || !INDEX.test(key)) return null;
    const index = Number(key);
    return index < length ? index : null;
  };
  // A real array underneath, so that Array.isArray and Handlebars (`{{#if}}` of an empty list) see one.
  const list = new Proxy(new Array<T>(length), {
    get: (target, key, receiver) => {
      const index = indexOf(key);
      return index === null ? Reflect.get(target, key, receiver) : item(index);
    },
    has: (target, key) => indexOf(key) !== null || Reflect.has(target, key),
    getOwnPropertyDescriptor: (target, key) => {
      const index = indexOf(key);
      return index === null ? Reflect.getOwnPropertyDescriptor(target, key) : { value: item(index), writable: true, enumerable: true, configurable: true };
    },
  });
  deferredLists.add(list);
  return list;
}

const INDEX = /^(?:0|[1-9]\d*)$/;
const deferredLists = new WeakSet<object>();

export function isDeferredList(value: unknown): value is readonly unknown[] {
  return typeof value === 'object' && value !== null && deferredLists.has(value);
}
