import { setImmediate as nextTurn } from 'node:timers/promises';
import type { GroupEvent } from '@app/domain';
import type { ClusterCollection, CollectedCommit, CollectedGroup, CollectedTopic } from '../collect/collected';
import { CommitHistory } from '../governance/commit-history';
import { EndOffsetHistory } from '../governance/end-offset-history';
import { gini } from '../governance/gini';
import { groupStatus, healthStatus } from '../governance/health-status';
import { lagMetrics } from '../governance/lag-metrics';
import type { ConsumerGroupDetail, ConsumerGroupListItem, ConsumerHealthSummary, PartitionLagRow, TopicInfo } from '../governance/model';
import { partitionLag } from '../governance/partition-lag';
import { recommend } from '../governance/recommendation';
import { sloCompliance } from '../governance/slo';
import { resolveThresholds, ThresholdConfig } from '../governance/thresholds';
import { interpolateTimeLag } from '../governance/time-lag';
import { evaluatePartition } from '../governance/verdict';
import type { RestoredBuilderState } from './builder-restore';
import type { ClusterSnapshot, GroupView } from './cluster-snapshot';
import { RebalanceTracker } from './rebalance-tracker';
import { groupPartitionKey, partitionKey } from './state-keys';

export interface SnapshotBuilderOptions {
  thresholds: ThresholdConfig;
  /** Points kept per partition's production curve (kafka-lag-exporter keeps 60). */
  endOffsetHistoryPoints: number;
  rebalanceSnapshots: number;
  rebalanceMax: number;
}

interface Owner {
  memberId: string;
  clientId: string;
  host: string;
}

/**
 * Turns each sweep's raw collection of one cluster into the served snapshot. It keeps the state the
 * governance rules need across sweeps: each partition's production curve (time lag), each group-partition's
 * observed commits (verdicts), the rebalance history (score) and the previous total lag (trend).
 */
export class SnapshotBuilder {
  private endHistories = new Map<string, EndOffsetHistory>();
  private commitHistories = new Map<string, CommitHistory>();
  private previousTotals = new Map<string, number>();
  private readonly rebalances: RebalanceTracker;

  constructor(private readonly options: SnapshotBuilderOptions) {
    this.rebalances = new RebalanceTracker(options.rebalanceSnapshots, options.rebalanceMax);
  }

  /**
   * Starts from the state a previous process had built (`restoreBuilderState` over the stored samples and
   * snapshots), so time lag, verdicts and the rebalance score go on where they were instead of starting empty.
   */
  restore(state: RestoredBuilderState): void {
    this.endHistories = new Map(state.endHistories);
    this.commitHistories = new Map(state.commitHistories);
    this.previousTotals = new Map(state.previousTotals);
    for (const [groupId, r] of state.rebalances) this.rebalances.restore(groupId, r);
  }

  /** Builds the snapshot in one go (tests, benchmarks). */
  build(collection: ClusterCollection, groupEvents: readonly GroupEvent[] = []): ClusterSnapshot {
    const steps = this.steps(collection, groupEvents);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The same build, giving the event loop back every `groupsPerSlice` groups. A sweep of 1,000 groups × 50
   * partitions takes ~250 ms of CPU; in one piece it held every API request that arrived meanwhile for up to that
   * long (the p99 of the REST benchmark with a sweep landing was the build time). The builder's state is its own
   * and sweeps of a cluster never overlap, so nothing reads it half-updated; requests keep the previous snapshot.
   */
  async buildInSlices(collection: ClusterCollection, groupEvents: readonly GroupEvent[] = [], groupsPerSlice = 20): Promise<ClusterSnapshot> {
    const steps = this.steps(collection, groupEvents, groupsPerSlice);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await nextTurn();
    }
  }

  private *steps(collection: ClusterCollection, groupEvents: readonly GroupEvent[], groupsPerSlice = Infinity): Generator<void, ClusterSnapshot> {
    const now = collection.collectedAtMs;
    const seenEnds = new Set<string>();
    for (const topic of collection.topics.values()) {
      for (const p of topic.partitions) {
        const k = partitionKey(topic.name, p.partition);
        seenEnds.add(k);
        let h = this.endHistories.get(k);
        if (!h) this.endHistories.set(k, (h = new EndOffsetHistory(this.options.endOffsetHistoryPoints)));
        if (!h.add(p.endOffset, now) && p.endOffset < (h.snapshot().at(-1)?.offset ?? 0)) {
          // The log went backwards: the topic was recreated. Start its curve again.
          this.endHistories.set(k, (h = new EndOffsetHistory(this.options.endOffsetHistoryPoints)));
          h.add(p.endOffset, now);
        }
      }
    }
    for (const k of this.endHistories.keys()) if (!seenEnds.has(k)) this.endHistories.delete(k);

    this.rebalances.addEvents(groupEvents);
    const seenCommits = new Set<string>();
    const groups = new Map<string, GroupView>();
    const topicGroups = new Map<string, string[]>();
    let inSlice = 0;
    for (const g of collection.groups) {
      if (++inSlice > groupsPerSlice) {
        inSlice = 1;
        yield;
      }
      const view = this.buildGroup(collection, g, now, seenCommits);
      groups.set(g.groupId, view);
      for (const t of view.detail.topics) {
        const list = topicGroups.get(t) ?? [];
        list.push(g.groupId);
        topicGroups.set(t, list);
      }
    }
    for (const k of this.commitHistories.keys()) if (!seenCommits.has(k)) this.commitHistories.delete(k);
    for (const id of this.previousTotals.keys()) if (!groups.has(id)) this.previousTotals.delete(id);
    this.rebalances.endSweep(new Set(groups.keys()));

    const topics = new Map<string, TopicInfo>();
    for (const t of collection.topics.values()) topics.set(t.name, topicInfo(t));
    const list = [...groups.values()].map((v) => v.listItem).sort((a, b) => (a.group_id < b.group_id ? -1 : a.group_id > b.group_id ? 1 : 0));
    return { clusterId: collection.clusterId, kind: collection.kind, collectedAtMs: now, durationMs: collection.durationMs, groups, list, topics, topicGroups };
  }

  private buildGroup(collection: ClusterCollection, g: CollectedGroup, now: number, seenCommits: Set<string>): GroupView {
    const clusterId = collection.clusterId;
    const source = collection.kind;
    const owners = new Map<string, Owner>();
    const topicNames = new Set<string>();
    for (const m of g.members) {
      for (const a of m.assignment) {
        topicNames.add(a.topic);
        for (const p of a.partitions) owners.set(partitionKey(a.topic, p), { memberId: m.member_id, clientId: m.client_id, host: m.host });
      }
    }
    const commits = new Map<string, CollectedCommit>();
    for (const c of g.commits) {
      topicNames.add(c.topic);
      commits.set(partitionKey(c.topic, c.partition), c);
    }
    const topics = [...topicNames].sort();
    const thresholds = resolveThresholds(this.options.thresholds, g.groupId, topics);
    const windowMs = thresholds.stuck_detection_window_s * 1000;

    // Every partition of every topic the group reads: those without a commit are shown as such.
    const rows: PartitionLagRow[] = [];
    const committed = new Map<string, Set<number>>();
    for (const topic of topics) {
      const info = collection.topics.get(topic);
      const partitions = info ? info.partitions : g.commits.filter((c) => c.topic === topic).map((c) => ({ partition: c.partition, endOffset: 0, logStartOffset: 0 }));
      for (const p of partitions) {
        const commit = commits.get(partitionKey(topic, p.partition));
        const owner = owners.get(partitionKey(topic, p.partition)) ?? null;
        const row = this.partitionRow(g, topic, p, commit, owner, now, windowMs, seenCommits, source === 'redis');
        if (row.has_commit) {
          let set = committed.get(topic);
          if (!set) committed.set(topic, (set = new Set()));
          set.add(p.partition);
        }
        rows.push(row);
      }
    }

    const lags = rows.map((r) => ({ lag: r.lag, timeLagMs: r.time_lag_ms }));
    const metrics = lagMetrics(lags);
    const slo = sloCompliance(lags, { thresholdMs: thresholds.slo_threshold_p95_lag_ms, thresholdOffsets: thresholds.slo_threshold_lag_offsets });
    const generation = g.generation ?? this.rebalances.generationOf(g.groupId);
    const rb = this.rebalances.observe(g.groupId, { state: g.state, generation, members: g.members.map((m) => m.member_id).sort().join(',') }, g.members.length, now);
    const perMember = g.members.map((m) => m.partition_count);
    const fairness = gini(perMember);
    const status = groupStatus(rows.map((r) => r.verdict));
    const previousTotal = this.previousTotals.get(g.groupId);
    if (metrics.total_lag !== null) this.previousTotals.set(g.groupId, metrics.total_lag);
    const lagGrowing = previousTotal !== undefined && metrics.total_lag !== null && metrics.total_lag > previousTotal;
    const stuck = rows.filter((r) => r.verdict !== 'OK');
    const recommendation = recommend({
      totalPartitions: rows.length,
      stuck: stuck.map((r) => ({
        topic: r.topic,
        partition: r.partition,
        verdict: r.verdict,
        lag: r.lag,
        host: r.host,
        lastCommitAgeMs: r.evidence.last_commit_age_ms,
        windowStartOffset: r.evidence.window_start_offset,
        windowEndOffset: r.evidence.window_end_offset,
      })),
      partitionsPerMember: perMember,
      sloCompliance: slo,
      rebalanceScore: rb.score,
      fairnessGini: fairness,
      lagGrowing,
      thresholds,
    });
    const collectedAt = new Date(now).toISOString();
    const detail: ConsumerGroupDetail = {
      cluster_id: clusterId,
      group_id: g.groupId,
      source,
      state: g.state,
      members: g.members,
      partition_assignor: g.assignor,
      topics,
      generation,
      ...metrics,
      members_count: g.members.length,
      status,
      partitions: rows,
      collected_at: collectedAt,
    };
    const health: ConsumerHealthSummary = {
      cluster_id: clusterId,
      group_id: g.groupId,
      source,
      state: g.state,
      members_count: g.members.length,
      topics,
      slo_compliance: slo,
      rebalance_score: rb.score,
      fairness_gini: fairness,
      stuck_count: stuck.length,
      recommendation,
      status,
      health: healthStatus({
        status,
        sloCompliance: slo,
        rebalanceScore: rb.score,
        fairnessGini: fairness,
        rebalancing: g.state === 'PreparingRebalance' || g.state === 'CompletingRebalance',
        thresholds,
      }),
      stuck_partitions: stuck,
      thresholds,
      ...metrics,
      collected_at: collectedAt,
    };
    const listItem: ConsumerGroupListItem = {
      cluster_id: clusterId,
      group_id: g.groupId,
      source,
      state: g.state,
      members_count: g.members.length,
      partition_assignor: g.assignor,
      topics,
      status,
      stuck_count: stuck.length,
      ...metrics,
    };
    return { detail, health, listItem, rebalancesThisSweep: rb.rebalances, rebalancesObserved: rb.observed, committed };
  }

  private partitionRow(
    g: CollectedGroup,
    topic: string,
    p: { partition: number; endOffset: number; logStartOffset: number },
    commit: CollectedCommit | undefined,
    owner: Owner | null,
    now: number,
    windowMs: number,
    seenCommits: Set<string>,
    isRedis: boolean,
  ): PartitionLagRow {
    const committedOffset = commit?.committedOffset ?? null;
    const endHistory = this.endHistories.get(partitionKey(topic, p.partition))?.snapshot() ?? [];
    let lag: number | null;
    let hasCommit: boolean;
    let dataLost = false;
    let timeLag: number | null;
    let timeReason: string | null;
    const redis = commit?.redis;
    if (redis) {
      lag = redis.lag;
      hasCommit = true;
      timeLag = redis.oldestUndeliveredAgeMs;
      timeReason = timeLag === null ? 'stream entry ids are not millisecond timestamps' : null;
    } else {
      const r = partitionLag({ committedOffset, endOffset: p.endOffset, logStartOffset: p.logStartOffset });
      lag = r.lag;
      hasCommit = r.hasCommit;
      dataLost = r.dataLostToRetention;
      if (committedOffset === null || !hasCommit) {
        timeLag = null;
        timeReason = 'no committed offset';
      } else {
        const t = interpolateTimeLag(endHistory, dataLost ? p.logStartOffset : committedOffset, now);
        timeLag = t.ms;
        timeReason = t.unknownReason;
      }
    }

    const ck = groupPartitionKey(g.groupId, topic, p.partition);
    let history = this.commitHistories.get(ck);
    // A Redis group's position is `entries-read`; when Redis does not know it, there is nothing to track.
    const position = committedOffset;
    if (position !== null && lag !== null) {
      if (!history) this.commitHistories.set(ck, (history = new CommitHistory()));
      history.observe(position, now, lag, windowMs);
    }
    if (history) seenCommits.add(ck);

    const owned = isRedis ? g.members.some((m) => (m.inactive_ms ?? m.idle_ms ?? Infinity) < windowMs) : owner !== null && g.state === 'Stable';
    const verdict = evaluatePartition({ nowMs: now, windowMs, allowedLag: 0, lag, commits: history?.snapshot() ?? [], endOffsets: isRedis ? [] : endHistory, owned });
    return {
      topic,
      partition: p.partition,
      committed_offset: committedOffset,
      end_offset: p.endOffset,
      log_start_offset: p.logStartOffset,
      lag,
      time_lag_ms: timeLag,
      time_lag_unknown_reason: timeReason,
      has_commit: hasCommit,
      data_lost_to_retention: dataLost,
      verdict: verdict.verdict,
      evidence: verdict.evidence,
      member_id: owner?.memberId ?? null,
      client_id: owner?.clientId ?? null,
      host: owner?.host ?? null,
      pending: redis ? redis.pending : null,
      oldest_pending_age_ms: redis ? redis.oldestPendingAgeMs : null,
      entries_read: redis ? redis.entriesRead : null,
      lag_unknown_reason: redis ? redis.lagUnknownReason : null,
    };
  }
}

function topicInfo(t: CollectedTopic): TopicInfo {
  return {
    name: t.name,
    partitions: t.partitions.length,
    replication_factor: t.replicationFactor,
    retention_ms: t.retentionMs,
    retention_bytes: t.retentionBytes,
    retained_records: t.partitions.reduce((n, p) => n + Math.max(0, p.endOffset - p.logStartOffset), 0),
  };
}
