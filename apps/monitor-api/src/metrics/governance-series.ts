import type { ConsumerGroupDetail, ConsumerHealthSummary, PartitionVerdict } from '../governance/model';
import { GovernanceMetricsOptions, nameSelected } from './metrics-env';

const GROUP_LABELS = ['cluster_id', 'group_id'] as const;
const PARTITION_LABELS = ['cluster_id', 'group_id', 'topic', 'partition'] as const;

/** Every governance gauge: name, help and labels. A series whose value is unknown (null) is left out, never exported as 0. */
export const GOVERNANCE_GAUGES = {
  governance_group_lag_p50_offsets: { help: 'Median partition lag of the group in offsets (nearest rank, partitions with a commit)', labels: GROUP_LABELS },
  governance_group_lag_p95_offsets: { help: 'P95 partition lag of the group in offsets (nearest rank)', labels: GROUP_LABELS },
  governance_group_lag_max_offsets: { help: 'Largest partition lag of the group in offsets', labels: GROUP_LABELS },
  governance_group_lag_total_offsets: { help: 'Sum of the partition lags of the group in offsets', labels: GROUP_LABELS },
  governance_group_lag_p50_seconds: { help: 'Median partition time lag of the group in seconds', labels: GROUP_LABELS },
  governance_group_lag_p95_seconds: { help: 'P95 partition time lag of the group in seconds', labels: GROUP_LABELS },
  governance_group_lag_max_seconds: { help: 'Largest partition time lag of the group in seconds', labels: GROUP_LABELS },
  governance_group_partitions_without_commit: { help: 'Partitions of the group\'s topics with no committed offset', labels: GROUP_LABELS },
  governance_group_slo_compliance_ratio: { help: 'Share of the group\'s partitions whose lag is under the SLO threshold, 0 to 1', labels: GROUP_LABELS },
  governance_group_rebalance_score: { help: 'Rebalance stability score, 0 (constant rebalancing) to 100 (stable)', labels: GROUP_LABELS },
  governance_group_fairness_gini: { help: 'Gini coefficient of partitions per member, 0 fair to 1 unfair', labels: GROUP_LABELS },
  governance_group_stuck_partitions: { help: 'Partitions whose verdict is not OK (WARN, STOP, STALL, REWIND)', labels: GROUP_LABELS },
  governance_group_members: { help: 'Members of the group', labels: GROUP_LABELS },
  governance_group_partitions_by_verdict: { help: 'Partitions of the group per verdict', labels: [...GROUP_LABELS, 'verdict'] },
  governance_group_state: { help: '1 for the group\'s current state (Stable, PreparingRebalance, CompletingRebalance, Empty, Dead, Unknown)', labels: [...GROUP_LABELS, 'state'] },
  governance_group_status: { help: '1 for the group\'s current status (OK, WARN, ERR)', labels: [...GROUP_LABELS, 'status'] },
  governance_partition_lag_offsets: { help: 'Partition lag in offsets (METRICS_GRANULARITY=partition)', labels: PARTITION_LABELS },
  governance_partition_lag_seconds: { help: 'Partition time lag in seconds (METRICS_GRANULARITY=partition)', labels: PARTITION_LABELS },
  governance_partition_verdict: { help: '1 for the partition\'s current verdict (METRICS_GRANULARITY=partition)', labels: [...PARTITION_LABELS, 'verdict'] },
} as const;

export type GovernanceGaugeName = keyof typeof GOVERNANCE_GAUGES;

export interface GovernanceSample {
  name: GovernanceGaugeName;
  labels: Record<string, string>;
  value: number;
}

export interface GroupView {
  detail: ConsumerGroupDetail;
  health: ConsumerHealthSummary | undefined;
}

const VERDICTS: PartitionVerdict[] = ['OK', 'WARN', 'STOP', 'STALL', 'REWIND'];
const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

/** The samples of every selected group (and, at partition granularity, of every selected topic's partitions). Pure. */
export function governanceSamples(groups: Iterable<GroupView>, options: GovernanceMetricsOptions): GovernanceSample[] {
  const samples: GovernanceSample[] = [];
  for (const { detail, health } of groups) {
    if (!nameSelected(detail.group_id, options.groupInclude, options.groupExclude)) continue;
    const labels = { cluster_id: detail.cluster_id, group_id: detail.group_id };
    const put = (name: GovernanceGaugeName, value: number | null | undefined, extra: Record<string, string> = {}) => {
      if (value !== null && value !== undefined) samples.push({ name, labels: { ...labels, ...extra }, value });
    };
    put('governance_group_lag_p50_offsets', detail.lag_p50);
    put('governance_group_lag_p95_offsets', detail.lag_p95);
    put('governance_group_lag_max_offsets', detail.lag_max);
    put('governance_group_lag_total_offsets', detail.total_lag);
    put('governance_group_lag_p50_seconds', seconds(detail.time_lag_p50_ms));
    put('governance_group_lag_p95_seconds', seconds(detail.time_lag_p95_ms));
    put('governance_group_lag_max_seconds', seconds(detail.time_lag_max_ms));
    put('governance_group_partitions_without_commit', detail.partitions_without_commit);
    put('governance_group_members', detail.members_count);
    put('governance_group_state', 1, { state: detail.state });
    put('governance_group_status', 1, { status: detail.status });
    if (health) {
      put('governance_group_slo_compliance_ratio', health.slo_compliance);
      put('governance_group_rebalance_score', health.rebalance_score);
      put('governance_group_fairness_gini', health.fairness_gini);
      put('governance_group_stuck_partitions', health.stuck_count);
    }
    const byVerdict = new Map<PartitionVerdict, number>(VERDICTS.map((v) => [v, 0]));
    for (const p of detail.partitions) byVerdict.set(p.verdict, (byVerdict.get(p.verdict) ?? 0) + 1);
    for (const [verdict, count] of byVerdict) put('governance_group_partitions_by_verdict', count, { verdict });

    if (options.granularity !== 'partition') continue;
    for (const p of detail.partitions) {
      if (!nameSelected(p.topic, options.topicInclude, options.topicExclude)) continue;
      const partition = { topic: p.topic, partition: String(p.partition) };
      put('governance_partition_lag_offsets', p.lag, partition);
      put('governance_partition_lag_seconds', seconds(p.time_lag_ms), partition);
      put('governance_partition_verdict', 1, { ...partition, verdict: p.verdict });
    }
  }
  return samples;
}
