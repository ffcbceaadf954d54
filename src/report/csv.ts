import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null;

/**
 * RFC 4180 CSV with a header row: fields quoted only when they hold a comma,
 * quote or line break; `null` is an empty field; booleans are `true`/`false`.
 * Lines end with `\n`, the same on every machine.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return stringify([header as CsvCell[], ...(rows as CsvCell[][])], {
    cast: { boolean: (value) => (value ? 'true' : 'false') },
    record_delimiter: 'unix',
    // A lone carriage return splits the row in Excel and others unless the field is quoted.
    quoted_match: /\r/,
  });
}
