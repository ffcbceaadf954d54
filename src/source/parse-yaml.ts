import {
  Composer,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  LineCounter,
  type CST,
  type Node,
  type ParsedNode,
  isAlias,
  isMap,
  isScalar,
  isCollection,
} from 'yaml';
import { FileDiagnostics, type OffsetRange } from '../diagnostics/file-diagnostics.js';
import { excerpt, quote } from '../diagnostics/quote.js';
import { anchorTokens } from './anchor-tokens.js';
import { reportComplexKeys } from './complex-keys.js';
import { unclosedOpening } from './unclosed-opening.js';
import { INCIDENT_FILE, type YamlFileKind } from './yaml-file-kind.js';
import { firstLoneCarriageReturn } from './line-endings.js';
import { MAX_NESTING_DEPTH, parseSyntaxTree } from './nesting-limit.js';
import type { SourceFile } from './source-file.js';
import { walkNodes } from './walk-nodes.js';

export interface ParsedYaml {
  source: SourceFile;
  /** `null` when the file held no document at all. */
  document: Document.Parsed | null;
  /**
   * The document as plain data (strings, numbers, booleans, null, arrays, objects);
   * `null` when there is nothing reliable to check further: no document, a top
   * level that is not a mapping, YAML syntax errors, or an alias with no anchor.
   */
  data: unknown;
  lineCounter: LineCounter;
  diagnostics: FileDiagnostics;
}

/**
 * YAML 1.2 core schema whatever the file says: a `%YAML 1.1` directive must not
 * turn `no` into `false`, and `!!timestamp` must leave the text alone, because
 * the tool parses times itself.
 */
export const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  prettyErrors: false,
  uniqueKeys: false, // reported by `reportDuplicateKeys`, which can point at the first key too
  // Without this, `yaml` still honours YAML 1.1 tags outside the core schema
  // (`!!binary` becomes a Buffer, `!!set` a Set); refused, they are reported as `yaml-tag`.
  resolveKnownTags: false,
  customTags: [{ tag: 'tag:yaml.org,2002:timestamp', resolve: (text: string) => text }],
  // `yaml` would print its own warnings on stderr (a list as a key in `x-` data, say); the diagnostics say what matters.
  logLevel: 'error',
};

/** Parses and checks the YAML itself; `kind` words the problems (an incident file unless told). */
export function parseYaml(source: SourceFile, kind: YamlFileKind = INCIDENT_FILE): ParsedYaml {
  const lineCounter = new LineCounter();
  const diagnostics = new FileDiagnostics(source.path, lineCounter);
  const loneCr = firstLoneCarriageReturn(source.text);
  if (loneCr) {
    // Lines are counted up to it, at LF as `yaml` counts them.
    lineCounter.addNewLine(0);
    for (let at = source.text.indexOf('\n'); at !== -1 && at < loneCr.offset; at = source.text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
    diagnostics.add([loneCr.offset, loneCr.offset + 1], {
      rule: 'line-endings',
      message: loneCr.crOnly
        ? 'Unexpected line endings: CR only (as classic Mac OS saved files), expected LF or CRLF'
        : 'Unexpected carriage return (CR) without a line feed, expected LF or CRLF line endings',
      hint: loneCr.crOnly
        ? 'Save the file with LF (Unix) or CRLF (Windows) line endings: most editors offer the choice in the status bar or the save dialog.'
        : 'Remove the stray carriage return, or save the file again with LF or CRLF line endings.',
    });
    return { source, document: null, data: null, lineCounter, diagnostics };
  }
  const tree = parseSyntaxTree(source.text, lineCounter.addNewLine);
  if (!tree.ok) {
    diagnostics.add([tree.offset, tree.offset + 1], {
      rule: 'yaml-too-deep',
      message: `Unexpected list or mapping nested ${MAX_NESTING_DEPTH + 1} levels deep, expected at most ${MAX_NESTING_DEPTH}`,
      hint: `${capitalised(kind.singular)} needs a few levels at most: close the brackets left open before this place, or move deeply nested data out of the file and link to it.`,
    });
    return { source, document: null, data: null, lineCounter, diagnostics };
  }
  // What `parseAllDocuments` does, from the syntax tree already read.
  const list = [...new Composer(PARSE_OPTIONS).compose(tree.tokens)];
  const document = list[0] ?? null;

  for (const extra of list.slice(1)) {
    diagnostics.add(rangeOf(extra.contents) ?? [extra.range[0], extra.range[0]], {
      rule: 'yaml-multiple-documents',
      message: `Unexpected second YAML document, expected ${kind.oneDocument}`,
      hint: kind.secondDocument,
    });
  }
  if (!document) {
    diagnostics.add([0, 0], {
      rule: 'not-a-mapping',
      message: `File is empty, expected ${kind.empty}`,
      hint: 'Start from the example incident in the README.',
    });
    return { source, document: null, data: null, lineCounter, diagnostics };
  }

  const syntax = tree.tokens.find((token): token is CST.Document => token.type === 'document');
  const { aliasLines, collectionKeys } = reportAliasesAndDuplicates(document, syntax, diagnostics, kind);
  // After a syntax error the parser guesses at the structure, and the errors that follow are
  // mostly consequences of that guess: report the first one only (as yamllint does), and none
  // on a line whose alias with no anchor already explains it.
  const error = [...document.errors]
    .sort((a, b) => a.pos[0] - b.pos[0])
    .find((candidate) => !aliasLines.has(lineCounter.linePos(candidate.pos[0]).line));
  if (error) {
    const tab = error.code === 'TAB_AS_INDENT';
    const opening = tab ? undefined : unclosedOpening(syntax, error);
    diagnostics.add(tab ? error.pos : (opening?.range ?? pastIndentation(source.text, error.pos)), {
      rule: tab ? 'yaml-tab-indent' : 'yaml-syntax',
      message: tab ? 'Unexpected tab in indentation, expected spaces' : (opening?.message ?? firstLine(error.message)),
      hint: tab ? 'Indent with spaces: YAML does not allow tabs for indentation.' : (opening?.hint ?? syntaxHint(error.code, error.message)),
    });
  }
  for (const warning of document.warnings) {
    const tag = warning.code === 'TAG_RESOLVE_FAILED';
    const written = source.text.slice(warning.pos[0], warning.pos[1]);
    diagnostics.add(warning.pos, {
      rule: tag ? 'yaml-tag' : 'yaml-syntax',
      severity: 'warning',
      message: tag
        ? `Unexpected tag ${quote(written)}, expected an untagged value; the tag is ignored`
        : firstLine(warning.message),
      hint: tag ? `Remove the tag: ${kind.plural} need no YAML tags.` : 'Check the YAML at this place.',
    });
  }
  // The structure after a syntax error is the parser's guess: checking it against
  // the schema would report keys and types the author never wrote.
  if (document.errors.length > 0 || aliasLines.size > 0) return { source, document, data: null, lineCounter, diagnostics };
  // Walked again, with the paths that tell `x-` data apart, only when some key is a list or a mapping.
  if (collectionKeys && reportComplexKeys(document.contents, source.text, diagnostics)) return { source, document, data: null, lineCounter, diagnostics };

  const contents = document.contents;
  if (!isMap(contents)) {
    diagnostics.add(rangeOf(contents) ?? [0, 0], {
      rule: 'not-a-mapping',
      message: `Unexpected ${describeNode(contents)} at the top level, expected ${kind.mapping}`,
      hint: kind.example,
    });
    return { source, document, data: null, lineCounter, diagnostics };
  }
  const data: unknown = document.toJS({ maxAliasCount: -1 });
  return { source, document, data, lineCounter, diagnostics };
}

/**
 * Reports anchors, aliases and duplicate keys. Returns the lines of aliases
 * that name no anchor (the data cannot be built from such a document), and
 * whether some key is a list or a mapping (see complex-keys.ts).
 */
function reportAliasesAndDuplicates(
  document: Document.Parsed,
  syntax: CST.Document | undefined,
  diagnostics: FileDiagnostics,
  kind: YamlFileKind,
): { aliasLines: Set<number>; collectionKeys: boolean } {
  const unresolved = new Set<number>();
  let collectionKeys = false;
  // Found only once a node carries an anchor, which a valid file never does.
  let anchors: CST.SourceToken[] | undefined;
  walkNodes(document.contents, {
    alias(node) {
      if (node.resolve(document)) {
        diagnostics.add(rangeOf(node), {
          rule: 'yaml-alias',
          message: `Unexpected alias ${quote(`*${node.source}`)}, expected a plain value`,
          hint: `Write the value out in full: ${kind.plural} do not use anchors and aliases.`,
        });
        return;
      }
      // No anchor of that name: most likely Markdown emphasis (`*Rollback* done`) that YAML read as an alias.
      const range = rangeOf(node);
      unresolved.add(diagnostics.position(range).line);
      diagnostics.add(range, {
        rule: 'yaml-alias',
        message: `Unexpected alias ${quote(`*${node.source}`)}: a value starting with \`*\` is a YAML alias`,
        hint: 'Quote the whole value to start it with Markdown emphasis, like `text: "*Rollback* finished"`.',
      });
    },
    node(node) {
      if (node.anchor) {
        // The node's range starts after its `&name` (and any tag, comment or line break after it):
        // point at the anchor itself, the last one written before the node.
        const range = rangeOf(node);
        anchors ??= syntax ? anchorTokens(syntax) : [];
        const written = `&${node.anchor}`;
        const anchor = range ? anchors.findLast((token) => token.offset <= range[0] && token.source === written) : undefined;
        diagnostics.add(anchor ? [anchor.offset, anchor.offset + written.length] : range, {
          rule: 'yaml-alias',
          message: `Unexpected anchor ${quote(`&${node.anchor}`)}, expected a plain value`,
          hint: `Remove the anchor: ${kind.plural} do not use anchors and aliases.`,
        });
      }
    },
    map(map) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
        if (isCollection(pair.key)) collectionKeys = true;
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const first = seen.get(name);
        if (!first) {
          seen.set(name, pair.key);
          continue;
        }
        const firstPosition = diagnostics.position(rangeOf(first));
        diagnostics.add(rangeOf(pair.key), {
          rule: 'yaml-duplicate-key',
          message: `Unexpected duplicate key ${quote(name)}, expected each key once`,
          hint: `Remove one of the two ${quote(name)} keys or merge their values.`,
          related: { file: diagnostics.file, ...firstPosition, message: `first ${quote(name)} is here` },
        });
      }
    },
  });
  return { aliasLines: unresolved, collectionKeys };
}

export function rangeOf(node: Node | ParsedNode | null | undefined): OffsetRange | undefined {
  if (!node || !node.range) return undefined;
  return [node.range[0], node.range[1]];
}

function describeNode(node: unknown): string {
  if (node === null || node === undefined) return 'empty document';
  if (isAlias(node)) return 'alias';
  if (isCollection(node)) return 'list';
  if (isScalar(node)) return `value ${quote(String(node.value))}`;
  return 'value';
}

/** Indentation errors are reported at the start of the line: point at the misplaced text instead. */
function pastIndentation(text: string, range: OffsetRange): OffsetRange {
  let start = range[0];
  while (text[start] === ' ') start += 1;
  if (start === range[0] || text[start] === '\n' || text[start] === '\r' || start >= text.length) return range;
  return [start, Math.max(start + 1, range[1])];
}

/** What to do about a YAML syntax error, by the parser's error code. */
function syntaxHint(code: string, message: string): string {
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'Quote text that contains `: `, like `text: "Alert fired: p99 above 5s"`; put a nested mapping on lines of its own.';
    case 'BAD_INDENT':
      return /^Flow (sequence|map)/.test(message)
        ? 'Close the list with `]` (or the mapping with `}`) on the same line, or write one `- item` per line.'
        : 'Line up the keys of one mapping at the same column, and indent the keys of a list item under its first key.';
    case 'MISSING_CHAR':
      return 'Add the missing character, or quote the whole value.';
    case 'BAD_SCALAR_START':
      return 'Put the whole value in double quotes: unquoted YAML text cannot start with @, ` or %.';
    default:
      return 'Fix the YAML syntax at this place; quote text that contains `: ` or starts with a special character.';
  }
}

/** `yaml`'s message without its position; some quote the source (a tag, a block header), so it is cut too. */
function firstLine(message: string): string {
  return excerpt(message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, ''), 200);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
