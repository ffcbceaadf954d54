import { Document, type Scalar, type ScalarTag, visit } from 'yaml';

/**
 * How the tool writes YAML text, in the files people keep: `fmt`'s printer
 * (format/print-document.ts) and the values `log`, `new` and `import` write
 * (`yamlInline`) quote alike, so a file one of them wrote is already as
 * `fmt` would have it.
 */

/**
 * A value as YAML text for one line of a hand-written file: plain where
 * YAML allows, quoted where it must be (`: `, `#`, a leading `*`, `no`…).
 * Lines are never folded.
 */
export function yamlInline(value: string | readonly string[]): string {
  return quoteAsFmtDoes(new Document(value)).toString(INLINE).trimEnd();
}

/**
 * Makes a document of new values print its text as `fmt` writes it: text a
 * YAML 1.1 reader takes for a boolean quoted, a tab in one-line text as
 * `\t`. For the values `log`, `amend`, `new` and `import` add to a file.
 */
export function quoteAsFmtDoes<T extends Document>(document: T): T {
  document.schema.compat = [YAML_11_BOOLEAN];
  visit(document, { Scalar: (_key, scalar) => keepTabsEscaped(scalar) });
  return document;
}

const INLINE = { lineWidth: 0, flowCollectionPadding: false, collectionStyle: 'flow' } as const;

/**
 * Text of one line holding a tab is written double-quoted, the tab as `\t`:
 * raw in a plain scalar it is invisible, and PyYAML, among others, refuses
 * it there. Text of several lines is a block, where a tab is text.
 */
export function keepTabsEscaped(scalar: Scalar): void {
  if (typeof scalar.value === 'string' && TAB_ON_ONE_LINE.test(scalar.value)) scalar.type = 'QUOTE_DOUBLE';
}

const TAB_ON_ONE_LINE = /^[^\n]*\t[^\n]*$/;

/**
 * Plain text that a YAML 1.1 reader (PyYAML, older tools) would take for a
 * boolean keeps its quotes: under the format's YAML 1.2 core schema `no` is
 * text, but a script reading the file with another library would see `false`.
 * Only used to choose quotes when writing, never to read.
 */
export const YAML_11_BOOLEAN: ScalarTag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  test: /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  resolve: (text) => text,
};
