import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null;

export interface CsvOptions {
  /**
   * Write text exactly as it is (`--raw-csv`), for tools that read values
   * literally. By default a text cell a spreadsheet would run as a formula is
   * neutralised (see toCsv).
   */
  raw?: boolean;
}

/**
 * The first characters that make a spreadsheet read a cell as a formula
 * (OWASP's CSV injection list: `=`, `+`, `-`, `@`, tab, carriage return),
 * with the full-width forms some spreadsheets normalise to them: the set
 * csv-stringify's `escape_formulas` prefixes.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * RFC 4180 CSV with a header row: fields quoted only when they hold a comma,
 * quote or line break; `null` is an empty field; booleans are `true`/`false`.
 * Lines end with `\n`, the same on every machine.
 *
 * Unless `raw`, a text cell starting with a formula character is written as
 * OWASP recommends: a single quote before it (csv-stringify's
 * `escape_formulas`) and the whole cell quoted, so `=HYPERLINK(…)` shows as
 * text. Numbers are never altered: `-5` stays the number -5.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  return [...csvPieces(header, rows, options)].join('');
}

/** Rows written per piece by `csvPieces`. */
const ROWS_PER_PIECE = 1000;

/**
 * `toCsv` in pieces of a thousand rows, for exports over 100,000 incidents
 * that are written as they are made: each row is written on its own, so the
 * pieces join to exactly `toCsv`'s text.
 */
export function* csvPieces(header: readonly string[], rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): Generator<string> {
  yield csvRows([header], options);
  for (let start = 0; start < rows.length; start += ROWS_PER_PIECE) yield csvRows(rows.slice(start, start + ROWS_PER_PIECE), options);
}

function csvRows(rows: readonly (readonly CsvCell[])[], options: CsvOptions): string {
  const neutralise = options.raw !== true;
  return stringify(rows as CsvCell[][], {
    cast: {
      boolean: (value) => (value ? 'true' : 'false'),
      // Only text cells are quoted; escape_formulas itself leaves numbers alone.
      string: (value) => (neutralise && FORMULA_START.test(value) ? { value, quoted: true } : value),
    },
    escape_formulas: neutralise,
    record_delimiter: 'unix',
    // A lone carriage return splits the row in Excel and others unless the field is quoted.
    quoted_match: /\r/,
  });
}
