import type { ConsumerGroupDetail, ConsumerHealthSummary, ConsumerMember, PartitionLagRow } from '../../src/governance/model';

/** Builders of API-model values for tests of what reads them (live feed, gauges, dashboard); every field can be overridden. */
export function member(id: string, assignment: Record<string, number[]> = {}, overrides: Partial<ConsumerMember> = {}): ConsumerMember {
  const topics = Object.entries(assignment).map(([topic, partitions]) => ({ topic, partitions }));
  return {
    member_id: id,
    client_id: `client-${id}`,
    host: `/10.0.0.${id.length}`,
    group_instance_id: null,
    assignment: topics,
    partition_count: topics.reduce((n, t) => n + t.partitions.length, 0),
    pending: null,
    idle_ms: null,
    inactive_ms: null,
    ...overrides,
  };
}

export function partitionRow(topic: string, partition: number, lag: number | null, overrides: Partial<PartitionLagRow> = {}): PartitionLagRow {
  return {
    topic,
    partition,
    committed_offset: lag === null ? null : 100,
    end_offset: 100 + (lag ?? 0),
    log_start_offset: 0,
    lag,
    time_lag_ms: lag === null ? null : lag * 10,
    time_lag_unknown_reason: null,
    has_commit: lag !== null,
    data_lost_to_retention: false,
    verdict: 'OK',
    evidence: {
      reason: 'ok', window_ms: 300_000, commits_in_window: 2, window_start_offset: 90, window_end_offset: 100,
      window_start_lag: lag, window_end_lag: lag, first_commit_age_ms: 1000, last_commit_age_ms: 10,
    },
    member_id: null,
    client_id: null,
    host: null,
    pending: null,
    oldest_pending_age_ms: null,
    entries_read: null,
    lag_unknown_reason: null,
    ...overrides,
  };
}

export function groupDetail(overrides: Partial<ConsumerGroupDetail> = {}): ConsumerGroupDetail {
  const partitions = overrides.partitions ?? [partitionRow('orders', 0, 5), partitionRow('orders', 1, 15)];
  const members = overrides.members ?? [member('m1', { orders: [0, 1] })];
  const lags = partitions.map((p) => p.lag).filter((lag): lag is number => lag !== null);
  return {
    cluster_id: 'local',
    group_id: 'billing',
    source: 'kafka',
    state: 'Stable',
    members,
    partition_assignor: 'range',
    topics: [...new Set(partitions.map((p) => p.topic))],
    generation: 1,
    lag_p50: lags.length ? Math.min(...lags) : null,
    lag_p95: lags.length ? Math.max(...lags) : null,
    lag_max: lags.length ? Math.max(...lags) : null,
    total_lag: lags.length ? lags.reduce((a, b) => a + b, 0) : null,
    time_lag_p50_ms: null,
    time_lag_p95_ms: null,
    time_lag_max_ms: null,
    partitions_total: partitions.length,
    partitions_with_commit: lags.length,
    partitions_without_commit: partitions.length - lags.length,
    members_count: members.length,
    status: 'OK',
    partitions,
    collected_at: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function healthOf(detail: ConsumerGroupDetail, overrides: Partial<ConsumerHealthSummary> = {}): ConsumerHealthSummary {
  const { partitions, members, partition_assignor, generation, ...rest } = detail;
  void members; void partition_assignor; void generation;
  return {
    ...rest,
    slo_compliance: 1,
    rebalance_score: 100,
    fairness_gini: 0,
    stuck_count: partitions.filter((p) => p.verdict !== 'OK').length,
    recommendation: null,
    health: 'healthy',
    stuck_partitions: partitions.filter((p) => p.verdict !== 'OK'),
    thresholds: {
      slo_threshold_p95_lag_ms: 1000, slo_threshold_lag_offsets: null, slo_compliance_min: 0.95, rebalance_score_min: 70,
      fairness_gini_max: 0.3, stuck_detection_window_s: 300, lag_spike_factor: 2, lag_spike_min_offsets: 1000,
    },
    ...overrides,
  };
}
