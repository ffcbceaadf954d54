import type { IncidentRecord } from './records.js';

/** The records under each key, in their given order; a record may go under several keys (each once). */
export function groupBy(records: readonly IncidentRecord[], keysOf: (record: IncidentRecord) => readonly string[]): Map<string, IncidentRecord[]> {
  const groups = new Map<string, IncidentRecord[]>();
  for (const record of records) {
    for (const key of new Set(keysOf(record))) {
      const group = groups.get(key);
      if (group) group.push(record);
      else groups.set(key, [record]);
    }
  }
  return groups;
}
