import type { Position } from '../diagnostics/diagnostic.js';
import { firstJsonError } from './json-syntax.js';

/** The name this tool is installed by. */
export const PACKAGE_NAME = 'incident-postmortem';

/**
 * What to do with a project's package.json so that CI installs this tool the
 * recommended way, as a dev dependency pinned by the lock file:
 * - `present`: it depends on the tool already (any version range); left alone.
 * - `create`: there is none; a minimal private one is written.
 * - `add`: the tool goes into its devDependencies; the text is the whole new file.
 * - `invalid`: it cannot be edited safely; left alone and reported.
 */
export type DevDependencyPlan =
  | { kind: 'present' }
  | { kind: 'create'; text: string; range: string }
  | { kind: 'add'; text: string; range: string }
  | { kind: 'invalid'; position: Position; message: string; hint: string };

type JsonObject = Record<string, unknown>;

/**
 * Plans the change to package.json, given its text (`null` when there is
 * none). An edited file is written as npm itself writes package.json: the
 * same keys in the same order, the file's own indentation, line endings
 * and final line break, and devDependencies kept in alphabetical order if
 * they were.
 */
export function planDevDependency(text: string | null, version: string): DevDependencyPlan {
  const range = `^${version}`;
  if (text === null) {
    const created = { private: true, devDependencies: { [PACKAGE_NAME]: range } };
    return { kind: 'create', text: `${JSON.stringify(created, null, 2)}\n`, range };
  }
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    // JSON.parse decides; the scanner only says where (it agrees on every input the tests try).
    const found = firstJsonError(body) ?? { offset: 0, message: (error as Error).message };
    return invalid(body, found.offset, `${found.message}: package.json is not valid JSON`, range);
  }
  if (!isObject(data)) return invalid(body, 0, `Unexpected ${kindOf(data)} at the top of package.json, expected an object`, range);
  for (const key of ['dependencies', 'devDependencies'] as const) {
    const value = data[key];
    if (value !== undefined && !isObject(value)) return invalid(body, keyOffset(body, key), `Unexpected ${kindOf(value)} as \`${key}\`, expected an object of package names and version ranges`, range);
  }
  const dependencies = data.dependencies as JsonObject | undefined;
  const devDependencies = data.devDependencies as JsonObject | undefined;
  if ((dependencies && PACKAGE_NAME in dependencies) || (devDependencies && PACKAGE_NAME in devDependencies)) return { kind: 'present' };

  const newline = body.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^\{[ \t]*\r?\n([ \t]+)"/.exec(body.trimStart())?.[1] ?? (body.includes('\n') ? '  ' : '');
  const edited = withKey(data, 'devDependencies', withDependency(devDependencies ?? {}, range), 'dependencies');
  const json = JSON.stringify(edited, null, indent).replace(/\n/g, newline);
  return { kind: 'add', text: `${bom}${json}${/\r?\n$/.test(body) ? newline : ''}`, range };
}

/** The dependencies with this tool added: in order if they were sorted (as npm keeps them), else last. */
function withDependency(dependencies: JsonObject, range: string): JsonObject {
  const names = Object.keys(dependencies);
  const sorted = names.every((name, index) => index === 0 || names[index - 1]!.localeCompare(name, 'en') <= 0);
  const entries = [...Object.entries(dependencies), [PACKAGE_NAME, range] as const];
  if (sorted) entries.sort(([a], [b]) => a.localeCompare(b, 'en'));
  return Object.fromEntries(entries);
}

/** `object` with `key` set: in its place if present, else right after `after` if that is present, else last. */
function withKey(object: JsonObject, key: string, value: unknown, after: string): JsonObject {
  if (key in object || !(after in object)) return { ...object, [key]: value };
  const result: JsonObject = {};
  for (const [name, existing] of Object.entries(object)) {
    result[name] = existing;
    if (name === after) result[key] = value;
  }
  return result;
}

/** `array`, `string`, `null`…: what a JSON value is, for a message. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where `"key"` is written as a key at the top level, roughly: its first occurrence followed by a colon; else the start. */
function keyOffset(text: string, key: string): number {
  const match = new RegExp(`"${key}"\\s*:`).exec(text);
  return match?.index ?? 0;
}

function invalid(text: string, offset: number, message: string, range: string): DevDependencyPlan {
  return {
    kind: 'invalid',
    position: positionAt(text, offset),
    message: `${message}; it was left alone`,
    hint: `Fix it and run \`postmortem init --ci …\` again, or add "${PACKAGE_NAME}": "${range}" to its devDependencies yourself; CI installs the tool from there.`,
  };
}

/** Line and column (from 1) of an offset, for a message at `file:line:col`. */
function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, endLine: line, endColumn: column + 1 };
}
