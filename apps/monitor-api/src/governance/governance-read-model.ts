import type {
  ClusterSummary,
  ConsumerGroupDetail,
  ConsumerGroupListItem,
  ConsumerHealthSummary,
  GovernanceAlertView,
  HistoryPoint,
  TopicConsumers,
  TopicDetail,
} from './model';

/** Told after each sweep of one cluster, once its new snapshot is being served. */
export interface SnapshotReady {
  cluster_id: string;
  collected_at: string;
  groups_count: number;
}

export type SnapshotListener = (event: SnapshotReady) => void;

/**
 * What the REST API, the WebSocket feed, the Prometheus gauges and the dashboard read. Everything except
 * `history` answers from the latest in-memory snapshot (collected on a schedule), so no request reaches the
 * cluster. `undefined` means "unknown cluster, group or topic"; an unknown cluster is told apart with
 * `hasCluster` so callers can list the known ones (`clusters()`).
 */
export interface GovernanceReadModel {
  /** Every configured cluster (Kafka clusters, then `redis`), in configuration order. */
  clusters(): ClusterSummary[];
  /** The cluster a request without `cluster_id` means (`local` unless configured otherwise). */
  defaultClusterId(): string;
  hasCluster(clusterId: string): boolean;
  listGroups(clusterId: string): ConsumerGroupListItem[] | undefined;
  group(clusterId: string, groupId: string): ConsumerGroupDetail | undefined;
  health(clusterId: string, groupId: string): ConsumerHealthSummary | undefined;
  topicConsumers(clusterId: string, topic: string): TopicConsumers | undefined;
  topicDetail(clusterId: string, topic: string): TopicDetail | undefined;
  /** Firing alerts (and those resolved in this process's lifetime when `includeResolved`), newest first. */
  alerts(clusterId: string, filter?: { groupId?: string; topic?: string; includeResolved?: boolean }): GovernanceAlertView[];
  /** Stored snapshots of one group between `from` and `to` (inclusive), oldest first, at most `limit`. */
  history(clusterId: string, groupId: string, from: Date, to: Date, limit?: number): Promise<HistoryPoint[]>;
  latestSweepAt(clusterId: string): Date | null;
  /** Subscribe to "a new snapshot of this cluster is served"; returns the unsubscribe function. */
  onSnapshot(listener: SnapshotListener): () => void;
}

/** Nest injection token for the GovernanceReadModel; the snapshots module provides it globally, so any module can inject it. */
export const GOVERNANCE_READ_MODEL = Symbol('GovernanceReadModel');
