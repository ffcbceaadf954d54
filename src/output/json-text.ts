/**
 * `JSON.stringify(value, null, 2)` followed by a line break, in pieces: the
 * members of arrays and objects down to `depth` levels are written one by
 * one, each below that in one go. The bytes are exactly those of
 * `JSON.stringify` (a test compares them), but a report over 100,000
 * incidents never becomes one string of hundreds of megabytes.
 * For plain data (what our commands print): no `toJSON`, no cycles.
 */
export function* jsonText(value: unknown, depth = 2): Generator<string> {
  yield* jsonPieces(value, '', depth);
  yield '\n';
}

/** `jsonText` of an array whose items are made as they are written (export rows, say). */
export function* jsonArrayText(items: Iterable<unknown>, depth = 1): Generator<string> {
  yield* arrayPieces(items, '', depth);
  yield '\n';
}

function* jsonPieces(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object') {
    // Line breaks inside a value are escaped, so each one here starts a nested line.
    yield JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`);
  } else if (Array.isArray(value)) {
    yield* arrayPieces(value, indent, depth);
  } else {
    yield* objectPieces(value, indent, depth);
  }
}

function* arrayPieces(items: Iterable<unknown>, indent: string, depth: number): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  for (const item of items) {
    yield `${first ? '[' : ','}\n${inner}`;
    first = false;
    // As JSON.stringify does: what JSON cannot hold is `null` in an array…
    yield* jsonPieces(isJsonValue(item) ? item : null, inner, depth - 1);
  }
  yield first ? '[]' : `\n${indent}]`;
}

function* objectPieces(value: object, indent: string, depth: number): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    // …and left out of an object.
    if (!isJsonValue(member)) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* jsonPieces(member, inner, depth - 1);
  }
  yield first ? '{}' : `\n${indent}}`;
}

function isJsonValue(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}
