import type { Document, Scalar, ScalarTag, ToStringOptions } from 'yaml';
import { YAML_11_BOOLEAN } from '../yaml-text.js';
import type { WrittenLines } from './written-lines.js';

/**
 * How `postmortem fmt` writes a document out once it is in canonical order:
 * the `yaml` library's printer with the options below, its writers wrapped so
 * text keeps the lines its author wrapped it over and numbers keep the form
 * they were written in, and quotes kept on text a YAML 1.1 reader would take
 * for a boolean.
 */

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

const NUMBER_TAGS: ReadonlySet<string> = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);
const STRING_TAG = 'tag:yaml.org,2002:str';

/** The document's text, with the lines of each scalar in `kept` as written. Changes the document's schema: print it once. */
export function printDocument(document: Document.Parsed, kept: WeakMap<Scalar, WrittenLines>): string {
  useWrittenForms(document, kept);
  document.schema.compat = [YAML_11_BOOLEAN];
  return document.toString(OUTPUT);
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
