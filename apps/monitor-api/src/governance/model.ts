/**
 * What monitor-api's REST API, WebSocket feed, metrics and dashboard return, in the users' snake_case field
 * names (`ConsumerGroup`, `LagMetrics`, `ConsumerHealthSummary` come from their governance module).
 *
 * Units: offsets are JSON numbers (exact up to 2^53, far beyond any real offset); times are milliseconds
 * (`*_ms`) or ISO-8601 strings (`*_at`). `null` always means "unknown" and never stands for 0.
 */

/** Kafka's classic group states as DescribeGroups reports them; Redis groups are Stable with consumers, else Empty. */
export type ConsumerGroupState = 'Stable' | 'PreparingRebalance' | 'CompletingRebalance' | 'Empty' | 'Dead' | 'Unknown';

export type GroupSource = 'kafka' | 'redis';

/** Burrow's per-partition verdicts (its README "Consumer Lag Evaluation Rules"). */
export type PartitionVerdict = 'OK' | 'WARN' | 'STOP' | 'STALL' | 'REWIND';

/** Group roll-up as Burrow reports it: any STOP, STALL or REWIND partition makes the group ERR. */
export type GroupStatus = 'OK' | 'WARN' | 'ERR';

/** Overall health used by the topic insight and the dashboard colours. */
export type HealthStatus = 'healthy' | 'warning' | 'critical';

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export interface ConsumerMember {
  member_id: string;
  client_id: string;
  host: string;
  group_instance_id: string | null;
  assignment: TopicPartitions[];
  partition_count: number;
  /** Redis only: entries delivered to this consumer and not yet acknowledged. */
  pending: number | null;
  /** Redis only: ms since the consumer's last attempted read (XINFO CONSUMERS `idle`). */
  idle_ms: number | null;
  /** Redis 7.2+ only: ms since the last successful read (`inactive`); null when older Redis or never read. */
  inactive_ms: number | null;
}

/** The seed's ConsumerGroup. */
export interface ConsumerGroup {
  cluster_id: string;
  group_id: string;
  source: GroupSource;
  state: ConsumerGroupState;
  members: ConsumerMember[];
  partition_assignor: string;
  topics: string[];
  /** Kafka generation id when known (our broker's events, or the describe answer); null otherwise. */
  generation: number | null;
}

/**
 * The seed's LagMetrics plus time-lag counterparts and coverage. Percentiles are nearest-rank over the
 * partitions that have a committed offset; partitions without a commit are left out (and counted in
 * `partitions_without_commit`). Every lag figure is null when no partition has a commit.
 */
export interface LagMetrics {
  lag_p50: number | null;
  lag_p95: number | null;
  lag_max: number | null;
  total_lag: number | null;
  time_lag_p50_ms: number | null;
  time_lag_p95_ms: number | null;
  time_lag_max_ms: number | null;
  partitions_total: number;
  partitions_with_commit: number;
  partitions_without_commit: number;
}

/** The evidence behind a verdict: what the sliding commit window saw. */
export interface VerdictEvidence {
  /** Human-readable reason, e.g. "no commit for 412 s while lag is 1200; the window spans 60 s". */
  reason: string;
  window_ms: number;
  commits_in_window: number;
  window_start_offset: number | null;
  window_end_offset: number | null;
  window_start_lag: number | null;
  window_end_lag: number | null;
  /** ms since the oldest and the newest commit in the window. */
  first_commit_age_ms: number | null;
  last_commit_age_ms: number | null;
}

/** One partition of one group as the last sweep saw it. */
export interface PartitionLagRow {
  topic: string;
  partition: number;
  committed_offset: number | null;
  end_offset: number;
  log_start_offset: number;
  /** end − committed, floored at 0; from the log start when the commit fell below it; null without a commit. */
  lag: number | null;
  time_lag_ms: number | null;
  /** Why `time_lag_ms` is null (too little history, committed offset older than the history, Redis null lag...). */
  time_lag_unknown_reason: string | null;
  has_commit: boolean;
  /** The commit is below the log start: records were deleted by retention before this group read them. */
  data_lost_to_retention: boolean;
  verdict: PartitionVerdict;
  evidence: VerdictEvidence;
  member_id: string | null;
  client_id: string | null;
  host: string | null;
  /** Redis only: the group's pending entries (PEL size) and the age of the oldest one. */
  pending: number | null;
  oldest_pending_age_ms: number | null;
  /** Redis only: XINFO GROUPS `entries-read`, and why `lag` is null when Redis could not compute it. */
  entries_read: number | null;
  lag_unknown_reason: string | null;
}

/** Thresholds that applied to one group after the global → topic → group overrides. */
export interface EffectiveThresholds {
  slo_threshold_p95_lag_ms: number;
  /** Offsets alternative to the time threshold; when set, a partition complies if its lag in offsets is under it. */
  slo_threshold_lag_offsets: number | null;
  slo_compliance_min: number;
  rebalance_score_min: number;
  fairness_gini_max: number;
  stuck_detection_window_s: number;
  /** A lag spike: total lag grew by at least this factor between two sweeps (and by lag_spike_min_offsets). */
  lag_spike_factor: number;
  lag_spike_min_offsets: number;
}

/** GET /groups list item: the seed's ConsumerGroupWithLagResponse. */
export interface ConsumerGroupListItem extends LagMetrics {
  cluster_id: string;
  group_id: string;
  source: GroupSource;
  state: ConsumerGroupState;
  members_count: number;
  partition_assignor: string;
  topics: string[];
  status: GroupStatus;
  stuck_count: number;
}

/** GET /groups/{group_id}. */
export interface ConsumerGroupDetail extends ConsumerGroup, LagMetrics {
  members_count: number;
  status: GroupStatus;
  partitions: PartitionLagRow[];
  collected_at: string;
}

/** GET /groups/{group_id}/health: the seed's ConsumerHealthSummary plus the lag metrics. */
export interface ConsumerHealthSummary extends LagMetrics {
  cluster_id: string;
  group_id: string;
  source: GroupSource;
  state: ConsumerGroupState;
  members_count: number;
  topics: string[];
  /** Share of partitions (with a commit) whose lag is under the SLO threshold, 0.0–1.0; null without any commit. */
  slo_compliance: number | null;
  /** 0–100 from the rebalances seen in the last N snapshots; null before the first snapshot. */
  rebalance_score: number | null;
  /** Gini coefficient of partitions per member, members with none included; 0 fair, 1 unfair. */
  fairness_gini: number;
  stuck_count: number;
  recommendation: string | null;
  status: GroupStatus;
  health: HealthStatus;
  stuck_partitions: PartitionLagRow[];
  thresholds: EffectiveThresholds;
  collected_at: string;
}

/** GET /topics/{topic_name}/consumers. */
export interface TopicConsumers {
  cluster_id: string;
  topic: string;
  groups: ConsumerHealthSummary[];
}

export interface TopicInfo {
  name: string;
  partitions: number;
  /** null for Redis streams and when the cluster did not say. */
  replication_factor: number | null;
  retention_ms: number | null;
  retention_bytes: number | null;
  /** Sum over partitions of (end − log start): records currently retained. */
  retained_records: number;
}

export interface TopicInsightSummary {
  groups_count: number;
  /** Share of the topic's partitions that at least one group has committed on, 0.0–1.0. */
  coverage: number;
  /** Mean of the groups' slo_compliance (groups with a known value); null when none is known. */
  avg_slo_compliance: number | null;
  total_stuck_partitions: number;
  overall_status: HealthStatus;
  summary: string;
}

/** GET /topics/{topic_name}/detail. */
export interface TopicDetail {
  cluster_id: string;
  topic_info: TopicInfo;
  consumer_health: ConsumerHealthSummary[];
  governance_alerts: GovernanceAlertView[];
  insight_summary: TopicInsightSummary;
}

/** GET /groups/{group_id}/history: one point per stored snapshot. */
export interface HistoryPoint {
  captured_at: string;
  state: ConsumerGroupState;
  members_count: number;
  generation: number | null;
  total_lag: number | null;
  lag_p50: number | null;
  lag_p95: number | null;
  lag_max: number | null;
  time_lag_max_ms: number | null;
  slo_compliance: number | null;
  rebalance_score: number | null;
  fairness_gini: number | null;
  stuck_count: number;
}

export type AlertType = 'slo_violation' | 'stuck_partition' | 'rebalance_instability' | 'unfair_distribution' | 'lag_spike';
export type AlertSeverity = 'info' | 'warning' | 'critical';

/** An alert as the API shows it: opened once, updated while the condition changes, resolved when it clears. */
export interface GovernanceAlertView {
  id: string;
  type: AlertType;
  severity: AlertSeverity;
  state: 'firing' | 'resolved';
  cluster_id: string;
  source: GroupSource;
  group_id: string;
  topic: string | null;
  partition: number | null;
  message: string;
  value: number | null;
  threshold: number | null;
  opened_at: string;
  updated_at: string;
  resolved_at: string | null;
}

export interface GroupStateCounts {
  stable: number;
  rebalancing: number;
  other: number;
}

/** A configured cluster and how its last sweep went (dashboard overview, /metrics). */
export interface ClusterSummary {
  cluster_id: string;
  kind: GroupSource;
  last_sweep_at: string | null;
  last_sweep_duration_ms: number | null;
  /** The last sweep's error, if it failed; the previous snapshot keeps being served. */
  last_error: string | null;
  groups_count: number;
  state_counts: GroupStateCounts;
  total_lag: number;
}

/** A paginated list: `page` is 1-based. */
export interface Page<T> {
  items: T[];
  page: number;
  page_size: number;
  total: number;
}
