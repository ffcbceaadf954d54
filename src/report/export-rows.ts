import type { FigureDefinition } from '../config/figures.js';
import { oldestFirst } from './report-order.js';
import type { OutputText } from '../output/output-text.js';
import { jsonArrayText } from '../output/json-text.js';
import { type CsvOptions, csvPieces } from './csv.js';
import { daysOverdue, isOverdue } from './overdue.js';
import { type IncidentRecord, isOngoing } from './records.js';

/**
 * The rows of `postmortem export`: one per incident, per timeline event or
 * per action item, for BI tools and spreadsheets.
 *
 * The JSON and raw CSV (`--raw-csv`) forms hold exactly the same data, so
 * such a CSV read back equals the JSON export once each field is read by its
 * column's type:
 * - a row is a flat object whose keys are the CSV columns, in column order;
 * - each value is a string, a number, a boolean or `null`; `null` is an
 *   empty CSV field (no string in an export is ever empty, so an empty field
 *   always means `null`); numbers are written in full (JavaScript's shortest
 *   round-trip form), booleans as `true`/`false`;
 * - a list (services, tags, related ids, links) is one string, its items joined with
 *   `; `, or `null` when empty;
 * - text is written as it is in the incident file, except that by default a
 *   CSV text cell a spreadsheet would run as a formula (starting with `=`,
 *   `+`, `-`, `@`, tab or carriage return) gets a `'` in front and is quoted
 *   (csv.ts); `--raw-csv` writes it as it is, and the JSON forms always do.
 */

export type ExportValue = string | number | boolean | null;
export type ColumnType = 'string' | 'number' | 'boolean';

export interface ExportColumn {
  name: string;
  type: ColumnType;
}

export interface ExportTable {
  columns: ExportColumn[];
  rows: ExportValue[][];
}


/** How list items are joined into one field. */
export const LIST_SEPARATOR = '; ';

/** Error-budget minutes and shares are rounded to this many decimal places (floating-point noise such as 2.1599999999998774). */
const BUDGET_DECIMALS = 6;

const column = (name: string, type: ColumnType): ExportColumn => ({ name, type });

/** The incident columns before the figure columns. */
const INCIDENT_HEAD: readonly ExportColumn[] = [
  column('id', 'string'),
  column('title', 'string'),
  column('status', 'string'),
  column('type', 'string'),
  column('severity', 'string'),
  column('zone', 'string'),
  column('services', 'string'),
  column('regions', 'string'),
  column('tags', 'string'),
  column('related', 'string'),
  column('start', 'string'),
  column('start_date', 'string'),
  column('start_approximate', 'boolean'),
  column('resolved', 'string'),
  column('resolved_approximate', 'boolean'),
  column('ongoing', 'boolean'),
];

/** The incident columns after the figure columns. */
const INCIDENT_TAIL: readonly ExportColumn[] = [
  column('slo', 'string'),
  column('error_budget_minutes', 'number'),
  column('error_budget_consumed_minutes', 'number'),
  column('error_budget_consumed_share', 'number'),
  column('error_budget_approximate', 'boolean'),
  column('actions', 'number'),
  column('actions_open', 'number'),
  column('actions_in_progress', 'number'),
  column('actions_done', 'number'),
  column('actions_wont_do', 'number'),
  column('actions_overdue', 'number'),
  column('file', 'string'),
];

export const EVENT_COLUMNS: readonly ExportColumn[] = [
  column('incident', 'string'),
  column('index', 'number'),
  column('at', 'string'),
  column('at_date', 'string'),
  column('approximate', 'boolean'),
  column('kind', 'string'),
  column('milestone', 'boolean'),
  column('by', 'string'),
  column('text', 'string'),
  column('links', 'string'),
];

export const ACTION_COLUMNS: readonly ExportColumn[] = [
  column('incident', 'string'),
  column('index', 'number'),
  column('title', 'string'),
  column('owner', 'string'),
  column('type', 'string'),
  column('priority', 'string'),
  column('status', 'string'),
  column('due', 'string'),
  column('overdue', 'boolean'),
  column('days_overdue', 'number'),
  column('ticket', 'string'),
];

/** The three columns of one derived figure, and the figure they show. */
interface FigureColumns {
  figure: string;
  seconds: ExportColumn;
  approximate: ExportColumn;
  state: ExportColumn;
}

/**
 * A stable snake_case name for a figure: `time to detect` → `time_to_detect`.
 * Accents are dropped (`Zeit bis Lösung` → `zeit_bis_losung`); a name with no
 * letter or digit left, or starting with a digit, gets a `figure_` prefix.
 */
export function snakeCase(name: string): string {
  const snake = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return snake === '' || /^[0-9]/.test(snake) ? `figure_${snake}`.replace(/_+$/, '') : snake;
}

/**
 * `<name>_seconds`, `<name>_approximate`, `<name>_state` for each configured
 * figure, in the configured order. Should two figures (or a figure and
 * another column) end up with the same names, the later figure's stem gets
 * `_2`, `_3`…, so every column name is unique.
 */
function figureColumns(figures: readonly FigureDefinition[]): FigureColumns[] {
  const taken = new Set([...INCIDENT_HEAD, ...INCIDENT_TAIL].map((c) => c.name));
  return figures.map(({ name }) => {
    const base = snakeCase(name);
    let stem = base;
    for (let n = 2; ['seconds', 'approximate', 'state'].some((suffix) => taken.has(`${stem}_${suffix}`)); n++) stem = `${base}_${n}`;
    const columns: FigureColumns = {
      figure: name,
      seconds: column(`${stem}_seconds`, 'number'),
      approximate: column(`${stem}_approximate`, 'boolean'),
      state: column(`${stem}_state`, 'string'),
    };
    for (const c of [columns.seconds, columns.approximate, columns.state]) taken.add(c.name);
    return columns;
  });
}

/** The columns of `export --what incidents` for these figures. */
export function incidentColumns(figures: readonly FigureDefinition[]): ExportColumn[] {
  return [...INCIDENT_HEAD, ...figureColumns(figures).flatMap((f) => [f.seconds, f.approximate, f.state]), ...INCIDENT_TAIL];
}

/** Incidents by impact start, then id: the row order of every export. */
export function exportOrder(records: readonly IncidentRecord[]): IncidentRecord[] {
  return [...records].sort(oldestFirst);
}

function list(values: readonly string[]): string | null {
  return values.length ? values.join(LIST_SEPARATOR) : null;
}

function rounded(value: number | null): number | null {
  if (value === null) return null;
  const factor = 10 ** BUDGET_DECIMALS;
  return Math.round(value * factor) / factor;
}

export function incidentTable(records: readonly IncidentRecord[], figures: readonly FigureDefinition[], asOf: string): ExportTable {
  const perFigure = figureColumns(figures);
  const rows = exportOrder(records).map((record): ExportValue[] => {
    const figureCells = perFigure.flatMap(({ figure }): ExportValue[] => {
      const value = record.figures.find((f) => f.name === figure);
      if (!value) return [null, null, 'unknown'];
      return [value.seconds, value.seconds === null ? null : value.approximate, value.state];
    });
    const budget = record.errorBudget;
    const count = (status: string) => record.actions.filter((action) => action.status === status).length;
    return [
      record.id,
      record.title,
      record.status,
      record.type,
      record.severity,
      record.zone,
      list(record.services),
      list(record.regions),
      list(record.tags),
      list(record.related),
      record.start.iso,
      record.start.date,
      record.start.approximate,
      record.resolved?.iso ?? null,
      record.resolved?.approximate ?? null,
      isOngoing(record),
      ...figureCells,
      budget?.slo ?? null,
      rounded(budget?.budgetMinutes ?? null),
      rounded(budget?.consumedMinutes ?? null),
      rounded(budget?.consumedShare ?? null),
      budget && budget.consumedMinutes !== null ? budget.approximate : null,
      record.actions.length,
      count('open'),
      count('in-progress'),
      count('done'),
      count('wont-do'),
      record.actions.filter((action) => isOverdue(action, asOf)).length,
      record.file,
    ];
  });
  return { columns: incidentColumns(figures), rows };
}

/** One row per timeline event: incidents in export order, each incident's events in time order. */
export function eventTable(records: readonly IncidentRecord[]): ExportTable {
  const rows = exportOrder(records).flatMap((record) => {
    if (!record.events) throw new Error(`the events of ${record.id} were not collected`);
    return record.events.map((event): ExportValue[] => [
      event.incident,
      event.index,
      event.at.iso,
      event.at.date,
      event.at.approximate,
      event.kind,
      event.milestone,
      event.by,
      event.text,
      list(event.links),
    ]);
  });
  return { columns: [...EVENT_COLUMNS], rows };
}

/** One row per action item: incidents in export order, each incident's items in file order. */
export function actionTable(records: readonly IncidentRecord[], asOf: string): ExportTable {
  const rows = exportOrder(records).flatMap((record) =>
    record.actions.map((action): ExportValue[] => {
      const overdue = isOverdue(action, asOf);
      return [
        action.incident,
        action.index,
        action.title,
        action.owner,
        action.type,
        action.priority,
        action.status,
        action.due,
        overdue,
        daysOverdue(action, asOf),
        action.ticket,
      ];
    }),
  );
  return { columns: [...ACTION_COLUMNS], rows };
}

/** The rows as objects keyed by column name, keys in column order, each made as it is taken. */
export function* rowObjects(table: ExportTable): Generator<Record<string, ExportValue>> {
  for (const row of table.rows) yield Object.fromEntries(table.columns.map((c, i) => [c.name, row[i] ?? null]));
}

export type ExportFormat = 'json' | 'ndjson' | 'csv';

/**
 * json: one array, 2-space indent; ndjson: one compact object per line; csv:
 * a header and one line per row (`options` only change the CSV: JSON is always exact).
 */
export function formatTable(table: ExportTable, format: ExportFormat, options: CsvOptions = {}): OutputText {
  switch (format) {
    case 'json':
      return jsonArrayText(rowObjects(table));
    case 'ndjson':
      return ndjsonText(rowObjects(table));
    case 'csv':
      return csvPieces(
        table.columns.map((c) => c.name),
        table.rows,
        options,
      );
  }
}

function* ndjsonText(rows: Iterable<Record<string, ExportValue>>): Generator<string> {
  for (const row of rows) yield `${JSON.stringify(row)}\n`;
}
