import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import {
  type Document,
  Lexer,
  type Node,
  type Pair,
  Parser,
  type Scalar,
  type ScalarTag,
  type ToStringOptions,
  type YAMLMap,
  type YAMLSeq,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  visit,
} from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { asRecord } from '../rules/loose.js';
import { parseYaml } from '../source/parse-yaml.js';
import { MAX_FILE_BYTES, type SourceFile } from '../source/source-file.js';
import { parseTimestamp } from '../time/timestamp.js';
import { lineEnding } from './edit-text.js';
import { INCIDENT_ORDER, type KeyOrder, innerOrder, keyRank } from './key-order.js';

export interface FormatOptions {
  /** The zone of times without an offset when the file names no `timezone`: the configured one. */
  zone: string;
}

export type FormatResult =
  | {
      ok: true;
      /** The file in canonical form, with the source's byte-order mark and line endings. */
      text: string;
      /** Whether `text` differs from the source. */
      changed: boolean;
    }
  | {
      ok: false;
      /** Why the file was left as it is, positioned like `validate`'s. */
      diagnostics: Diagnostic[];
    };

/**
 * Problems that leave a file untouched: past a syntax error the structure is
 * the parser's guess, anchors and aliases would be expanded or lost, and a
 * second document or a top level that is not a mapping is not an incident
 * to put in order. Everything else (unknown keys, wrong types, bad times) is
 * for `validate`; formatting such a file helps to fix it.
 */
const BLOCKING_RULES: ReadonlySet<string> = new Set(['line-endings', 'yaml-syntax', 'yaml-tab-indent', 'yaml-too-deep', 'yaml-alias', 'yaml-multiple-documents', 'not-a-mapping']);

/**
 * No folding, so long text is never re-wrapped; multi-line text as literal
 * block scalars; flow lists written `[a, b]` as in FORMAT.md.
 */
const OUTPUT: ToStringOptions = {
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  blockQuote: 'literal',
  flowCollectionPadding: false,
};

/**
 * Plain text that a YAML 1.1 reader (PyYAML, older tools) would take for a
 * boolean keeps its quotes: under the format's YAML 1.2 core schema `no` is
 * text, but a script reading the file with another library would see `false`.
 * Only used to choose quotes when writing, never to read.
 */
const YAML_11_BOOLEAN: ScalarTag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  test: /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  resolve: (text) => text,
};

const NUMBER_TAGS: ReadonlySet<string> = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);
const STRING_TAG = 'tag:yaml.org,2002:str';
const MODELINE = /^\s*yaml-language-server:/;
/** Stands for a line break in a comment continued below a value, until `keepCommentColumns` puts the lines back. */
const CONTINUED = '\uE000';

/**
 * Rewrites one incident file in canonical form, keeping every comment:
 *
 * - keys in FORMAT.md's order at every level (`key-order.ts`), then `x-` keys,
 *   then unknown keys, each group in its written order; `roles` as written;
 * - the timeline in chronological order, stable for equal times; left as
 *   written when any `at` cannot be read (`validate` says why);
 * - text plain where YAML allows, quoted only when it must be (double quotes,
 *   or single ones for text holding `"` and no `'`; text that a YAML 1.1
 *   reader would take for a boolean, like `no`, stays quoted); text with line
 *   breaks as a literal block `|` with the chomping that keeps its value;
 *   text the author wrapped over several lines (a folded block `>`, or plain
 *   text continued on the next lines) keeps its lines; numbers, `true`,
 *   `null` and friends as written;
 * - lists of one-line values stay in flow style `[a, b]` when written so;
 *   flow mappings and flow lists of anything else become blocks;
 * - 2-space indentation, lists indented under their key, no line folding;
 *   at most one blank line where the source had blank lines.
 *
 * A comment moves with the key or list item it stands above or beside, and
 * one at the end of a line keeps its column where the line is unchanged; a
 * comment less indented than the block above it goes with what follows; the
 * `yaml-language-server` modeline stays first in the file.
 *
 * The output is checked before it is returned: it must parse to the same data
 * (up to key and timeline order) and hold the same comments; if it does not,
 * the file is reported and left alone rather than damaged.
 */
export function formatIncidentSource(source: SourceFile, options: FormatOptions): FormatResult {
  const bom = source.text.startsWith('\uFEFF');
  const text = bom ? source.text.slice(1) : source.text;
  const newline = lineEnding(text);

  const first = firstPass(source.path, text, options);
  if ('diagnostics' in first) return { ok: false, diagnostics: first.diagnostics };
  const { before, comments, zone } = first;
  let output = first.output;
  for (let pass = 1; ; pass += 1) {
    const checked = verify(before, comments, output, source.path);
    if ('problem' in checked) return { ok: false, diagnostics: [checked.problem] };
    const next = formatDocument(checked.document, checked.document.contents, output, zone);
    if (next === output) break;
    if (pass === 3) return { ok: false, diagnostics: [formatFailed(source.path, 'the result does not settle on one layout')] };
    output = next;
  }
  if (newline !== '\n') output = output.replace(/\n/g, newline);
  if (bom) output = `\uFEFF${output}`;
  // Canonical layout can add bytes (indentation, quotes): a file near the cap must not be formatted into one every command refuses.
  const bytes = Buffer.byteLength(output, 'utf8');
  if (output !== source.text && bytes > MAX_FILE_BYTES) return { ok: false, diagnostics: [formattedTooLarge(source.path, bytes)] };
  return { ok: true, text: output, changed: output !== source.text };
}

function formattedTooLarge(file: string, bytes: number): Diagnostic {
  return fileDiagnostic(file, {
    rule: 'format-failed',
    message: `Cannot format this file: in canonical form it would be ${bytes.toLocaleString('en-US')} bytes, over the 1 MiB limit for an incident file; it was left as it is`,
    hint: 'Shorten the longest texts, or move detail (logs, long timelines) into linked documents, so the formatted file stays under 1 MiB.',
  });
}

/**
 * Parses the source and formats it once. A function of its own so that the
 * source's document is garbage once it returns: only the data's canonical
 * text is kept to check the later passes against (for a large file, each
 * document held on to is tens of megabytes).
 *
 * `yaml` decides which node a comment belongs to, and reordering can put a
 * comment where it would be read back as another node's (after the last
 * entry of a nested block, comments join that block): the canonical form
 * is the fixed point, reached in a second pass at most.
 */
function firstPass(
  path: string,
  text: string,
  options: FormatOptions,
): { output: string; before: string; comments: string[]; zone: string } | { diagnostics: Diagnostic[] } {
  const parsed = parseYaml({ path, text });
  const blocking = parsed.diagnostics.list.filter((d) => d.severity === 'error' && BLOCKING_RULES.has(d.rule));
  if (blocking.length > 0 || !parsed.document || !isMap(parsed.document.contents) || parsed.data === null) {
    return { diagnostics: blocking.length > 0 ? blocking : parsed.diagnostics.list };
  }
  const data = asRecord(parsed.data);
  const zone = typeof data?.timezone === 'string' ? data.timezone : options.zone;
  const comments = yamlComments(text);
  // Comments keep a CR before the LF of a CRLF file: the text is formatted with LF line ends, restored at the end.
  const lf = text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text;
  const document = lf === text ? parsed.document : parseYaml({ path, text: lf }).document;
  if (!document || !isMap(document.contents)) return { diagnostics: [formatFailed(path, 'its line endings could not be read')] };
  const before = canonicalData(parsed.data, true);
  return { output: formatDocument(document, document.contents, lf, zone), before, comments, zone };
}

function formatDocument(document: Document.Parsed, root: YAMLMap, text: string, zone: string): string {
  const kept = canonicalise(document, root, text, zone);
  useWrittenForms(document, kept);
  document.schema.compat = [YAML_11_BOOLEAN];
  return keepCommentColumns(document.toString(OUTPUT), text);
}

/** Puts the document in canonical order and style; returns the text whose line breaks are kept as written. */
function canonicalise(document: Document.Parsed, root: YAMLMap, text: string, zone: string): WeakMap<Scalar, WrittenLines> {
  const kept = new WeakMap<Scalar, WrittenLines>();
  releaseOutdentedComments(document, text);
  visit(document, {
    Pair(_key, pair) {
      moveLeadingComments(pair, text);
    },
  });
  const modeline = takeModeline(root);
  orderMap(root, INCIDENT_ORDER);
  sortTimeline(root, zone);
  if (modeline) {
    const first = root.items[0]?.key;
    if (isNode(first)) first.commentBefore = joinComments(modeline, first.commentBefore);
  }
  visit(document, {
    Scalar(key, scalar, path) {
      if (typeof scalar.value === 'string') {
        const lines = writtenLines(scalar, text);
        if (lines) kept.set(scalar, lines);
        // The `yaml` library then picks plain style whenever the value allows it.
        scalar.type = undefined;
      }
      if (key === 'key' || !scalar.comment?.includes('\n')) return;
      const [first, ...rest] = scalar.comment.split('\n');
      const block = typeof scalar.value === 'string' && (scalar.value.includes('\n') || kept.get(scalar)?.style === 'folded');
      if (!block && !text.includes(CONTINUED)) {
        // A comment continued on the next lines is written as one, split again by `keepCommentColumns`.
        scalar.comment = [first, ...rest].join(CONTINUED);
      } else {
        // After a block's header only the text can follow: the rest of the comment goes after the block.
        scalar.comment = first;
        const next = nextNode(scalar, path);
        if (next) next.commentBefore = joinComments(rest.join('\n'), next.commentBefore);
        else document.comment = joinComments(rest.join('\n'), document.comment);
      }
    },
    Map(_key, map) {
      if (map.flow && map.items.length > 0) toBlock(map);
      clearFirstBlankLine(map.items[0]?.key);
    },
    Seq(_key, seq) {
      if (seq.flow && !seq.items.every(isOneLineScalar)) toBlock(seq);
      clearFirstBlankLine(seq.items[0]);
    },
  });
  return kept;
}

/**
 * `yaml` gives every comment line between the end of a nested block and the
 * next key to that block, whatever their indentation. A comment written less
 * indented than the block stands above what comes next (`# The timeline`
 * above `timeline:` after the `impact` block): it goes to the next key or
 * list item (or to the end of the document), so it moves with that one.
 */
function releaseOutdentedComments(document: Document.Parsed, text: string): void {
  visit(document, {
    Collection(_key, collection, path) {
      if (collection.flow || !collection.comment || !collection.range) return;
      const [start, contentEnd, end] = collection.range;
      const indent = start - (text.lastIndexOf('\n', start - 1) + 1);
      const columns: number[] = [];
      for (let lineStart = text.lastIndexOf('\n', contentEnd - 1) + 1; lineStart < end; ) {
        const lineEnd = text.indexOf('\n', lineStart);
        const comment = /^[ \t]*#/.exec(text.slice(lineStart, lineEnd === -1 ? end : lineEnd));
        if (comment) columns.push(comment[0].length - 1);
        lineStart = lineEnd === -1 ? end : lineEnd + 1;
      }
      const lines = collection.comment.split('\n');
      const commentLines = lines.flatMap((line, index) => (line === '' ? [] : [index]));
      if (commentLines.length !== columns.length) return;
      const first = columns.findIndex((column) => column < indent);
      if (first === -1) return;
      const split = commentLines[first]!;
      const before = lines.slice(0, split);
      const blank = before.at(-1) === '';
      while (before.at(-1) === '') before.pop();
      const moved = lines.slice(split).join('\n');
      collection.comment = before.length > 0 ? before.join('\n') : undefined;
      const next = nextNode(collection, path);
      if (next) {
        next.commentBefore = joinComments(moved, next.commentBefore);
        if (blank) next.spaceBefore = true;
      } else {
        document.comment = joinComments(moved, document.comment);
      }
    },
  });
}

/** The key or list item that follows `node` in the document, at whatever level. */
function nextNode(node: unknown, path: readonly unknown[]): Node | undefined {
  let child = node;
  for (let level = path.length - 1; level >= 0; level -= 1) {
    const parent = path[level];
    if (isMap(parent)) {
      const next = parent.items[parent.items.indexOf(child as Pair) + 1];
      if (next && isNode(next.key)) return next.key;
    } else if (isSeq(parent)) {
      const next = parent.items[parent.items.indexOf(child) + 1];
      if (isNode(next)) return next;
    } else if (!isPair(parent)) {
      return undefined;
    }
    child = parent;
  }
  return undefined;
}

/**
 * `yaml` attaches the comments between a key and its nested block to the
 * block, so they would stay first in it whatever the order of its entries,
 * and writes them on lines of their own. Comments on lines of their own
 * describe the first entry: they move to it. A comment on the key's own line
 * (`impact:  # …`) stays there.
 */
function moveLeadingComments(pair: Pair, text: string): void {
  const value = pair.value;
  if (!isCollection(value) || value.flow || !value.commentBefore || !isScalar(pair.key)) return;
  const first = isMap(value) ? value.items[0]?.key : value.items[0];
  const keyEnd = pair.key.range?.[1];
  const valueStart = value.range?.[0];
  if (!isNode(first) || keyEnd === undefined || valueStart === undefined) return;
  const lines = value.commentBefore.split('\n');
  const between = text.slice(keyEnd, valueStart);
  const onKeyLine = between.slice(0, between.search(/\r?\n|$/)).includes('#') ? 1 : 0;
  // `yaml` writes a key's own comment after `key:`, where the author put it.
  if (onKeyLine) pair.key.comment = pair.key.comment ? `${pair.key.comment} ${lines[0]}` : lines[0];
  value.commentBefore = undefined;
  if (lines.length > onKeyLine) first.commentBefore = joinComments(lines.slice(onKeyLine).join('\n'), first.commentBefore);
}

/** Removes the `yaml-language-server` modeline from above the first key, to put it back above the new first key. */
function takeModeline(root: YAMLMap): string | undefined {
  const key = root.items[0]?.key;
  if (!isNode(key) || !key.commentBefore) return undefined;
  const lines = key.commentBefore.split('\n');
  let count = 0;
  while (count < lines.length && MODELINE.test(lines[count]!)) count += 1;
  if (count === 0) return undefined;
  key.commentBefore = count < lines.length ? lines.slice(count).join('\n') : undefined;
  return lines.slice(0, count).join('\n');
}

function orderMap(map: YAMLMap, order: KeyOrder): void {
  map.items = map.items
    .map((pair, index) => ({ pair, index, rank: keyRank(order, keyName(pair)) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ pair }) => pair);
  for (const pair of map.items) {
    const inner = innerOrder(order, keyName(pair));
    if (!inner) continue;
    if (isMap(pair.value)) orderMap(pair.value, inner);
    else if (isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) orderMap(item, inner);
  }
}

/** Sorts the events by instant, stably; leaves them alone when any time cannot be read. */
function sortTimeline(root: YAMLMap, zone: string): void {
  const timeline = lastValue(root, 'timeline');
  if (!isSeq(timeline)) return;
  const keyed: { item: unknown; index: number; instant: number }[] = [];
  for (const [index, item] of timeline.items.entries()) {
    const at = isMap(item) ? lastValue(item, 'at') : undefined;
    if (!isScalar(at) || typeof at.value !== 'string') return;
    const time = parseTimestamp(at.value, zone);
    if (!time.ok) return;
    keyed.push({ item, index, instant: time.time.instant });
  }
  // Blank lines between events stay where they were: they separate places in the list, not events.
  const blank = timeline.items.map((item) => isNode(item) && item.spaceBefore === true);
  timeline.items = keyed.sort((a, b) => a.instant - b.instant || a.index - b.index).map(({ item }) => item);
  for (const [index, item] of timeline.items.entries()) if (isNode(item)) item.spaceBefore = blank[index];
}

/** The value of the last entry named `name`: with repeated keys, the one the data holds. */
function lastValue(map: YAMLMap, name: string): unknown {
  return map.items.findLast((pair) => keyName(pair) === name)?.value;
}

function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function isOneLineScalar(item: unknown): boolean {
  return isScalar(item) && !item.commentBefore && !item.comment && !(typeof item.value === 'string' && /[\r\n]/.test(item.value));
}

/** A comment after a flow collection (`slo: {…}  # …`) stands on its key's line: it goes first in the block. */
function toBlock(collection: YAMLMap | YAMLSeq): void {
  collection.flow = false;
  if (collection.comment) {
    collection.commentBefore = joinComments(collection.comment, collection.commentBefore);
    collection.comment = undefined;
  }
}

/** A blank line first in a block is noise that reordering could bring there. */
function clearFirstBlankLine(node: unknown): void {
  if (isNode(node)) node.spaceBefore = false;
}

function joinComments(first: string, second: string | null | undefined): string {
  return second ? `${first}\n${second}` : first;
}

/**
 * Text that the author wrapped over several lines (a folded block `>`, or
 * plain text continued on the next lines) keeps those lines: written as
 * `yaml` would write it, each paragraph would become one long line. Only the
 * indentation changes.
 */
interface WrittenLines {
  style: 'folded' | 'plain';
  /** `-` for a folded block that strips its final line break. */
  chomp: '' | '-';
  /** The lines without their indentation; `''` for an empty line. */
  lines: string[];
}

const FOLDED_HEADER = /^>(-?)[ \t]*(?:#.*)?$/;

function writtenLines(scalar: Scalar, text: string): WrittenLines | undefined {
  const range = scalar.range;
  if (!range) return undefined;
  const source = text.slice(range[0], range[1]);
  if (!/[\r\n]/.test(source)) return undefined;
  const rows = source.split(/\r?\n/);
  // Plain text with an empty line holds a line break: it becomes a literal block like other multi-line text.
  if (scalar.type === 'PLAIN') return /\n/.test(String(scalar.value)) ? undefined : { style: 'plain', chomp: '', lines: rows.map((row) => row.trim()) };
  if (scalar.type !== 'BLOCK_FOLDED') return undefined;
  // Keep chomping (`>+`) and explicit indentation (`>2`) are left to `yaml`, which writes them as literal blocks.
  const header = FOLDED_HEADER.exec(rows[0]!);
  if (!header) return undefined;
  const content = rows.slice(1);
  while (content.length > 0 && content[content.length - 1]!.trim() === '') content.pop();
  const first = content.find((row) => row.trim() !== '');
  if (first === undefined) return undefined;
  const indent = first.length - first.trimStart().length;
  if (first[indent] === '\t') return undefined;
  const lines: string[] = [];
  for (const row of content) {
    if (row.trim() === '' && row.length <= indent) lines.push('');
    else if (row.slice(0, indent).trim() === '' && row.length > indent) lines.push(row.slice(indent));
    else return undefined;
  }
  return { style: 'folded', chomp: header[1] === '-' ? '-' : '', lines };
}

/**
 * Wraps, for this document only, the schema's writers: text kept over several
 * lines is written with its lines, and numbers as the source wrote them
 * (`1e3`, `0x1F`, `+5`, `20.50`) rather than as `yaml` prints their value.
 */
function useWrittenForms(document: Document.Parsed, kept: WeakMap<Scalar, WrittenLines>): void {
  document.schema.tags = document.schema.tags.map((tag) => {
    if (tag.collection) return tag;
    const original = tag.stringify;
    if (tag.tag === STRING_TAG) {
      const written: ScalarTag = {
        ...tag,
        stringify(item, ctx, onComment, onChompKeep) {
          const lines = kept.get(item);
          if (lines && !ctx.inFlow && !ctx.implicitKey) {
            if (lines.style === 'plain') return writePlain(lines.lines, ctx.indent);
            onComment?.();
            return writeFolded(lines, ctx.indent, item.comment ? ctx.options.commentString?.(item.comment.replace(/ ?[\r\n]+/g, ' ')) : undefined);
          }
          return original ? original(item, ctx, onComment, onChompKeep) : String(item.value);
        },
      };
      return written;
    }
    const test = tag.test;
    if (!NUMBER_TAGS.has(tag.tag) || !test) return tag;
    const written: ScalarTag = {
      ...tag,
      stringify(item, ctx, onComment, onChompKeep) {
        if (typeof item.source === 'string' && test.test(item.source)) return item.source;
        return original ? original(item, ctx, onComment, onChompKeep) : String(item.value);
      },
    };
    return written;
  });
}

function writePlain(lines: readonly string[], indent: string): string {
  return lines.map((line, index) => (index === 0 || line === '' ? line : `${indent}${line}`)).join('\n');
}

function writeFolded(written: WrittenLines, indent: string, comment: string | undefined): string {
  const header = `>${written.chomp}${comment ? ` ${comment}` : ''}`;
  const body = written.lines.map((line) => (line === '' ? '' : `${indent || '  '}${line}`));
  return [header, ...body].join('\n');
}

/**
 * A comment at the end of a line keeps the column it was written at
 * (`yaml` puts one space before it), so comments aligned in a column, as in
 * FORMAT.md's example and the file `postmortem new` writes, stay aligned. This
 * applies where the line's text is unchanged; elsewhere one space is used.
 * Lines that continue such a comment below it are aligned with it.
 */
function keepCommentColumns(output: string, source: string): string {
  const columns = new Map<string, number>();
  for (const comment of lineEndComments(source)) if (!columns.has(comment.key)) columns.set(comment.key, comment.column);
  // Built from pieces in one pass: rewriting the whole text at each comment took time in the square of the file's size.
  const pieces: string[] = [];
  let copied = 0;
  for (const comment of lineEndComments(output)) {
    const wanted = columns.get(comment.key);
    const column = wanted !== undefined && wanted > comment.textEnd ? wanted : comment.textEnd + 1;
    const lineStart = comment.offset - comment.column;
    pieces.push(output.slice(copied, lineStart + comment.textEnd), ' '.repeat(column - comment.textEnd), continueComment(comment.source, ' '.repeat(column)));
    copied = comment.offset + comment.source.length;
  }
  pieces.push(output.slice(copied));
  const result = pieces.join('');
  // A continued comment that did not end a line (none is known) still gets its lines back.
  return result.includes(CONTINUED) ? result.replace(/#[^\n]*\uE000[^\n]*/g, (comment) => continueComment(comment, '')) : result;
}

/** A comment's lines joined by `CONTINUED`, written again one under the other at `indent`; an empty one is a blank line. */
function continueComment(comment: string, indent: string): string {
  const [first, ...rest] = comment.split(CONTINUED);
  return [first, ...rest.map((line) => (line === '' ? '' : `${indent}#${line === ' ' ? '' : line}`))].join('\n');
}

interface LineEndComment {
  offset: number;
  column: number;
  source: string;
  /** Where the line's text before the comment ends, as a column. */
  textEnd: number;
  /** The line's text and the comment: what must match between source and output. */
  key: string;
}

/** Comments that follow something on their line, in document order. */
function lineEndComments(text: string): LineEndComment[] {
  const found: LineEndComment[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const token = value as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      const lineStart = text.lastIndexOf('\n', token.offset - 1) + 1;
      const before = text.slice(lineStart, token.offset);
      if (before.trim() !== '') {
        const column = token.offset - lineStart;
        const first = token.source.split(CONTINUED)[0]!.trimEnd();
        // A list item's `- ` does not count: an entry that moved first or last in its item keeps its column.
        const line = before.trim().replace(/^(?:-[ \t]+)+/, '');
        found.push({ offset: token.offset, column, source: token.source, textEnd: before.trimEnd().length, key: `${line}\u0000${first}` });
      }
      return;
    }
    for (const inner of Object.values(value)) walk(inner);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found.sort((a, b) => a.offset - b.offset);
}

/**
 * The output must read back as the same data, up to key order and timeline
 * order, and hold the same comments. A failure is a bug in the formatter:
 * the file is reported and left as it was. `before` is the source's data as
 * `canonicalData` writes it. Returns the output's document.
 */
function verify(
  before: string,
  comments: readonly string[],
  output: string,
  file: string,
): { document: Document.Parsed & { contents: YAMLMap } } | { problem: Diagnostic } {
  const reparsed = parseYaml({ path: file, text: output });
  const document = reparsed.document;
  const readable = reparsed.data !== null && !reparsed.diagnostics.list.some((d) => d.severity === 'error' && BLOCKING_RULES.has(d.rule));
  if (!readable || !document || !isMap(document.contents) || before !== canonicalData(reparsed.data, true)) {
    return { problem: formatFailed(file, 'the result would read as different data') };
  }
  if (!sameMembers(comments, yamlComments(output))) return { problem: formatFailed(file, 'the result would lose or add a comment') };
  return { document: document as Document.Parsed & { contents: YAMLMap } };
}

function formatFailed(file: string, reason: string): Diagnostic {
  return fileDiagnostic(file, {
    rule: 'format-failed',
    message: `Cannot format this file: ${reason}; it was left as it is`,
    hint: 'This is a bug in postmortem fmt; please report it with the file.',
  });
}

/**
 * The text of every comment in a YAML source, as the lexer finds them: `#`
 * inside quoted or block text is not a comment. Trailing spaces are dropped.
 */
function yamlComments(text: string): string[] {
  const comments: string[] = [];
  let previous = '';
  for (const token of new Lexer().lex(text)) {
    // The lexer marks the start of every scalar with U+001F: a block scalar's text may start with `#`.
    if (token.startsWith('#') && previous !== '\u001f') comments.push(token.slice(1).trimEnd());
    previous = token;
  }
  return comments;
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const left = [...a].sort();
  const right = [...b].sort();
  return left.every((value, index) => value === right[index]);
}

/**
 * A text form of plain data that ignores key order, and the order of the
 * top-level `timeline` when `incident` is set; `-0` and `NaN` are kept apart
 * from `0` and `null`.
 */
function canonicalData(value: unknown, incident = false): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalData(item)).join(',')}]`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .sort()
      .map((key) => {
        const inner = record[key];
        const shown =
          incident && key === 'timeline' && Array.isArray(inner)
            ? `{${inner.map((item) => canonicalData(item)).sort().join(',')}}`
            : canonicalData(inner);
        return `${JSON.stringify(key)}:${shown}`;
      });
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? String(value);
}
