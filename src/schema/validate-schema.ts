import type { ErrorObject } from 'ajv';
import { type Document, isScalar } from 'yaml';
import type { FileDiagnostics } from '../diagnostics/file-diagnostics.js';
import { closestMatch, quoteList } from '../diagnostics/suggest.js';
import { quote } from '../diagnostics/quote.js';
import { type DataPath, keyRange, locate, parentRange, valueRange } from '../source/locate.js';
import { DATE_PATTERN, ID_PATTERN, TIMESTAMP_PATTERN, URL_PATTERN } from './vocabulary.js';

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
    const errors = branchOfValueType(this.validate.errors ?? []);
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
 * A value that may take one of several shapes (`anyOf`: a check's level as
 * text, or its settings as a mapping) is judged by the shape of its own type:
 * the errors of that branch only, without the other branches' type errors
 * and Ajv's summary; when no branch has its type, one type error naming them all.
 */
function branchOfValueType(errors: readonly ErrorObject[]): ErrorObject[] {
  let kept = errors.filter((error) => error.keyword !== 'anyOf');
  for (const anyOf of errors.filter((error) => error.keyword === 'anyOf')) {
    const prefix = `${anyOf.schemaPath}/`;
    const branch = (error: ErrorObject) => error.schemaPath.slice(prefix.length).split('/')[0];
    const inside = kept.filter((error) => error.schemaPath.startsWith(prefix));
    const typeErrors = inside.filter((error) => error.keyword === 'type' && error.instancePath === anyOf.instancePath);
    const mistyped = new Set(typeErrors.map(branch));
    const fitting = inside.filter((error) => !mistyped.has(branch(error)));
    kept = kept.filter((error) => !error.schemaPath.startsWith(prefix));
    if (fitting.length > 0) kept.push(...fitting);
    else {
      const types = typeErrors.map((error) => String((error.params as { type: string }).type));
      kept.push({ ...anyOf, keyword: 'type', params: { type: types.join(' or ') } });
    }
  }
  return kept;
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
      // A key required by `status: final` is pointed at through the status that requires it.
      diagnostics.add(conditional ? valueRange(document, [...path, 'status']) : parentRange(document, path), {
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
        message: key === '' ? `Unknown empty key in ${where}` : `Unknown key ${quote(key)} in ${where}`,
        hint: suggestion
          ? `Did you mean \`${suggestion}\`?`
          : known.length > 0
            ? `Expected one of ${quoteList(known)}; keep custom data under a key starting with \`x-\`.`
            : keyPatternHint(parentSchema),
      });
      return;
    }
    case 'type': {
      const expected = String((error.params as { type: string }).type);
      // A number or boolean as written: `0x10` was read as 16, and quoting "16" would change the text.
      const written = typeof error.data === 'string' ? undefined : writtenValue(document, path);
      diagnostics.add(valueRange(document, path), {
        rule: 'wrong-type',
        message: `Unexpected ${describeValue(error.data, written)} for ${where}, expected ${expected.split(' or ').map(article).join(' or ')}`,
        hint: typeHint(expected, error.data, written),
      });
      return;
    }
    case 'enum': {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const suggestion = closestMatch(String(error.data), allowed);
      diagnostics.add(valueRange(document, path), {
        rule: 'invalid-value',
        message: `Unexpected ${quote(String(error.data))} for ${where}, expected one of ${quoteList(allowed)}`,
        hint: suggestion ? `Did you mean \`${suggestion}\`?` : `Use one of ${quoteList(allowed)}.`,
      });
      return;
    }
    case 'pattern': {
      const explanation = typeof parentSchema.patternErrorMessage === 'string' ? parentSchema.patternErrorMessage : '';
      // "Must be a date like 2022-11-30." → "expected a date like 2022-11-30"
      const expected = /^Must be ([^;]*?)\.?(;|$)/.exec(explanation)?.[1];
      const pattern = (error.params as { pattern: string }).pattern;
      diagnostics.add(valueRange(document, path), {
        rule: 'invalid-format',
        message: `Unexpected ${quote(String(error.data))} for ${where}${expected ? `, expected ${expected}` : ''}`,
        hint: formatHint(pattern, String(error.data)) ?? (explanation || `Must match ${pattern}.`),
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
        // As written: a number too large to hold exactly is read as another one.
        message: `Unexpected ${writtenValue(document, path) ?? String(error.data)} for ${where}, expected a number ${comparison} ${limit}`,
        hint: rangeHint(parentSchema, error.data),
      });
      return;
    }
    case 'if':
      return; // the failing `then` branch is reported by its own error
    default:
      diagnostics.add(valueRange(document, path), {
        rule: 'invalid-value',
        message: `Unexpected value for ${where}: ${error.message ?? 'invalid'}`,
        hint: 'Check the value against the incident format (docs/FORMAT.md, linked from the README).',
      });
  }
}

/** A scalar as its source writes it: `0x10` where 16 was read, `9007199254740993` where …992 was. */
function writtenValue(document: Document.Parsed | null, path: DataPath): string | undefined {
  const node = document ? locate(document, path).value : undefined;
  return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
}

/** For a mapping whose keys follow a pattern (trackers' prefixes, figure names): the pattern, and an example key. */
function keyPatternHint(schema: Record<string, unknown>): string {
  const patterns = Object.keys((schema.patternProperties ?? {}) as Record<string, unknown>);
  const example = Array.isArray(schema.examples) ? Object.keys((schema.examples[0] ?? {}) as Record<string, unknown>)[0] : undefined;
  const like = example === undefined ? '' : `, like \`${example}\``;
  return patterns.length ? `Write a key that matches ${patterns.map((pattern) => `\`${pattern}\``).join(' or ')}${like}.` : 'Remove the key.';
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
  // Steps can be keys of the file (a role's name).
  return quote(text);
}

function describeValue(value: unknown, written?: string): string {
  if (value === null) return 'empty value';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'string') return `text ${quote(value)}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN (not a number)' : 'infinite number';
  return `${typeof value} ${quote(written ?? String(value))}`;
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

function typeHint(expected: string, actual: unknown, written?: string): string {
  if (actual === null) return 'Write a value after the colon, or remove the key if it is optional.';
  if (expected === 'string' && (typeof actual === 'number' || typeof actual === 'boolean'))
    return `Quote it to make it text: "${written ?? String(actual)}".`;
  if (expected === 'array') return 'Write a list: one `- item` per line, or `[a, b]`.';
  if (expected === 'object') return 'Write a mapping of `key: value` lines, indented under the key.';
  if (typeof actual === 'number' && !Number.isFinite(actual)) return 'Write the number out: `.nan`, `.inf` and numbers too large to hold (like 1e400) cannot be shown or added up.';
  if (expected === 'integer' || expected === 'number') return 'Write a plain number without quotes or units.';
  return `Write ${expected.split(' or ').map(article).join(' or ')}.`;
}

/** "Percent of requests that were bad. Use a number that is at least 0 and at most 100, like 100." */
function rangeHint(schema: Record<string, unknown>, value: unknown): string {
  const bound = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const [min, above, below] = ['minimum', 'exclusiveMinimum', 'exclusiveMaximum'].map(bound);
  // The largest whole number held exactly is a limit of the machine, worth naming only to a value past it.
  const max = bound('maximum') === Number.MAX_SAFE_INTEGER && typeof value === 'number' && value <= Number.MAX_SAFE_INTEGER ? undefined : bound('maximum');
  const limits = [
    min !== undefined ? `at least ${min}` : above !== undefined ? `above ${above}` : '',
    max !== undefined ? `at most ${max}` : below !== undefined ? `below ${below}` : '',
  ].filter(Boolean);
  const example = Array.isArray(schema.examples) && typeof schema.examples[0] === 'number' ? `, like ${schema.examples[0]}` : '';
  const kind = schema.type === 'integer' ? 'a whole number' : 'a number';
  const use = limits.length ? `Use ${kind} that is ${limits.join(' and ')}${example}.` : 'Use a number within the allowed range.';
  return typeof schema.description === 'string' ? `${schema.description} ${use}` : use;
}

/** How to fix a value of the wrong shape, for the formats of FORMAT.md. */
function formatHint(pattern: string, value: string): string | undefined {
  switch (pattern) {
    case ID_PATTERN: {
      const id = value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
      return new RegExp(ID_PATTERN).test(id) && id !== value
        ? `Did you mean \`${id}\`? An id is lowercase letters, digits and dashes.`
        : 'Use lowercase letters, digits and dashes, at most 80 characters, like `2022-10-25-messaging-outage`.';
    }
    case TIMESTAMP_PATTERN:
      return 'Write the date first and a 24-hour time; without `Z` or an offset like +01:00 the time is read in `timezone`, a leading ~ marks it approximate, and a date alone (2022-10-25) means some time that day.';
    case DATE_PATTERN:
      return 'Write the date as YYYY-MM-DD, like 2022-11-30.';
    case URL_PATTERN:
      if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(?:[:/?#]\S*)?$/i.test(value)) return `Did you mean \`https://${value}\`?`;
      return 'Write the full address, starting with https:// or http://.';
    case '^[^\\n\\r]*$':
      return 'Keep the title on one line and put the details in `summary`.';
    default:
      return undefined;
  }
}
