import type { IncidentFilters } from '../../report/report-model.js';
import { actionTable, eventTable, formatTable, incidentTable } from '../../report/export-rows.js';
import { matchesFilters } from '../../report/filters.js';
import { parseDate } from '../../time/timestamp.js';
import { UsageError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { ExportArgs } from '../main.js';
import { emit, exitCodeOf, loadRecords } from './many-incidents.js';

/**
 * `postmortem export`: one row per incident, timeline event or action item
 * of the incidents the filters keep, as a JSON array, NDJSON or CSV (the
 * columns are listed in the README). Exit 1 when an input file is invalid:
 * the rows cover the valid ones.
 */
export async function runExport(args: ExportArgs, io: CliIo): Promise<number> {
  const filters = filtersOf(args);
  const loaded = await loadRecords(args, io, { events: args.what === 'events' });
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config, collected, asOf } = loaded;
  const records = collected.records.filter((record) => matchesFilters(record, filters));
  const table =
    args.what === 'incidents'
      ? incidentTable(records, config.figures, asOf)
      : args.what === 'events'
        ? eventTable(records)
        : actionTable(records, asOf);
  await emit(formatTable(table, args.format), args, io);
  return exitCodeOf(collected);
}

/** The incident filters of the command line; `--since` and `--until` checked before any file is read. */
function filtersOf(args: ExportArgs): IncidentFilters {
  for (const [option, value] of [
    ['--since', args.since],
    ['--until', args.until],
  ] as const) {
    if (value === undefined) continue;
    const parsed = parseDate(value);
    if ('problem' in parsed) throw new UsageError(`${option} \`${value}\`: ${parsed.problem}; write a day as YYYY-MM-DD`);
  }
  return {
    since: args.since,
    until: args.until,
    services: args.service,
    severities: args.severity,
    tags: args.tag,
    statuses: args.status,
  };
}
