import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { quote } from '../../diagnostics/quote.js';
import { parseSourceInstant } from '../source-instant.js';

/**
 * A small reader of parsed JSON for the platform importers: each value is
 * read with its JSON pointer, and a value that is not the expected shape
 * becomes a Diagnostic naming the pointer and what was expected, never an
 * exception. The import core's reader (src/import/json-input.ts) does the
 * same with the file's line and column; this stand-in places every problem
 * at the file's start and can be swapped for it without touching the
 * mappings, which only call the methods below.
 *
 * `null` reads as absent everywhere: the platforms write `null` for unset
 * optional fields (PagerDuty's `priority`, incident.io's timestamp `value`).
 */

export type JsonObject = Record<string, unknown>;

/** A value and where it is: an RFC 6901 pointer, `''` for the whole input. */
export interface At<T> {
  value: T;
  pointer: string;
}

/** The rule id of a shape problem. */
export const SHAPE_RULE = 'import-shape';

export class ShapeReader {
  readonly problems: Diagnostic[] = [];

  /** `expectedInput` names the whole input in hints ("a PagerDuty log_entries or incident response"). */
  constructor(
    readonly file: string,
    readonly expectedInput: string,
  ) {}

  /** Records that the value at `pointer` is not `expected`; always `undefined`, to return. */
  fail(at: At<unknown>, expected: string): undefined {
    const where = at.pointer === '' ? 'the top level' : `\`${at.pointer}\``;
    this.problems.push({
      file: this.file,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      severity: 'error',
      rule: SHAPE_RULE,
      message: at.value === undefined ? `Missing ${where}, expected ${expected}` : `Unexpected ${describe(at.value)} at ${where}, expected ${expected}`,
      hint: `Give ${this.expectedInput}, as the API returns it.`,
    });
    return undefined;
  }

  object(at: At<unknown>, expected = 'an object'): At<JsonObject> | undefined {
    return isObject(at.value) ? { value: at.value, pointer: at.pointer } : this.fail(at, expected);
  }

  array(at: At<unknown>, expected = 'an array'): At<unknown[]> | undefined {
    return Array.isArray(at.value) ? { value: at.value, pointer: at.pointer } : this.fail(at, expected);
  }

  /**
   * The API answers an input holds: one object, or several in an array (as
   * `jq -s . a.json b.json` saves them); `expected` describes one answer.
   */
  answers(input: unknown, expected: string): At<JsonObject>[] {
    const root = { value: input, pointer: '' };
    const list = Array.isArray(input) ? this.items({ value: input, pointer: '' }) : [root];
    if (list.length === 0) this.fail(root, expected);
    return list.flatMap((item) => this.object(item, expected) ?? []);
  }

  /** The items of an array, each with its pointer. */
  items(at: At<unknown[]>): At<unknown>[] {
    return at.value.map((value, index) => ({ value, pointer: child(at.pointer, index) }));
  }

  /** A key of an object, with its pointer (its value `undefined` when absent). */
  get(at: At<JsonObject>, key: string): At<unknown> {
    return { value: Object.hasOwn(at.value, key) ? at.value[key] : undefined, pointer: child(at.pointer, key) };
  }

  /** A key that must be there (not absent, not `null`). */
  has(at: At<JsonObject>, key: string, expected: string): At<unknown> | undefined {
    const value = this.get(at, key);
    return value.value === undefined || value.value === null ? this.fail(value, expected) : value;
  }

  optionalObject(at: At<JsonObject>, key: string): At<JsonObject> | undefined {
    const value = this.get(at, key);
    return absent(value.value) ? undefined : this.object(value);
  }

  optionalArray(at: At<JsonObject>, key: string): At<unknown>[] {
    const value = this.get(at, key);
    if (absent(value.value)) return [];
    const array = this.array(value);
    return array ? this.items(array) : [];
  }

  /** A string, trimmed; `undefined` when absent, `null`, empty or not a string (the last reported). */
  string(at: At<JsonObject>, key: string): string | undefined {
    const value = this.get(at, key);
    if (absent(value.value)) return undefined;
    if (typeof value.value !== 'string') return this.fail(value, 'a string');
    return value.value.trim() || undefined;
  }

  /** A string or a number (PagerDuty's `incident_number`), as text. */
  label(at: At<JsonObject>, key: string): string | undefined {
    const value = this.get(at, key);
    if (typeof value.value === 'number' && Number.isFinite(value.value)) return String(value.value);
    return this.string(at, key);
  }

  /** A time with an offset, as an instant; `required` reports it missing. */
  instant(at: At<JsonObject>, key: string, required = false): number | undefined {
    const value = this.get(at, key);
    if (absent(value.value)) return required ? this.fail(value, 'a time such as 2024-03-04T10:15:30Z') : undefined;
    const instant = typeof value.value === 'string' ? parseSourceInstant(value.value.trim()) : undefined;
    return instant ?? this.fail(value, 'a time with an offset, such as 2024-03-04T10:15:30Z or 2024-03-04T11:15:30.123+01:00');
  }

  /** `summary` or `name` of a reference object (`agent`, `user`), when it has one. */
  nameOf(at: At<JsonObject>, key: string, nameKey = 'summary'): string | undefined {
    const reference = this.optionalObject(at, key);
    return reference ? this.string(reference, nameKey) : undefined;
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function absent(value: unknown): boolean {
  return value === undefined || value === null;
}

/** RFC 6901: `~` and `/` in a key are escaped. */
export function child(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** What was found, for "Unexpected …": the type, and a short quote of a scalar. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return '`null`';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} \`${String(value)}\``;
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'an empty object';
    const shown = keys.slice(0, 4).map((key) => quote(key)).join(', ');
    return `an object with ${shown}${keys.length > 4 ? ` and ${keys.length - 4} more keys` : ''}`;
  }
  return typeof value;
}
