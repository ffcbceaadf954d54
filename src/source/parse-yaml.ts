import {
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  LineCounter,
  type Node,
  type ParsedNode,
  isAlias,
  isMap,
  isScalar,
  isCollection,
  parseAllDocuments,
  visit,
} from 'yaml';
import { FileDiagnostics, type OffsetRange } from '../diagnostics/file-diagnostics.js';
import type { SourceFile } from './source-file.js';

export interface ParsedYaml {
  source: SourceFile;
  /** `null` when the file held no document at all. */
  document: Document.Parsed | null;
  /** The document as plain data (strings, numbers, booleans, null, arrays, objects). */
  data: unknown;
  lineCounter: LineCounter;
  diagnostics: FileDiagnostics;
}

/**
 * YAML 1.2 core schema whatever the file says: a `%YAML 1.1` directive must not
 * turn `no` into `false`, and `!!timestamp` must leave the text alone, because
 * the tool parses times itself.
 */
const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  prettyErrors: false,
  uniqueKeys: false, // reported by `reportDuplicateKeys`, which can point at the first key too
  // Without this, `yaml` still honours YAML 1.1 tags outside the core schema
  // (`!!binary` becomes a Buffer, `!!set` a Set); refused, they are reported as `yaml-tag`.
  resolveKnownTags: false,
  customTags: [{ tag: 'tag:yaml.org,2002:timestamp', resolve: (text: string) => text }],
};

export function parseYaml(source: SourceFile): ParsedYaml {
  const lineCounter = new LineCounter();
  const diagnostics = new FileDiagnostics(source.path, lineCounter);
  const documents = parseAllDocuments(source.text, { ...PARSE_OPTIONS, lineCounter });
  const list = Array.isArray(documents) ? documents : [];
  const document = list[0] ?? null;

  for (const extra of list.slice(1)) {
    diagnostics.add(rangeOf(extra.contents) ?? [extra.range[0], extra.range[0]], {
      rule: 'yaml-multiple-documents',
      message: 'Unexpected second YAML document, expected one incident per file',
      hint: 'Remove the `---` separator and move the second incident into a file of its own.',
    });
  }
  if (!document) {
    diagnostics.add([0, 0], {
      rule: 'not-a-mapping',
      message: 'File is empty, expected an incident mapping',
      hint: 'Start from the example in the README, or run `postmortem new`.',
    });
    return { source, document: null, data: null, lineCounter, diagnostics };
  }

  for (const error of document.errors) {
    const tab = error.code === 'TAB_AS_INDENT';
    diagnostics.add(error.pos, {
      rule: tab ? 'yaml-tab-indent' : 'yaml-syntax',
      message: tab ? 'Unexpected tab in indentation, expected spaces' : firstLine(error.message),
      hint: tab
        ? 'Indent with spaces: YAML does not allow tabs for indentation.'
        : 'Fix the YAML syntax at this place; quote text that contains `: ` or starts with a special character.',
    });
  }
  for (const warning of document.warnings) {
    const tag = warning.code === 'TAG_RESOLVE_FAILED';
    diagnostics.add(warning.pos, {
      rule: tag ? 'yaml-tag' : 'yaml-syntax',
      severity: 'warning',
      message: tag ? `${firstLine(warning.message)}; the value is read as plain text` : firstLine(warning.message),
      hint: tag ? 'Remove the tag: incident files need no YAML tags.' : 'Check the YAML at this place.',
    });
  }
  reportAliasesAndDuplicates(document, diagnostics);

  const contents = document.contents;
  if (!isMap(contents)) {
    diagnostics.add(rangeOf(contents) ?? [0, 0], {
      rule: 'not-a-mapping',
      message: `Unexpected ${describeNode(contents)} at the top level, expected a mapping of incident fields`,
      hint: 'An incident file is a mapping: `id: ...`, `title: ...`, `timeline: ...` and so on.',
    });
    return { source, document, data: null, lineCounter, diagnostics };
  }
  const data: unknown = document.toJS({ maxAliasCount: -1 });
  return { source, document, data, lineCounter, diagnostics };
}

function reportAliasesAndDuplicates(document: Document.Parsed, diagnostics: FileDiagnostics): void {
  visit(document, {
    Alias(_key, node) {
      diagnostics.add(rangeOf(node), {
        rule: 'yaml-alias',
        message: `Unexpected alias \`*${node.source}\`, expected a plain value`,
        hint: 'Write the value out in full: incident files do not use anchors and aliases.',
      });
    },
    Node(_key, node) {
      if ('anchor' in node && typeof node.anchor === 'string' && node.anchor) {
        diagnostics.add(rangeOf(node), {
          rule: 'yaml-alias',
          message: `Unexpected anchor \`&${node.anchor}\`, expected a plain value`,
          hint: 'Remove the anchor: incident files do not use anchors and aliases.',
        });
      }
    },
    Map(_key, map) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
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
          message: `Unexpected duplicate key \`${name}\`, expected each key once`,
          hint: `Remove one of the two \`${name}\` keys or merge their values.`,
          related: { file: diagnostics.file, ...firstPosition, message: `first \`${name}\` is here` },
        });
      }
    },
  });
}

export function rangeOf(node: Node | ParsedNode | null | undefined): OffsetRange | undefined {
  if (!node || !node.range) return undefined;
  return [node.range[0], node.range[1]];
}

function describeNode(node: unknown): string {
  if (node === null || node === undefined) return 'empty document';
  if (isAlias(node)) return 'alias';
  if (isCollection(node)) return 'list';
  if (isScalar(node)) return `scalar \`${String(node.value)}\``;
  return 'value';
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
}
