import { type Diagnostic, compareDiagnostics } from '../diagnostics/diagnostic.js';
import { FileDiagnostics } from '../diagnostics/file-diagnostics.js';
import { quote } from '../diagnostics/quote.js';
import { quoteList } from '../diagnostics/suggest.js';
import type { ImportResult, ImportedIncident } from './imported-incident.js';
import type { JsonDocument } from './json-document.js';
import { lineCounterOf } from '../source/line-counter.js';
import { childPointer, pointerLocator } from './json-position.js';
import { parseRfc3339 } from '../time/rfc3339.js';

/** Enough to see what is wrong; a document of another shape altogether would give one per field. */
const MAX_PROBLEMS = 20;

interface Problem {
  pointer: string;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * Reads a source's fields out of a parsed JSON document, checking each one's
 * type as it is taken. What is not the source's shape is recorded, with the
 * JSON pointer of the value and what was expected, and the reading goes on
 * (the taker gets `undefined`), so one run names every problem. Only when
 * there are problems is the text parsed again for their lines and columns.
 */
export class ShapeReader {
  private readonly problems = new Map<string, Problem>();

  /** `hint` says what the document should be, for every problem: "Give the JSON of `GET /api/v2/incidents.json`…". */
  constructor(
    readonly document: JsonDocument,
    private readonly hint: string,
  ) {}

  get root(): JsonValue {
    return new JsonValue(this, this.document.value, '', true);
  }

  /** Whether an error was recorded. */
  get failed(): boolean {
    return [...this.problems.values()].some((problem) => problem.severity === 'error');
  }

  /** Records that the value is not what was expected; the first problem at a pointer is kept. Always `undefined`, for `return reader.expected(…)`. */
  expected(value: JsonValue, what: string): undefined {
    const message = value.exists
      ? `Unexpected ${describe(value.value)} at ${pointerText(value.pointer)}, expected ${what}`
      : `Missing ${quote(lastPart(value.pointer))} at ${pointerText(parentPointer(value.pointer))}, expected ${what}`;
    this.record({ pointer: value.pointer, message, severity: 'error' });
    return undefined;
  }

  /** A problem of the data itself (no incident to take, say), at a value. */
  error(value: JsonValue, message: string): undefined {
    this.record({ pointer: value.pointer, message, severity: 'error' });
    return undefined;
  }

  /** Something left out or changed on the way, which the import goes on without. */
  warn(value: JsonValue, message: string): void {
    this.record({ pointer: value.pointer, message, severity: 'warning' });
  }

  /** The problems, positioned in the document's text. */
  diagnostics(): Diagnostic[] {
    if (this.problems.size === 0) return [];
    const positions = new FileDiagnostics(this.document.display, lineCounterOf(this.document.text));
    const locate = pointerLocator(this.document.text);
    for (const problem of this.problems.values()) {
      positions.add(locate(problem.pointer), { rule: 'import-shape', severity: problem.severity, message: problem.message });
    }
    const list = positions.list.sort(compareDiagnostics);
    // What the document should be is said once, at the first error.
    const first = list.find((diagnostic) => diagnostic.severity === 'error');
    if (first) first.hint = this.hint;
    return list;
  }

  /** The result: the incident with the warnings, or every problem when there is an error. */
  result(incident: ImportedIncident | undefined): ImportResult {
    if (incident === undefined || this.failed) return { ok: false, diagnostics: this.diagnostics() };
    return { ok: true, incident, warnings: this.diagnostics() };
  }

  private record(problem: Problem): void {
    if (this.problems.has(problem.pointer) || this.problems.size >= MAX_PROBLEMS) return;
    this.problems.set(problem.pointer, problem);
  }
}

/** A value found (or not) at a pointer of the document, with takers that check its type. */
export class JsonValue {
  constructor(
    private readonly reader: ShapeReader,
    readonly value: unknown,
    readonly pointer: string,
    /** Whether the key or item is there at all (`null` is there). */
    readonly exists: boolean,
    /** The missing or mistyped object above, whose problem explains why this value is not there. */
    private readonly cause?: JsonValue,
  ) {}

  /** Absent, or `null`: what APIs write for "not set". */
  get isNullish(): boolean {
    return this.value === undefined || this.value === null;
  }

  /** The value of a key; asked of something that is not an object, that is the problem recorded. */
  key(name: string): JsonValue {
    const object = this.objectValue();
    const pointer = childPointer(this.pointer, name);
    if (object === undefined) return new JsonValue(this.reader, undefined, pointer, false, this.cause ?? this);
    const exists = Object.hasOwn(object, name);
    return new JsonValue(this.reader, exists ? object[name] : undefined, pointer, exists);
  }

  /** This value, when it is an object. */
  object(): JsonValue | undefined {
    return isObject(this.value) ? this : this.fail('an object');
  }

  /** Whether the value is an object with this key. */
  has(name: string): boolean {
    return isObject(this.value) && Object.hasOwn(this.value, name);
  }

  /** The items of a required array. */
  array(): JsonValue[] | undefined {
    if (!Array.isArray(this.value)) return this.fail('an array');
    return this.value.map((item: unknown, index) => new JsonValue(this.reader, item, childPointer(this.pointer, index), true));
  }

  /** The items of an array that may be absent or `null` (then none). */
  optionalArray(): JsonValue[] {
    return this.isNullish ? [] : (this.array() ?? []);
  }

  string(): string | undefined {
    return typeof this.value === 'string' ? this.value : this.fail('a string');
  }

  optionalString(): string | undefined {
    return this.isNullish ? undefined : this.string();
  }

  /** One of the listed strings. */
  oneOf<T extends string>(choices: readonly T[]): T | undefined {
    const found = choices.find((choice) => choice === this.value);
    return found ?? this.fail(`one of ${quoteList(choices)}`);
  }

  /** An RFC 3339 time, as milliseconds since the epoch. */
  timestamp(): number | undefined {
    const instant = typeof this.value === 'string' ? parseRfc3339(this.value) : undefined;
    return instant ?? this.fail('an RFC 3339 time such as `2024-09-16T21:31:02.719Z` or `2022-02-15T13:14:17.744-08:00`');
  }

  optionalTimestamp(): number | undefined {
    return this.isNullish ? undefined : this.timestamp();
  }

  /** Records what was expected here; a value under a missing or mistyped object is that object's problem. */
  private fail(what: string): undefined {
    return this.cause ? this.reader.expected(this.cause, 'an object') : this.reader.expected(this, what);
  }

  private objectValue(): Record<string, unknown> | undefined {
    if (isObject(this.value)) return this.value;
    // Reported when a value under it is taken (see `fail`), so an optional child of a missing object is no problem.
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value is named in a message: its kind, with a short excerpt of a string or number. */
function describe(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'string') return `string ${quote(JSON.stringify(value))}`;
  return `${typeof value} ${quote(String(value))}`;
}

function pointerText(pointer: string): string {
  return pointer === '' ? 'the top level' : quote(pointer);
}

function parentPointer(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

function lastPart(pointer: string): string {
  return pointer.slice(pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
}
