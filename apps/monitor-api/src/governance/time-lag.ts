import type { OffsetPoint } from './end-offset-history';

export type TimeLagResult = { ms: number; unknownReason: null } | { ms: null; unknownReason: string };

/**
 * Time lag of a committed offset, estimated from the partition's production curve as kafka-lag-exporter
 * does: find when the record at `committed` was produced by interpolating linearly between the two
 * adjacent (end offset, time) points around it, and subtract that from the time the commit was sampled.
 * Unlike kafka-lag-exporter it never extrapolates: a commit older than the oldest point is unknown, not a
 * guess ("3+ years to process 45 min of data", kafka-lag-exporter #496). Caught up is exactly 0.
 *
 * `points` must be ordered by time with non-decreasing offsets (EndOffsetHistory keeps them so).
 * An end offset o at time t means records 0..o−1 existed at t, so record c was produced after the last
 * point whose end offset is ≤ c and no later than the next point.
 */
export function interpolateTimeLag(points: readonly OffsetPoint[], committed: number, sampledAtMs: number): TimeLagResult {
  const n = points.length;
  if (n === 0) return { ms: null, unknownReason: 'no end offset history yet' };
  if (committed >= points[n - 1].offset) return { ms: 0, unknownReason: null };
  if (n < 2) return { ms: null, unknownReason: 'fewer than 2 end offset samples' };
  if (committed < points[0].offset) return { ms: null, unknownReason: 'committed offset is older than the end offset history (not extrapolated)' };
  // Last point with offset <= committed; the one after it has offset > committed (the newest does).
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid].offset <= committed) lo = mid;
    else hi = mid;
  }
  const p1 = points[lo];
  const p2 = points[hi];
  const producedAt = p2.atMs - ((p2.offset - committed) * (p2.atMs - p1.atMs)) / (p2.offset - p1.offset);
  return { ms: Math.max(0, Math.round(sampledAtMs - producedAt)), unknownReason: null };
}
