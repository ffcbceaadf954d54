import { type CsvCell, type CsvOptions, toCsv } from './csv.js';
import type { FigureStats, MissingReason, Report } from './report-model.js';

/**
 * `report --format csv`: the figure statistics as one flat table, one row per
 * (group, figure), for a spreadsheet. The column names are stable:
 *
 * - `group_by`: `all` for the rows over every incident the report covers,
 *   then the report's grouping (`month`, `quarter`, `year`, `service`, `severity`);
 * - `group`: `all`, or the group's key (`2026-11`, `2026-Q4`, `2026`, a
 *   service name or `(none)`, a severity id);
 * - `incidents`, `ongoing`: how many incidents the group has, and how many of
 *   them have no `resolved` milestone;
 * - `figure`: the derived figure's name (`duration`, `time to detect`, …);
 * - `count`: how many incidents the statistics are over;
 * - `mean_seconds`, `median_seconds`, `p90_seconds`, `max_seconds`: as in the
 *   JSON report (not rounded; the p90 is the nearest rank); empty when `count` is 0;
 * - `approximate`: how many of the counted values involve an approximate time;
 * - `missing`: how many of the group's incidents are left out of the statistics;
 * - `missing_ongoing`, `missing_not_known`, `missing_no_impact`: their ids,
 *   separated by spaces: those without a `resolved` milestone yet, those
 *   missing another milestone, and near misses written without
 *   `impact-start` (for a figure from or to it).
 *
 * Rows: the `all` rows first, then the groups in the report's order, each
 * with its figures in the configured order. A group with no incidents still
 * has its rows, with a count of 0.
 */
export const REPORT_CSV_COLUMNS = [
  'group_by',
  'group',
  'incidents',
  'ongoing',
  'figure',
  'count',
  'mean_seconds',
  'median_seconds',
  'p90_seconds',
  'max_seconds',
  'approximate',
  'missing',
  'missing_ongoing',
  'missing_not_known',
  'missing_no_impact',
] as const;

export function reportToCsv(report: Report, options: CsvOptions = {}): string {
  const rows: CsvCell[][] = [
    ...report.figures.map((figure) => row('all', 'all', report.totals.incidents, report.totals.ongoing, figure)),
    ...report.groups.flatMap((group) => group.figures.map((figure) => row(report.groupBy, group.key, group.incidents, group.ongoing, figure))),
  ];
  return toCsv(REPORT_CSV_COLUMNS, rows, options);
}

function row(groupBy: string, group: string, incidents: number, ongoing: number, figure: FigureStats): CsvCell[] {
  const ids = (reason: MissingReason) =>
    figure.missing
      .filter((missing) => missing.reason === reason)
      .map((missing) => missing.id)
      .join(' ');
  return [
    groupBy,
    group,
    incidents,
    ongoing,
    figure.name,
    figure.count,
    figure.mean,
    figure.median,
    figure.p90,
    figure.max,
    figure.approximate,
    figure.missing.length,
    ids('ongoing'),
    ids('not known'),
    ids('no impact'),
  ];
}
