import type { LagMetrics } from './model';
import { nearestRank, sortAscending } from './percentile';

export interface PartitionLagInput {
  lag: number | null;
  timeLagMs: number | null;
}

/**
 * A group's lag statistics over its partitions. Partitions without a commit (lag null) are left out of the
 * sums and percentiles and counted apart; unknown time lags are skipped the same way, so an aggregate is
 * never poisoned by one unknown (kafka-lag-exporter #125) and is null only when nothing is known.
 */
export function lagMetrics(partitions: readonly PartitionLagInput[]): LagMetrics {
  const lags: number[] = [];
  const timeLags: number[] = [];
  for (const p of partitions) {
    if (p.lag !== null) lags.push(p.lag);
    if (p.timeLagMs !== null) timeLags.push(p.timeLagMs);
  }
  const sorted = sortAscending(lags);
  const sortedTime = sortAscending(timeLags);
  return {
    lag_p50: nearestRank(sorted, 50),
    lag_p95: nearestRank(sorted, 95),
    lag_max: sorted.length ? sorted[sorted.length - 1] : null,
    total_lag: sorted.length ? lags.reduce((a, b) => a + b, 0) : null,
    time_lag_p50_ms: nearestRank(sortedTime, 50),
    time_lag_p95_ms: nearestRank(sortedTime, 95),
    time_lag_max_ms: sortedTime.length ? sortedTime[sortedTime.length - 1] : null,
    partitions_total: partitions.length,
    partitions_with_commit: lags.length,
    partitions_without_commit: partitions.length - lags.length,
  };
}
