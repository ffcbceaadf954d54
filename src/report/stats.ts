import type { Stats } from './report-model.js';

/**
 * Count, mean, median, 90th percentile (nearest rank) and maximum of some
 * durations, as documented on `Stats`. The values are sorted first, so the
 * result (even the floating-point sum) does not depend on their order.
 */
export function computeStats(values: readonly number[]): Stats {
  const count = values.length;
  if (count === 0) return { count: 0, mean: null, median: null, p90: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const value of sorted) sum += value;
  const middle = Math.floor(count / 2);
  return {
    count,
    mean: sum / count,
    median: count % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2,
    p90: sorted[nearestRank(90, count) - 1]!,
    max: sorted[count - 1]!,
  };
}

/**
 * The 1-based nearest rank of a percentile: ⌈p/100 × count⌉, at least 1.
 * Computed as (p × count) / 100, on integers, so no rounding of a fraction like 0.9 can push an exact rank up by one.
 */
export function nearestRank(percent: number, count: number): number {
  return Math.max(1, Math.ceil((percent * count) / 100));
}
