import { type Document, type YAMLMap, isMap } from 'yaml';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { parseYaml } from '../../source/parse-yaml.js';
import { type TextComments, commentsOfParsed } from './comment-tokens.js';
import { BLOCKING_RULES, formatFailed } from './format-problems.js';

/**
 * The check every formatted text passes before `postmortem fmt` writes it:
 * what it reads back as, compared with what the source read as.
 */

/**
 * The output must read back as the same data, up to key order and timeline
 * order, and hold the same comments. A failure is a bug in the formatter:
 * the file is reported and left as it was. `before` is the source's data as
 * `canonicalData` writes it. Returns the output's document and comments.
 */
export function verify(
  before: string,
  comments: readonly string[],
  output: string,
  file: string,
): { document: Document.Parsed & { contents: YAMLMap }; comments: TextComments } | { problem: Diagnostic } {
  const reparsed = parseYaml({ path: file, text: output });
  const document = reparsed.document;
  const readable = reparsed.data !== null && !reparsed.diagnostics.list.some((d) => d.severity === 'error' && BLOCKING_RULES.has(d.rule));
  if (!readable || !document || !isMap(document.contents) || before !== canonicalData(reparsed.data, true)) {
    return { problem: formatFailed(file, 'the result would read as different data') };
  }
  const found = commentsOfParsed(output, document);
  if (!sameMembers(comments, found.all)) return { problem: formatFailed(file, 'the result would lose or add a comment') };
  return { document: document as Document.Parsed & { contents: YAMLMap }, comments: found };
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
export function canonicalData(value: unknown, incident = false): string {
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
