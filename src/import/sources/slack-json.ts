import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { FileDiagnostics, type Report } from '../../diagnostics/file-diagnostics.js';
import { firstJsonError } from '../../authoring/json-syntax.js';
import { type DataPath, valueRange } from '../../source/locate.js';

/**
 * Positions in JSON input, worked out only when something is wrong: the
 * input is read with `JSON.parse`, and only a file with a problem is parsed
 * again, with `yaml` (JSON is YAML 1.2) and a LineCounter, to find the line
 * and column of a JSON pointer.
 *
 * A stand-in until the import core's JSON reading (src/import/json-document.ts,
 * json-position.ts) is on main; then this file goes and the Slack reader
 * uses those.
 */

/** A JSON pointer (RFC 6901) for a path: `/3/ts`; the whole document is the empty pointer, shown as `/`. */
export function jsonPointer(path: DataPath): string {
  if (path.length === 0) return '/';
  return path.map((step) => `/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** A problem at `path` of the JSON `text` of `file`, with its line and column. */
export function jsonValueProblem(file: string, text: string, path: DataPath, report: Report): Diagnostic {
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false, prettyErrors: false });
  const diagnostics = new FileDiagnostics(file, lineCounter);
  diagnostics.add(valueRange(document, path), report);
  return diagnostics.list[0]!;
}

/** `Unexpected a string at /3/ts, expected …`, at that value's line and column. */
export function jsonShapeProblem(file: string, text: string, path: DataPath, value: unknown, expected: string): Diagnostic {
  const found = value === undefined ? `Missing ${jsonPointer(path)}` : `Unexpected ${jsonKind(value)} at ${jsonPointer(path)}`;
  return jsonValueProblem(file, text, path, { rule: 'import-shape', message: `${found}, expected ${expected}` });
}

/** Where `text` (which `JSON.parse` refused, saying `parseError`) stops being JSON. */
export function jsonSyntaxProblem(file: string, text: string, parseError: unknown, report: Omit<Report, 'message'>): Diagnostic {
  const found = firstJsonError(text) ?? { offset: 0, message: parseError instanceof Error ? parseError.message : String(parseError) };
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
  const diagnostics = new FileDiagnostics(file, lineCounter);
  diagnostics.add([found.offset, found.offset + 1], { ...report, message: `${found.message}: not valid JSON` });
  return diagnostics.list[0]!;
}

export type JsonRead = { ok: true; data: unknown } | { ok: false; diagnostic: Diagnostic };

/** JSON text as data, or where it is not JSON. A byte order mark is allowed, as editors write one. */
export function readJson(file: string, text: string, report: Omit<Report, 'message'>): JsonRead {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, data: JSON.parse(body) };
  } catch (error) {
    return { ok: false, diagnostic: jsonSyntaxProblem(file, body, error, report) };
  }
}

/** What a JSON value is, for messages: `object`, `string`, `null`. */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}
