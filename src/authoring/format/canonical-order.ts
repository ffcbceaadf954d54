import type { Pair, YAMLMap } from 'yaml';
import { isAnyNode, isMapNode, isScalarNode, isSeqNode } from './node-kinds.js';
import { parseTimestamp } from '../../time/timestamp.js';
import { type KeyOrder, innerOrder, keyRank } from '../key-order.js';

/**
 * The order `postmortem fmt` puts an incident's entries in: keys as
 * key-order.ts lists them at every level, and the timeline's events by time.
 */

/** Puts `map`'s keys, and those of the values `order` knows the inside of, in canonical order; stable within each rank. */
export function orderMap(map: YAMLMap, order: KeyOrder): void {
  // Most mappings are in order already (every one, in a file formatted before): they are not rebuilt.
  if (!inOrder(map, order)) {
    map.items = map.items
      .map((pair, index) => ({ pair, index, rank: keyRank(order, keyName(pair)) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({ pair }) => pair);
  }
  for (const pair of map.items) {
    const inner = innerOrder(order, keyName(pair));
    if (!inner) continue;
    if (isMapNode(pair.value)) orderMap(pair.value, inner);
    else if (isSeqNode(pair.value)) for (const item of pair.value.items) if (isMapNode(item)) orderMap(item, inner);
  }
}

/**
 * The instant of each `at` text already read in a zone, `null` when it cannot
 * be read: every pass of `fmt` over a file sorts the same times, and reading
 * one costs more than a pass's other work on its event.
 */
export type InstantCache = Map<string, number | null>;

/** Whether `map`'s keys are in canonical order, which sorting would keep as it is. */
function inOrder(map: YAMLMap, order: KeyOrder): boolean {
  let previous = -1;
  for (const pair of map.items) {
    const rank = keyRank(order, keyName(pair));
    if (rank < previous) return false;
    previous = rank;
  }
  return true;
}

/** Sorts the events by instant, stably; leaves them alone when any time cannot be read. `instants` must be for `zone`. */
export function sortTimeline(root: YAMLMap, zone: string, instants: InstantCache = new Map()): void {
  const timeline = lastValue(root, 'timeline');
  if (!isSeqNode(timeline)) return;
  const keyed: { item: unknown; index: number; instant: number }[] = [];
  for (const [index, item] of timeline.items.entries()) {
    const at = isMapNode(item) ? lastValue(item, 'at') : undefined;
    if (!isScalarNode(at) || typeof at.value !== 'string') return;
    let instant = instants.get(at.value);
    if (instant === undefined) {
      const time = parseTimestamp(at.value, zone);
      // A date alone sorts before a timed event at the same instant (midnight): half a millisecond earlier.
      instant = time.ok ? time.time.instant - (time.time.dayOnly ? 0.5 : 0) : null;
      instants.set(at.value, instant);
    }
    if (instant === null) return;
    keyed.push({ item, index, instant });
  }
  // In order already (a formatted file, or the check of a formatted text): nothing moves.
  if (keyed.every((entry, index) => index === 0 || keyed[index - 1]!.instant <= entry.instant)) return;
  // Blank lines between events stay where they were: they separate places in the list, not events.
  const blank = timeline.items.map((item) => isAnyNode(item) && item.spaceBefore === true);
  timeline.items = keyed.sort((a, b) => a.instant - b.instant || a.index - b.index).map(({ item }) => item);
  // Set as `yaml` sets it when reading, only where there is a blank line.
  for (const [index, item] of timeline.items.entries()) {
    if (!isAnyNode(item)) continue;
    if (blank[index]) item.spaceBefore = true;
    else delete item.spaceBefore;
  }
}

/** The value of the last entry named `name`: with repeated keys, the one the data holds. */
function lastValue(map: YAMLMap, name: string): unknown {
  return map.items.findLast((pair) => keyName(pair) === name)?.value;
}

function keyName(pair: Pair): string | undefined {
  return isScalarNode(pair.key) ? String(pair.key.value) : undefined;
}
