/**
 * Rebalance stability, 0–100: `100 − rebalance_count / max_rebalances × 100`, floored at 0 (the users'
 * formula). `maxRebalances` is how many rebalances in the window make a group as unstable as it gets.
 */
export function rebalanceScore(rebalanceCount: number, maxRebalances: number): number {
  if (maxRebalances <= 0) throw new RangeError('maxRebalances must be positive');
  return Math.max(0, 100 - (Math.max(0, rebalanceCount) / maxRebalances) * 100);
}

/**
 * Rebalances seen across consecutive snapshots of a group, from its generation ids: a generation moves by
 * one per completed rebalance, so the positive steps add up; a step down means the group was deleted and
 * recreated, which counts as one. Unknown generations (null) are skipped.
 */
export function rebalancesFromGenerations(generations: readonly (number | null)[]): number {
  let count = 0;
  let previous: number | null = null;
  for (const g of generations) {
    if (g === null) continue;
    if (previous !== null) count += g > previous ? g - previous : g < previous ? 1 : 0;
    previous = g;
  }
  return count;
}
