import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { quote } from '../../diagnostics/quote.js';
import type { ImportedIncident, ImportResult } from '../imported-incident.js';
import { parseSourceInstant } from '../source-instant.js';

/**
 * STAND-IN, to be replaced by the import core's `src/import/shape-reader.ts`
 * and `json-document.ts` (branch import-core) once they are on main: the
 * same `ShapeReader` / `JsonValue` surface, so the platform sources switch by
 * changing their imports. What this one lacks is the line and column: every
 * problem is placed at the file's start, with its JSON pointer in the
 * message.
 */

/** One JSON document to import (the core's `JsonDocument`). */
export interface JsonDocument {
  display: string;
  text: string;
  value: unknown;
}

const MAX_PROBLEMS = 20;

interface Problem {
  pointer: string;
  message: string;
  severity: 'error' | 'warning';
}

export class ShapeReader {
  private readonly problems = new Map<string, Problem>();

  constructor(
    readonly document: JsonDocument,
    private readonly hint: string,
  ) {}

  get root(): JsonValue {
    return new JsonValue(this, this.document.value, '', true);
  }

  get failed(): boolean {
    return [...this.problems.values()].some((problem) => problem.severity === 'error');
  }

  expected(value: JsonValue, what: string): undefined {
    const message = value.exists
      ? `Unexpected ${describe(value.value)} at ${pointerText(value.pointer)}, expected ${what}`
      : `Missing ${quote(lastPart(value.pointer))} at ${pointerText(value.pointer.slice(0, value.pointer.lastIndexOf('/')))}, expected ${what}`;
    this.record({ pointer: value.pointer, message, severity: 'error' });
    return undefined;
  }

  error(value: JsonValue, message: string): undefined {
    this.record({ pointer: value.pointer, message, severity: 'error' });
    return undefined;
  }

  warn(value: JsonValue, message: string): void {
    this.record({ pointer: value.pointer, message, severity: 'warning' });
  }

  diagnostics(): Diagnostic[] {
    const list: Diagnostic[] = [...this.problems.values()].map((problem) => ({
      file: this.document.display,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      severity: problem.severity,
      rule: 'import-shape',
      message: problem.message,
    }));
    const first = list.find((diagnostic) => diagnostic.severity === 'error');
    if (first) first.hint = this.hint;
    return list;
  }

  result(incident: ImportedIncident | undefined): ImportResult {
    if (incident === undefined || this.failed) return { ok: false, diagnostics: this.diagnostics() };
    return { ok: true, incident, warnings: this.diagnostics() };
  }

  private record(problem: Problem): void {
    if (this.problems.has(problem.pointer) || this.problems.size >= MAX_PROBLEMS) return;
    this.problems.set(problem.pointer, problem);
  }
}

export class JsonValue {
  constructor(
    private readonly reader: ShapeReader,
    readonly value: unknown,
    readonly pointer: string,
    readonly exists: boolean,
    private readonly cause?: JsonValue,
  ) {}

  get isNullish(): boolean {
    return this.value === undefined || this.value === null;
  }

  key(name: string): JsonValue {
    const pointer = `${this.pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!isObject(this.value)) return new JsonValue(this.reader, undefined, pointer, false, this.cause ?? this);
    const exists = Object.hasOwn(this.value, name);
    return new JsonValue(this.reader, exists ? this.value[name] : undefined, pointer, exists);
  }

  object(): JsonValue | undefined {
    return isObject(this.value) ? this : this.fail('an object');
  }

  has(name: string): boolean {
    return isObject(this.value) && Object.hasOwn(this.value, name);
  }

  array(): JsonValue[] | undefined {
    if (!Array.isArray(this.value)) return this.fail('an array');
    return this.value.map((item: unknown, index) => new JsonValue(this.reader, item, `${this.pointer}/${index}`, true));
  }

  optionalArray(): JsonValue[] {
    return this.isNullish ? [] : (this.array() ?? []);
  }

  string(): string | undefined {
    return typeof this.value === 'string' ? this.value : this.fail('a string');
  }

  optionalString(): string | undefined {
    return this.isNullish ? undefined : this.string();
  }

  timestamp(): number | undefined {
    const instant = typeof this.value === 'string' ? parseSourceInstant(this.value) : undefined;
    return instant ?? this.fail('an RFC 3339 time such as `2024-09-16T21:31:02.719Z` or `2022-02-15T13:14:17.744-08:00`');
  }

  optionalTimestamp(): number | undefined {
    return this.isNullish ? undefined : this.timestamp();
  }

  private fail(what: string): undefined {
    return this.cause ? this.reader.expected(this.cause, 'an object') : this.reader.expected(this, what);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `string ${quote(JSON.stringify(value))}`;
  return `${typeof value} ${quote(String(value))}`;
}

function pointerText(pointer: string): string {
  return pointer === '' ? 'the top level' : quote(pointer);
}

function lastPart(pointer: string): string {
  return pointer.slice(pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
}
