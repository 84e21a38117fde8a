/**
 * Gini coefficient of partitions per member: G = ΣᵢΣⱼ|xᵢ − xⱼ| / (2n²x̄), computed in O(n log n) from the
 * sorted counts as G = 2Σ i·x₍ᵢ₎ / (nΣx) − (n+1)/n. Members with no partition are included (they are what
 * makes an assignment unfair). 0 = every member has the same share; the maximum for n members is (n−1)/n,
 * reached when one member holds everything. No members, or no partitions at all, is 0: nothing is unfair.
 */
export function gini(counts: readonly number[]): number {
  const n = counts.length;
  if (n === 0) return 0;
  const sorted = [...counts].sort((a, b) => a - b);
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    if (sorted[i] < 0) throw new RangeError('partition counts cannot be negative');
    sum += sorted[i];
    weighted += (i + 1) * sorted[i];
  }
  if (sum === 0) return 0;
  const g = (2 * weighted) / (n * sum) - (n + 1) / n;
  // Float rounding can leave -1e-17 for a perfectly even split.
  return Math.max(0, g);
}
