import type { EffectiveThresholds, GroupStatus, HealthStatus, PartitionVerdict } from './model';

const ERR_VERDICTS: readonly PartitionVerdict[] = ['STOP', 'STALL', 'REWIND'];

/** Burrow's roll-up: the worst partition, with STOP, STALL and REWIND reported as ERR at group level. */
export function groupStatus(verdicts: Iterable<PartitionVerdict>): GroupStatus {
  let status: GroupStatus = 'OK';
  for (const v of verdicts) {
    if (ERR_VERDICTS.includes(v)) return 'ERR';
    if (v === 'WARN') status = 'WARN';
  }
  return status;
}

export interface HealthInput {
  status: GroupStatus;
  sloCompliance: number | null;
  rebalanceScore: number | null;
  fairnessGini: number;
  rebalancing: boolean;
  thresholds: EffectiveThresholds;
}

/** critical: stuck partitions or SLO under target; warning: lag growing, unstable, unfair or rebalancing now. */
export function healthStatus(h: HealthInput): HealthStatus {
  if (h.status === 'ERR' || (h.sloCompliance !== null && h.sloCompliance < h.thresholds.slo_compliance_min)) return 'critical';
  if (
    h.status === 'WARN' ||
    h.rebalancing ||
    h.fairnessGini > h.thresholds.fairness_gini_max ||
    (h.rebalanceScore !== null && h.rebalanceScore < h.thresholds.rebalance_score_min)
  ) {
    return 'warning';
  }
  return 'healthy';
}
