import type { IncidentRecord } from './records.js';
import type { RelatedGroup } from './report-model.js';

/**
 * The report's incidents linked through `related`, in groups: a link goes
 * both ways (one side naming the other is enough) and groups join through
 * shared members, so a repeat of a repeat is in its original's group. Only
 * the report's own incidents count: a link to one the filters left out, or
 * to no incident at all, joins nothing. `records` come oldest first, which
 * is the order inside each group. Union-find over the records' positions:
 * a run over a hundred thousand incidents keeps one number per incident.
 */
export function relatedGroups(records: readonly IncidentRecord[]): RelatedGroup[] {
  const position = new Map<string, number>();
  records.forEach((record, index) => position.set(record.id, index));
  const parent = Int32Array.from(records, (_, index) => index);
  const root = (index: number): number => {
    let at = index;
    while (parent[at] !== at) {
      // Halving the path keeps later lookups short.
      parent[at] = parent[parent[at]!]!;
      at = parent[at]!;
    }
    return at;
  };
  let linked = false;
  records.forEach((record, index) => {
    for (const other of record.related) {
      const at = position.get(other);
      if (at === undefined) continue;
      const [a, b] = [root(index), root(at)];
      // The older incident's root stays the root: a group is named by its oldest member.
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      linked = true;
    }
  });
  if (!linked) return [];
  const groups = new Map<number, string[]>();
  records.forEach((record, index) => {
    const at = root(index);
    const group = groups.get(at);
    if (group) group.push(record.id);
    else groups.set(at, [record.id]);
  });
  // Map order is the order of each group's oldest member: a stable sort by size keeps it among equals.
  return [...groups.values()]
    .filter((ids) => ids.length >= 2)
    .map((ids) => ({ count: ids.length, incidents: ids }))
    .sort((a, b) => b.count - a.count);
}
