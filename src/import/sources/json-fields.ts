import type { JsonValue, ShapeReader } from '../shape-reader.js';

/**
 * Small readers the platform sources share, over the shape reader's
 * `JsonValue`: platforms write `""` and `null` alike for "not set", and
 * name the people and services they refer to in an object's `summary` or
 * `name`.
 */

/** A string, trimmed; `undefined` when absent, `null` or blank. */
export function text(value: JsonValue): string | undefined {
  return value.optionalString()?.trim() || undefined;
}

/** An id written as a string or a number (PagerDuty's `incident_number`, FireHydrant's `number`), as text. */
export function label(value: JsonValue): string | undefined {
  return typeof value.value === 'number' && Number.isFinite(value.value) ? String(value.value) : text(value);
}

/** The name of a reference object (`agent`, `user`, `severity`) that may be absent: its `summary` or `name`. */
export function nameOf(reference: JsonValue, nameKey: 'summary' | 'name' = 'summary'): string | undefined {
  if (reference.isNullish || !reference.object()) return undefined;
  return text(reference.key(nameKey));
}

/** An absolute http(s) address, as FORMAT.md's links take them. */
export function httpUrl(address: string | undefined): string | undefined {
  return address !== undefined && /^https?:\/\/\S+$/.test(address) ? address : undefined;
}

/**
 * The API answers an input holds: one object, or several in an array (as
 * `jq -s . a.json b.json` saves them); anything else is recorded as not
 * `expected`.
 */
export function answersOf(reader: ShapeReader, expected: string): JsonValue[] {
  const root = reader.root;
  const list = Array.isArray(root.value) ? (root.array() ?? []) : [root];
  if (list.length === 0) reader.expected(root, expected);
  return list.filter((answer) => {
    const isObject = typeof answer.value === 'object' && answer.value !== null && !Array.isArray(answer.value);
    return isObject || reader.expected(answer, expected);
  });
}
