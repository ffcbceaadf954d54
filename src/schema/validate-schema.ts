import type { ErrorObject } from 'ajv';
import type { Document } from 'yaml';
import type { FileDiagnostics } from '../diagnostics/file-diagnostics.js';
import { closestMatch, quoteList } from '../diagnostics/suggest.js';
import { type DataPath, keyRange, parentRange, valueRange } from '../source/locate.js';

/** An Ajv validation function, as compiled ahead of time into `validators.generated.ts`. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * Validates data against one of our JSON Schemas with Ajv and turns each Ajv
 * error into a positioned diagnostic with a rule id and a hint.
 */
export class SchemaValidator {
  constructor(
    private readonly validate: CompiledValidator,
    private readonly subject: string,
  ) {}

  check(data: unknown, document: Document.Parsed | null, diagnostics: FileDiagnostics): boolean {
    if (this.validate(data)) return true;
    const errors = this.validate.errors ?? [];
    const typeErrorPaths = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
    const misspelt = misspeltRequiredKeys(errors);
    for (const error of errors) {
      if (error.keyword !== 'type' && typeErrorPaths.has(error.instancePath)) continue;
      if (error.keyword === 'required' && misspelt.has(`${error.instancePath}/${missingProperty(error)}`)) continue;
      reportError(error, document, diagnostics, this.subject);
    }
    return false;
  }
}

/**
 * A missing key that an unknown key beside it is a likely misspelling of
 * (`titel` for `title`) is reported once, as the unknown key with its
 * suggestion, not twice.
 */
function misspeltRequiredKeys(errors: readonly ErrorObject[]): Set<string> {
  const misspelt = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const known = Object.keys(((error.parentSchema as Record<string, unknown>)?.properties ?? {}) as Record<string, unknown>);
    const suggestion = closestMatch(String((error.params as { additionalProperty: string }).additionalProperty), known);
    if (suggestion) misspelt.add(`${error.instancePath}/${suggestion}`);
  }
  return misspelt;
}

function missingProperty(error: ErrorObject): string {
  return String((error.params as { missingProperty?: string }).missingProperty);
}

function reportError(error: ErrorObject, document: Document.Parsed | null, diagnostics: FileDiagnostics, subject: string) {
  const path = pointerToPath(error.instancePath);
  const where = describePath(path, subject);
  const parentSchema = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const conditional = error.schemaPath.includes('/then/');
      diagnostics.add(parentRange(document, path), {
        rule: conditional ? 'final-requires' : 'required-key',
        message: conditional
          ? `Missing \`${missing}\` in ${where}, required when \`status: final\``
          : `Missing required key \`${missing}\` in ${where}`,
        hint: conditional
          ? `Add \`${missing}:\` before marking the postmortem final, or set \`status: review\`.`
          : `Add \`${missing}:\` to ${where}.`,
      });
      return;
    }
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((parentSchema.properties ?? {}) as Record<string, unknown>);
      const suggestion = closestMatch(key, known);
      diagnostics.add(keyRange(document, [...path, key]), {
        rule: 'unknown-key',
        message: `Unknown key \`${key}\` in ${where}`,
        hint: suggestion
          ? `Did you mean \`${suggestion}\`?`
          : `Expected one of ${quoteList(known)}; keep custom data under a key starting with \`x-\`.`,
      });
      return;
    }
    case 'type': {
      const expected = String((error.params as { type: string }).type);
      const actual = describeValue(error.data);
      diagnostics.add(valueRange(document, path), {
        rule: 'wrong-type',
        message: `Unexpected ${actual} for ${where}, expected ${article(expected)}`,
        hint: typeHint(expected, error.data),
      });
      return;
    }
    case 'enum': {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const suggestion = closestMatch(String(error.data), allowed);
      diagnostics.add(valueRange(document, path), {
        rule: 'invalid-value',
        message: `Unexpected \`${String(error.data)}\` for ${where}, expected one of ${quoteList(allowed)}`,
        hint: suggestion ? `Did you mean \`${suggestion}\`?` : `Use one of ${quoteList(allowed)}.`,
      });
      return;
    }
    case 'pattern': {
      const explanation = typeof parentSchema.patternErrorMessage === 'string' ? parentSchema.patternErrorMessage : '';
      diagnostics.add(valueRange(document, path), {
        rule: 'invalid-format',
        message: `Unexpected \`${String(error.data)}\` for ${where}`,
        hint: explanation || `Must match ${(error.params as { pattern: string }).pattern}.`,
      });
      return;
    }
    case 'minLength':
      diagnostics.add(valueRange(document, path), {
        rule: 'invalid-value',
        message: `Unexpected empty text for ${where}`,
        hint: `Write ${where} out, or remove the key if it is optional.`,
      });
      return;
    case 'minItems':
      diagnostics.add(valueRange(document, path), {
        rule: 'empty-list',
        message: `Unexpected empty list for ${where}, expected at least ${(error.params as { limit: number }).limit} item`,
        hint: path[0] === 'timeline' ? 'Add at least the `impact-start` event.' : `Add an item to ${where}.`,
      });
      return;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { comparison, limit } = error.params as { comparison: string; limit: number };
      diagnostics.add(valueRange(document, path), {
        rule: 'out-of-range',
        message: `Unexpected ${String(error.data)} for ${where}, expected a number ${comparison} ${limit}`,
        hint: rangeHint(parentSchema),
      });
      return;
    }
    case 'if':
      return; // the failing `then` branch is reported by its own error
    default:
      diagnostics.add(valueRange(document, path), {
        rule: 'invalid-value',
        message: `Unexpected value for ${where}: ${error.message ?? 'invalid'}`,
        hint: 'Check the value against the incident format in the README.',
      });
  }
}

function pointerToPath(pointer: string): DataPath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((step) => step.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((step) => (/^\d+$/.test(step) ? Number(step) : step));
}

/** `timeline[2].at`, or the subject for the top level. */
export function describePath(path: DataPath, subject: string): string {
  if (path.length === 0) return subject;
  let text = '';
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : text ? `.${step}` : step;
  return `\`${text}\``;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty value';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'string') return `text \`${value}\``;
  return `${typeof value} \`${String(value)}\``;
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    array: 'a list',
    object: 'a mapping',
    boolean: 'true or false',
  };
  return names[type] ?? type;
}

function typeHint(expected: string, actual: unknown): string {
  if (actual === null) return 'Write a value after the colon, or remove the key if it is optional.';
  if (expected === 'string' && (typeof actual === 'number' || typeof actual === 'boolean'))
    return `Quote it to make it text: "${String(actual)}".`;
  if (expected === 'array') return 'Write a list: one `- item` per line, or `[a, b]`.';
  if (expected === 'object') return 'Write a mapping of `key: value` lines, indented under the key.';
  if (expected === 'integer' || expected === 'number') return 'Write a plain number without quotes or units.';
  return `Write ${article(expected)}.`;
}

function rangeHint(schema: Record<string, unknown>): string {
  return typeof schema.description === 'string' ? schema.description : 'Use a number within the allowed range.';
}
