import { actionTable, eventTable, formatTable, incidentTable } from '../../report/export-rows.js';
import { matchesFilters } from '../../report/filters.js';
import type { CliIo } from '../io.js';
import type { ExportArgs } from './export.js';
import { checkSeverities, incidentFilters, loadRecords } from './many-incidents.js';
import { emit, resultExitCode } from './shared.js';

/**
 * `postmortem export`: one row per incident, timeline event or action item
 * of the incidents the filters keep, as a JSON array, NDJSON or CSV (the
 * columns are listed in docs/reports.md). Exit 1 when an input file is invalid:
 * the rows cover the valid ones.
 */
export async function runExport(args: ExportArgs, io: CliIo): Promise<number> {
  const filters = incidentFilters(args);
  const loaded = await loadRecords(args, io, { events: args.what === 'events' });
  if ('exitCode' in loaded) return loaded.exitCode;
  const { config, collected, asOf } = loaded;
  checkSeverities(filters, config);
  const records = collected.records.filter((record) => matchesFilters(record, filters));
  const table =
    args.what === 'incidents'
      ? incidentTable(records, config.figures, asOf)
      : args.what === 'events'
        ? eventTable(records)
        : actionTable(records, asOf);
  const unwritten = await emit(formatTable(table, args.format, { raw: args.rawCsv }), args, io);
  if (unwritten !== null) return unwritten;
  return resultExitCode(collected, args);
}
