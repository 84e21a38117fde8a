import type { GovernanceReadModel, SnapshotListener } from '../../src/governance/governance-read-model';
import type { ClusterSummary, ConsumerGroupDetail, ConsumerGroupListItem, ConsumerHealthSummary, HistoryPoint } from '../../src/governance/model';
import { healthOf } from './governance-fixtures';

/**
 * A GovernanceReadModel over groups a test sets directly, for tests of what reads the model (live
 * feed, gauges) rather than of the collection behind it. `publish()` plays a finished sweep.
 */
export class InMemoryReadModel implements GovernanceReadModel {
  private readonly groups = new Map<string, Map<string, { detail: ConsumerGroupDetail; health: ConsumerHealthSummary }>>();
  private readonly listeners = new Set<SnapshotListener>();
  readonly historyPoints: HistoryPoint[] = [];

  constructor(private readonly clusterIds: string[] = ['local', 'redis']) {
    for (const id of clusterIds) this.groups.set(id, new Map());
  }

  set(detail: ConsumerGroupDetail, health: ConsumerHealthSummary = healthOf(detail)): void {
    this.groups.get(detail.cluster_id)?.set(detail.group_id, { detail, health });
  }

  remove(clusterId: string, groupId: string): void {
    this.groups.get(clusterId)?.delete(groupId);
  }

  publish(clusterId = 'local'): void {
    for (const listener of this.listeners) listener({ cluster_id: clusterId, collected_at: new Date().toISOString(), groups_count: this.groups.get(clusterId)?.size ?? 0 });
  }

  clusters(): ClusterSummary[] {
    return this.clusterIds.map((id) => ({
      cluster_id: id, kind: id === 'redis' ? 'redis' : 'kafka', last_sweep_at: null, last_sweep_duration_ms: null, last_error: null,
      groups_count: this.groups.get(id)?.size ?? 0, state_counts: { stable: 0, rebalancing: 0, other: 0 }, total_lag: 0,
    }));
  }

  defaultClusterId(): string {
    return this.clusterIds[0];
  }

  hasCluster(clusterId: string): boolean {
    return this.groups.has(clusterId);
  }

  listGroups(clusterId: string): ConsumerGroupListItem[] | undefined {
    const groups = this.groups.get(clusterId);
    if (!groups) return undefined;
    return [...groups.values()].map(({ detail, health }) => {
      const { members, partitions, generation, collected_at, ...rest } = detail;
      void members; void partitions; void generation; void collected_at;
      return { ...rest, stuck_count: health.stuck_count };
    });
  }

  group(clusterId: string, groupId: string): ConsumerGroupDetail | undefined {
    return this.groups.get(clusterId)?.get(groupId)?.detail;
  }

  health(clusterId: string, groupId: string): ConsumerHealthSummary | undefined {
    return this.groups.get(clusterId)?.get(groupId)?.health;
  }

  topicConsumers(): undefined {
    return undefined;
  }

  topicDetail(): undefined {
    return undefined;
  }

  alerts(): [] {
    return [];
  }

  async history(): Promise<HistoryPoint[]> {
    return this.historyPoints;
  }

  latestSweepAt(): Date | null {
    return null;
  }

  onSnapshot(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
