/**
 * Nearest-rank percentile: the smallest value such that at least p% of the values are at or below it
 * (rank = ceil(p/100 × n), 1-based, over the values sorted ascending). It always returns one of the
 * inputs, never an interpolated figure, so "P95 lag = 120" means a partition really has lag 120.
 * Returns null for no values: an empty set has no percentile (never 0).
 */
export function nearestRank(sortedAscending: readonly number[], p: number): number | null {
  const n = sortedAscending.length;
  if (n === 0) return null;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sortedAscending[rank - 1];
}

export function sortAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
