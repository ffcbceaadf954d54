import { excerpt } from '../../diagnostics/quote.js';
import type { ImportResult } from '../imported-incident.js';
import type { JsonValue, ShapeReader } from '../shape-reader.js';

/** How many incidents a usage message lists before "and N more". */
const LISTED = 20;

/**
 * The incident of a list that `--incident` names (by its `id`), or the only
 * one; several without `--incident` is a usage error that lists their ids
 * and names, so the person can pick one.
 */
export function pickListedIncident(
  reader: ShapeReader,
  list: JsonValue,
  wanted: string | undefined,
  fields: { id: string; name: string } = { id: 'id', name: 'name' },
): { ok: true; incident: JsonValue } | { ok: false; result: ImportResult } {
  const items = list.array();
  // Each item is reported where it is not an incident (`[1, 2]`), rather than listed as "(no id)" to choose from.
  if (items === undefined || !items.map((item) => item.object()).every(Boolean)) return { ok: false, result: reader.result(undefined) };
  const idOf = (item: JsonValue) => {
    const id = item.key(fields.id).value;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  };
  if (wanted !== undefined) {
    const found = items.find((item) => idOf(item) === wanted);
    if (found) return { ok: true, incident: found };
    const listing = items.length ? `; it lists:\n${listed(items, idOf, fields.name)}` : ', which is empty';
    return usage(`No incident \`${excerpt(wanted)}\` in ${reader.document.display}${listing}`);
  }
  if (items.length === 1) return { ok: true, incident: items[0]! };
  if (items.length === 0) {
    reader.error(list, 'Unexpected empty list of incidents, expected one to import');
    return { ok: false, result: reader.result(undefined) };
  }
  return usage(`${reader.document.display} lists ${items.length} incidents; choose one with --incident ID:\n${listed(items, idOf, fields.name)}`);
}

function listed(items: readonly JsonValue[], idOf: (item: JsonValue) => string | undefined, nameKey: string): string {
  const lines = items.slice(0, LISTED).map((item) => {
    const name = item.key(nameKey).value;
    return `  ${excerpt(idOf(item) ?? '(no id)')}  ${typeof name === 'string' ? excerpt(name) : ''}`.trimEnd();
  });
  if (items.length > LISTED) lines.push(`  … and ${items.length - LISTED} more`);
  return lines.join('\n');
}

function usage(message: string): { ok: false; result: ImportResult } {
  return { ok: false, result: { ok: false, diagnostics: [], usage: message } };
}
