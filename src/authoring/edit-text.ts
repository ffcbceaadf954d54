import {
  Composer,
  type Document,
  type Node,
  type Pair,
  type ParsedNode,
  type YAMLMap,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
} from 'yaml';
import { firstLoneCarriageReturn } from '../source/line-endings.js';
import { MAX_NESTING_DEPTH, parseSyntaxTree } from '../source/nesting-limit.js';
import { PARSE_OPTIONS } from '../source/parse-yaml.js';

/**
 * Helpers for editing an incident file as text: the file is parsed only to
 * find where things are (node ranges), and every change is a splice of new
 * lines into the original text, so comments, quoting, blank lines and line
 * endings elsewhere stay byte-for-byte as they were.
 */

/** A change that could not be made, with what to do about it. */
export interface EditProblem {
  ok: false;
  message: string;
  hint: string;
  /** The problem is with what was asked (a bad time), not with the file. */
  input?: boolean;
}

export type ParsedForEdit = { ok: true; document: Document.Parsed; map: YAMLMap<unknown, unknown> } | EditProblem;

/**
 * Parsed as the checker parses (YAML 1.2 core whatever the file says),
 * keeping the CST for dash positions. An edit reads the same text more than
 * once (its zone, then where the event goes), so the last text's parse is
 * kept: callers only read it, and a 1 MiB file takes tens of milliseconds.
 */
export function parseForEdit(text: string): ParsedForEdit {
  if (last?.text !== text) last = { text, parsed: parseText(text) };
  return last.parsed;
}

let last: { text: string; parsed: ParsedForEdit } | undefined;

/** The checker's options (parse-yaml.ts), keeping each node's source tokens. */
const EDIT_OPTIONS = { ...PARSE_OPTIONS, keepSourceTokens: true };

function parseText(text: string): ParsedForEdit {
  // As `validate` refuses them (line-endings.ts), and before `yaml` reads the file as one comment line.
  if (firstLoneCarriageReturn(text)) {
    return {
      ok: false,
      message: 'The file has a line that ends with a carriage return (CR) alone, so there is no telling where the change would go',
      hint: 'Save the file with LF or CRLF line endings first.',
    };
  }
  // Read first with a depth limit: `yaml` would recurse once per level (see nesting-limit.ts).
  const tree = parseSyntaxTree(text);
  if (!tree.ok) {
    return {
      ok: false,
      message: `The file nests lists or mappings more than ${MAX_NESTING_DEPTH} levels deep, so there is no telling where the change would go`,
      hint: 'Run `postmortem validate` on it and fix what it reports first.',
    };
  }
  // What `parseDocument` does, from the syntax tree already read: a second document is an error.
  const documents = new Composer(EDIT_OPTIONS).compose(tree.tokens, true, text.length);
  const document = documents.next().value as Document.Parsed | undefined;
  if (!document || document.errors.length > 0 || !documents.next().done) {
    return {
      ok: false,
      message: 'The file is not valid YAML, so there is no telling where the change would go',
      hint: 'Run `postmortem validate` on it and fix the YAML first.',
    };
  }
  if (!isMap(document.contents) || document.contents.flow) {
    return {
      ok: false,
      message: 'The file is not a block mapping of incident fields',
      hint: 'An incident file is a mapping written one key per line: `id: ...`, `title: ...`, `timeline: ...`.',
    };
  }
  return { ok: true, document, map: document.contents as YAMLMap<unknown, unknown> };
}

/** The top-level entry `key`, if the file has one. */
export function topLevelPair(map: YAMLMap<unknown, unknown>, key: string): Pair<unknown, unknown> | undefined {
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

/** A top-level string value, such as `timezone`. */
export function topLevelString(text: string, key: string): string | undefined {
  const parsed = parseForEdit(text);
  return parsed.ok ? stringAt(parsed.map, key) : undefined;
}

/** The string value of a top-level key of a parsed file; `undefined` when it is absent or not a string. */
export function stringAt(map: YAMLMap<unknown, unknown>, key: string): string | undefined {
  const value = topLevelPair(map, key)?.value;
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

/**
 * The zone times without an offset are read in: the file's `timezone` when it
 * is a string (known or not: an unknown one is reported by the caller), else
 * the configured default — as `checkIncidentSource` decides.
 */
export function incidentZone(text: string, defaultZone: string): string {
  return topLevelString(text, 'timezone') ?? defaultZone;
}

/**
 * Where a node's own text ends: the end of its last value, leaving out the
 * comments and blank lines the parser counts as its tail.
 */
export function contentEnd(node: unknown): number {
  if (isPair(node)) {
    const key = node.key as ParsedNode | null;
    return Math.max(key?.range?.[1] ?? 0, node.value === null ? 0 : contentEnd(node.value));
  }
  if (isCollection(node) && !node.flow && node.items.length > 0) {
    let end = 0;
    for (const item of node.items as unknown[]) end = Math.max(end, contentEnd(item));
    return end;
  }
  if (isScalar(node) || isAlias(node) || isCollection(node)) return (node as Node).range?.[1] ?? 0;
  return 0;
}

/** The start of the line that holds `offset`. */
export function lineStart(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** The start of the line after the one that holds `offset` (the text's length on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** The line that starts at `start`, without its line ending. */
export function lineAt(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}

export function isBlankLine(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

/** Whether the line before the one starting at `offset` is blank. */
export function followsBlankLine(text: string, offset: number): boolean {
  return offset > 0 && isBlankLine(lineAt(text, lineStart(text, offset - 1)));
}

export function isCommentLine(line: string): boolean {
  return /^[ \t]*#/.test(line);
}

export function indentation(line: string): number {
  return /^ */.exec(line)![0].length;
}

/** The file's line ending, taken from its first line: CRLF files stay CRLF. */
export function lineEnding(text: string): '\n' | '\r\n' {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** The 1-based line number of `offset`. */
export function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}

/**
 * Inserts whole lines at `at`, which is the start of a line or the end of the
 * text. At the end of a text whose last line has no line ending, the new lines
 * go after a line break and the text still ends without one.
 */
export function spliceLines(text: string, at: number, lines: readonly string[], eol: string): string {
  // At the end of a file without a final line break, which stays without one, unless the last line is blank:
  // that is a block scalar's kept line break (`|+`), which only a line break writes.
  if (at >= text.length && text.length > 0 && !text.endsWith('\n')) return `${text}${eol}${lines.join(eol)}${lines.at(-1) === '' ? eol : ''}`;
  return `${text.slice(0, at)}${lines.map((line) => `${line}${eol}`).join('')}${text.slice(at)}`;
}

/** Where `node` starts: offset and column. */
export function startOf(text: string, node: Node | null | undefined): { offset: number; column: number } | undefined {
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  return { offset, column: offset - lineStart(text, offset) };
}

export function problem(message: string, hint: string): EditProblem {
  return { ok: false, message, hint };
}

/** The start of the first line at or after `at` that is not blank (the text's length when none is). */
export function afterBlankLines(text: string, at: number): number {
  while (at < text.length && isBlankLine(lineAt(text, at))) at = nextLineStart(text, at);
  return at;
}

/** The start of the comment lines directly above a dash (no blank line between): they introduce that item. */
export function leadingCommentsStart(text: string, dash: number): number {
  let start = lineStart(text, dash);
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    if (!isCommentLine(lineAt(text, previous))) break;
    start = previous;
  }
  return start;
}

/** Whether a line between the starts `from` and `to` is blank. */
export function hasBlankLine(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at = nextLineStart(text, at)) if (isBlankLine(lineAt(text, at))) return true;
  return false;
}
