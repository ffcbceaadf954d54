import { Type } from '@sinclair/typebox';
import { CUSTOM_KEY_PATTERN, URL_PATTERN } from './vocabulary.js';

/**
 * The kinds of field the schemas are made of, each with the help editors
 * show for it (see incident-schema.ts): written once here so every field of
 * a kind has the same constraints and the same wording.
 */

/** Title, description and examples: what an editor shows for a field. */
export interface Help {
  title: string;
  description: string;
  examples: unknown[];
  markdownDescription?: string;
}

/** Objects refuse unknown keys but keep `x-` keys for custom templates. */
export function strictObject<T extends Parameters<typeof Type.Object>[0]>(properties: T, help: Help & Record<string, unknown>) {
  return Type.Object(properties, {
    additionalProperties: false,
    patternProperties: { [CUSTOM_KEY_PATTERN]: {} },
    ...help,
  });
}

/** One enum value per line, for the Markdown hover of an enum. */
export const valueList = (values: readonly string[], meanings: Readonly<Record<string, string>>) =>
  values.map((value) => `- \`${value}\`: ${meanings[value] ?? ''}`).join('\n');

/** A closed vocabulary; each value's meaning is shown on completion and hover. */
export function enumOf<const T extends readonly string[]>(
  values: T,
  meanings: Readonly<Record<T[number], string>>,
  help: Help & { default?: T[number] },
) {
  const descriptions = values.map((value) => meanings[value as T[number]]);
  return Type.Unsafe<T[number]>(
    Type.String({ enum: [...values], ...help, enumDescriptions: descriptions, markdownEnumDescriptions: descriptions }),
  );
}

/** Non-empty plain text. */
export const textField = (title: string, description: string, examples: unknown[]) =>
  Type.String({ minLength: 1, title, description, examples });

/** A Markdown field: the hover says so, in Markdown. */
export const markdownField = (title: string, description: string, examples: unknown[]) =>
  Type.String({
    minLength: 1,
    title,
    description: `${description} Markdown.`,
    markdownDescription: `${description} [Markdown](https://commonmark.org/help/): CommonMark with GFM tables and strikethrough.`,
    examples,
  });

/** A list of non-empty texts; `item` is the help for each. */
export const stringListField = (title: string, description: string, item: { title: string; description: string; examples: string[] }) =>
  Type.Array(Type.String({ minLength: 1, ...item }), { title, description, examples: [item.examples] });

/** An absolute http(s) URL, with the message the validator and editors show for anything else. */
export const urlField = (title: string, description: string, examples: string[]) =>
  Type.String({
    pattern: URL_PATTERN,
    patternErrorMessage: 'Must be an absolute http:// or https:// URL.',
    title,
    description: `${description} An absolute http(s) URL.`,
    examples,
  });
