export interface SloPartitionInput {
  lag: number | null;
  timeLagMs: number | null;
}

export interface SloThresholds {
  /** Time-lag threshold in ms (the users' SLO_THRESHOLD_P95_LAG = 1000). */
  thresholdMs: number;
  /** When set, lag in offsets is compared with this instead of time lag. */
  thresholdOffsets: number | null;
}

/**
 * SLO compliance: the share of a group's partitions whose lag is under the threshold, 0.0–1.0 (the users'
 * formula, expressed as a fraction as their `slo_compliance` field is). Only partitions whose lag can be
 * judged count: no commit is not judged; with a time threshold, a partition whose time lag is unknown is
 * judged only when its offset lag is 0 (caught up is within any SLO). null when no partition can be judged.
 */
export function sloCompliance(partitions: readonly SloPartitionInput[], t: SloThresholds): number | null {
  let judged = 0;
  let under = 0;
  for (const p of partitions) {
    if (p.lag === null) continue;
    if (t.thresholdOffsets !== null) {
      judged++;
      if (p.lag < t.thresholdOffsets) under++;
    } else if (p.timeLagMs !== null) {
      judged++;
      if (p.timeLagMs < t.thresholdMs) under++;
    } else if (p.lag === 0) {
      judged++;
      under++;
    }
  }
  return judged === 0 ? null : under / judged;
}
