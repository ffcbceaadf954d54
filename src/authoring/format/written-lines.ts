import type { Scalar } from 'yaml';

/**
 * Text that the author wrapped over several lines (a folded block `>`, or
 * plain text continued on the next lines) keeps those lines: written as
 * `yaml` would write it, each paragraph would become one long line. Only the
 * indentation changes.
 */
export interface WrittenLines {
  style: 'folded' | 'plain';
  /** `-` for a folded block that strips its final line break. */
  chomp: '' | '-';
  /** The lines without their indentation; `''` for an empty line. */
  lines: string[];
}

const FOLDED_HEADER = /^>(-?)[ \t]*(?:#.*)?$/;

/** The lines `scalar` was written over in `text`, when they are to be kept; `undefined` when `yaml` may write it its own way. */
export function writtenLines(scalar: Scalar, text: string): WrittenLines | undefined {
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
