import { type Pair, type YAMLMap, isMap, isNode, isScalar, isSeq } from 'yaml';
import { parseTimestamp } from '../../time/timestamp.js';
import { type KeyOrder, innerOrder, keyRank } from '../key-order.js';

/**
 * The order `postmortem fmt` puts an incident's entries in: keys as
 * key-order.ts lists them at every level, and the timeline's events by time.
 */

/** Puts `map`'s keys, and those of the values `order` knows the inside of, in canonical order; stable within each rank. */
export function orderMap(map: YAMLMap, order: KeyOrder): void {
  map.items = map.items
    .map((pair, index) => ({ pair, index, rank: keyRank(order, keyName(pair)) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ pair }) => pair);
  for (const pair of map.items) {
    const inner = innerOrder(order, keyName(pair));
    if (!inner) continue;
    if (isMap(pair.value)) orderMap(pair.value, inner);
    else if (isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) orderMap(item, inner);
  }
}

/** Sorts the events by instant, stably; leaves them alone when any time cannot be read. */
export function sortTimeline(root: YAMLMap, zone: string): void {
  const timeline = lastValue(root, 'timeline');
  if (!isSeq(timeline)) return;
  const keyed: { item: unknown; index: number; instant: number }[] = [];
  for (const [index, item] of timeline.items.entries()) {
    const at = isMap(item) ? lastValue(item, 'at') : undefined;
    if (!isScalar(at) || typeof at.value !== 'string') return;
    const time = parseTimestamp(at.value, zone);
    if (!time.ok) return;
    keyed.push({ item, index, instant: time.time.instant });
  }
  // Blank lines between events stay where they were: they separate places in the list, not events.
  const blank = timeline.items.map((item) => isNode(item) && item.spaceBefore === true);
  timeline.items = keyed.sort((a, b) => a.instant - b.instant || a.index - b.index).map(({ item }) => item);
  for (const [index, item] of timeline.items.entries()) if (isNode(item)) item.spaceBefore = blank[index];
}

/** The value of the last entry named `name`: with repeated keys, the one the data holds. */
function lastValue(map: YAMLMap, name: string): unknown {
  return map.items.findLast((pair) => keyName(pair) === name)?.value;
}

function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}
