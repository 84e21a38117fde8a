import type { Logger } from 'pino';
import type { AlertService } from '../alerts/alert-service';
import type { Collector } from '../collect/collected';
import type { GroupEventsReader } from '../collect/group-events-reader';
import type { Clock } from '../governance/clock';
import type { GovernanceReadModel, SnapshotListener } from '../governance/governance-read-model';
import type {
  ClusterSummary,
  ConsumerGroupDetail,
  ConsumerGroupListItem,
  ConsumerHealthSummary,
  GovernanceAlertView,
  HistoryPoint,
  TopicConsumers,
  TopicDetail,
} from '../governance/model';
import { restoreBuilderState, restoreWindows } from './builder-restore';
import type { ClusterSnapshot } from './cluster-snapshot';
import { SnapshotBuilder, SnapshotBuilderOptions } from './snapshot-builder';
import type { SnapshotStore } from './snapshot-store';
import { topicDetail, topicHealth } from './topic-views';

export interface SnapshotSweeperOptions {
  collectors: Collector[];
  defaultClusterId: string;
  builder: SnapshotBuilderOptions;
  store: SnapshotStore | null;
  alerts: AlertService;
  groupEvents: { reader: GroupEventsReader; clusterId: string } | null;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
  retentionMs: number;
}

interface ClusterState {
  collector: Collector;
  builder: SnapshotBuilder;
  latest: ClusterSnapshot | null;
  lastError: string | null;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<ClusterSnapshot | null> | null;
}

const RETENTION_EVERY_MS = 10 * 60_000;

/**
 * Collects every cluster on a schedule (one sweep at a time per cluster, never overlapping) and serves the
 * latest snapshot: requests never reach a cluster. Each sweep is built into views once, stored in Postgres,
 * judged for alerts, and announced to listeners (the WebSocket feed, the metrics cache).
 */
export class SnapshotSweeper implements GovernanceReadModel {
  private readonly clustersById = new Map<string, ClusterState>();
  private readonly listeners = new Set<SnapshotListener>();
  private stopped = false;
  private lastRetentionMs = -Infinity;
  /** Settles once `start` has put back what the previous process had (at once when never started). */
  private restored: Promise<void> = Promise.resolve();

  constructor(private readonly options: SnapshotSweeperOptions) {
    for (const collector of options.collectors) {
      this.clustersById.set(collector.clusterId, { collector, builder: new SnapshotBuilder(options.builder), latest: null, lastError: null, timer: null, inFlight: null });
    }
  }

  /**
   * Restores open alerts and each builder's history, then sweeps every cluster now and every interval after.
   * A sweep asked for meanwhile waits for the restore, so it never runs on a builder the restore then replaces.
   */
  start(): Promise<void> {
    this.restored = (async () => {
      for (const id of this.clustersById.keys()) {
        await this.options.alerts.restore(id).catch((error) => this.options.logger.error({ err: error, cluster_id: id }, 'restoring open alerts failed'));
        await this.restoreHistory(id).catch((error) => this.options.logger.error({ err: error, cluster_id: id }, 'restoring the sweep history failed; it starts empty'));
      }
    })();
    return this.restored.then(() => {
      for (const id of this.clustersById.keys()) this.schedule(id, 0);
    });
  }

  /** Whether every cluster has been swept once since start (successfully or not): until then the API has nothing to show. */
  get warm(): boolean {
    return [...this.clustersById.values()].every((s) => s.latest !== null || s.lastError !== null);
  }

  /**
   * Puts back what the previous process had learnt across sweeps (production curves, commit windows, rebalance
   * counts), so the first sweep after a restart has time lag and verdicts instead of waiting for new history.
   */
  async restoreHistory(clusterId: string): Promise<void> {
    const store = this.options.store;
    const s = this.clustersById.get(clusterId);
    if (!store || !s) return;
    const started = this.options.clock.now();
    const rows = await store.restoreRows(clusterId, restoreWindows(this.options.builder, this.options.intervalMs));
    s.builder.restore(restoreBuilderState(rows, this.options.builder));
    this.options.logger.info(
      { cluster_id: clusterId, end_offsets: rows.endOffsets.length, commits: rows.commits.length, snapshots: rows.snapshots.length, duration_ms: this.options.clock.now() - started },
      'sweep history restored from Postgres',
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.clustersById.values()) if (s.timer) clearTimeout(s.timer);
    await Promise.all([...this.clustersById.values()].map((s) => s.inFlight?.catch(() => undefined)));
    await Promise.all([...this.clustersById.values()].map((s) => s.collector.close()));
  }

  /** One sweep of one cluster (the schedule calls it; tests and the benchmark call it directly). */
  sweep(clusterId: string): Promise<ClusterSnapshot | null> {
    const s = this.clustersById.get(clusterId);
    if (!s) throw new Error(`unknown cluster ${clusterId}`);
    s.inFlight ??= this.restored.then(() => this.runSweep(clusterId, s)).finally(() => (s.inFlight = null));
    return s.inFlight;
  }

  private schedule(clusterId: string, delayMs: number): void {
    const s = this.clustersById.get(clusterId) as ClusterState;
    if (this.stopped) return;
    s.timer = setTimeout(async () => {
      const started = this.options.clock.now();
      await this.sweep(clusterId);
      this.schedule(clusterId, Math.max(0, this.options.intervalMs - (this.options.clock.now() - started)));
    }, delayMs);
    s.timer.unref();
  }

  private async runSweep(clusterId: string, s: ClusterState): Promise<ClusterSnapshot | null> {
    const { logger } = this.options;
    let snapshot: ClusterSnapshot;
    try {
      const collection = await s.collector.collect();
      const events = this.options.groupEvents && this.options.groupEvents.clusterId === clusterId ? await this.readGroupEvents() : [];
      snapshot = await s.builder.buildInSlices(collection, events);
    } catch (error) {
      s.lastError = (error as Error).message;
      logger.warn({ err: error, cluster_id: clusterId }, 'sweep failed; the previous snapshot is still served');
      return null;
    }
    s.latest = snapshot;
    s.lastError = null;
    logger.debug({ cluster_id: clusterId, groups: snapshot.groups.size, duration_ms: snapshot.durationMs }, 'sweep done');
    for (const listener of this.listeners) {
      try {
        listener({ cluster_id: clusterId, collected_at: new Date(snapshot.collectedAtMs).toISOString(), groups_count: snapshot.groups.size });
      } catch (error) {
        logger.error({ err: error }, 'a snapshot listener failed');
      }
    }
    await this.options.alerts.process(snapshot);
    await this.persist(snapshot);
    return snapshot;
  }

  private async readGroupEvents() {
    try {
      return await (this.options.groupEvents as { reader: GroupEventsReader }).reader.read();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'reading group events failed; rebalances are inferred from snapshots alone');
      return [];
    }
  }

  private async persist(snapshot: ClusterSnapshot): Promise<void> {
    const store = this.options.store;
    if (!store) return;
    try {
      const started = this.options.clock.now();
      const saved = await store.save(snapshot);
      const now = this.options.clock.now();
      this.options.logger.debug({ cluster_id: snapshot.clusterId, ...saved, duration_ms: now - started }, 'snapshot stored');
      if (now - this.lastRetentionMs >= RETENTION_EVERY_MS) {
        this.lastRetentionMs = now;
        const deleted = await store.deleteOlderThan(new Date(now - this.options.retentionMs));
        if (deleted.snapshots + deleted.rebalances > 0) this.options.logger.info(deleted, 'snapshot retention: old snapshots, their samples and rebalances deleted');
      }
    } catch (error) {
      this.options.logger.error({ err: error, cluster_id: snapshot.clusterId }, 'storing the snapshot failed');
    }
  }

  clusters(): ClusterSummary[] {
    return [...this.clustersById.entries()].map(([id, s]) => {
      const counts = { stable: 0, rebalancing: 0, other: 0 };
      let total = 0;
      for (const item of s.latest?.list ?? []) {
        if (item.state === 'Stable') counts.stable++;
        else if (item.state === 'PreparingRebalance' || item.state === 'CompletingRebalance') counts.rebalancing++;
        else counts.other++;
        total += item.total_lag ?? 0;
      }
      return {
        cluster_id: id,
        kind: s.collector.kind,
        last_sweep_at: s.latest ? new Date(s.latest.collectedAtMs).toISOString() : null,
        last_sweep_duration_ms: s.latest?.durationMs ?? null,
        last_error: s.lastError,
        groups_count: s.latest?.groups.size ?? 0,
        state_counts: counts,
        total_lag: total,
      };
    });
  }

  defaultClusterId(): string {
    return this.options.defaultClusterId;
  }

  hasCluster(clusterId: string): boolean {
    return this.clustersById.has(clusterId);
  }

  listGroups(clusterId: string): ConsumerGroupListItem[] | undefined {
    const s = this.clustersById.get(clusterId);
    return s ? (s.latest?.list ?? []) : undefined;
  }

  group(clusterId: string, groupId: string): ConsumerGroupDetail | undefined {
    return this.clustersById.get(clusterId)?.latest?.groups.get(groupId)?.detail;
  }

  health(clusterId: string, groupId: string): ConsumerHealthSummary | undefined {
    return this.clustersById.get(clusterId)?.latest?.groups.get(groupId)?.health;
  }

  topicConsumers(clusterId: string, topic: string): TopicConsumers | undefined {
    const latest = this.clustersById.get(clusterId)?.latest;
    const groups = latest && topicHealth(latest, topic);
    return groups ? { cluster_id: clusterId, topic, groups } : undefined;
  }

  topicDetail(clusterId: string, topic: string): TopicDetail | undefined {
    const latest = this.clustersById.get(clusterId)?.latest;
    return latest ? topicDetail(latest, topic, this.options.alerts.alerts(clusterId, false)) : undefined;
  }

  alerts(clusterId: string, filter: { groupId?: string; topic?: string; includeResolved?: boolean } = {}): GovernanceAlertView[] {
    return this.options.alerts
      .alerts(clusterId, filter.includeResolved ?? false)
      .filter((a) => (filter.groupId === undefined || a.group_id === filter.groupId) && (filter.topic === undefined || a.topic === filter.topic));
  }

  async history(clusterId: string, groupId: string, from: Date, to: Date, limit = 1000): Promise<HistoryPoint[]> {
    return this.options.store ? this.options.store.history(clusterId, groupId, from, to, limit) : [];
  }

  latestSweepAt(clusterId: string): Date | null {
    const latest = this.clustersById.get(clusterId)?.latest;
    return latest ? new Date(latest.collectedAtMs) : null;
  }

  onSnapshot(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
