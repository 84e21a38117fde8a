import { Admin, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import type { Clock } from '../governance/clock';
import type { ConsumerGroupState, ConsumerMember } from '../governance/model';
import { decodeAssignment } from './assignment';
import type { ClusterCollection, CollectedCommit, CollectedGroup, CollectedTopic, Collector } from './collected';
import type { KafkaClusterConfig } from './kafka-cluster-config';
import { mapBounded } from './map-bounded';

export interface KafkaCollectorOptions {
  cluster: KafkaClusterConfig;
  clientId: string;
  /** Requests in flight at once (OffsetFetch per group, ListOffsets per topic). */
  concurrency: number;
  /** Topic metadata and configs change rarely: read them again after this long. */
  topicInfoRefreshMs: number;
  groupFilter: (groupId: string) => boolean;
  clock: Clock;
}

const DESCRIBE_BATCH = 100;
const STATES: readonly ConsumerGroupState[] = ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'];

interface TopicStatic {
  replicationFactor: number | null;
  retentionMs: number | null;
  retentionBytes: number | null;
}

/**
 * Reads a Kafka cluster's consumer groups through the Admin API only (ListGroups, DescribeGroups, OffsetFetch,
 * ListOffsets, Metadata, DescribeConfigs), so it works against our broker or any real Kafka unchanged.
 * kafkajs sends one OffsetFetch per group (it cannot batch groups as OffsetFetch v8 can); the calls run with
 * bounded concurrency over the one admin connection (bench/monitor-api measures what that costs).
 */
export class KafkaCollector implements Collector {
  readonly kind = 'kafka' as const;
  readonly clusterId: string;
  private readonly admin: Admin;
  private connected = false;
  private topicStatic = new Map<string, TopicStatic>();
  private topicStaticAtMs = -Infinity;

  constructor(private readonly options: KafkaCollectorOptions) {
    this.clusterId = options.cluster.clusterId;
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.cluster.brokers,
      ssl: options.cluster.ssl,
      sasl: options.cluster.sasl ?? undefined,
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      retry: { retries: 1 },
      logLevel: logLevel.NOTHING,
    });
    this.admin = kafka.admin();
  }

  async collect(): Promise<ClusterCollection> {
    const startedAt = this.options.clock.now();
    if (!this.connected) {
      await this.admin.connect();
      this.connected = true;
    }
    try {
      const listed = await this.admin.listGroups();
      const groupIds = listed.groups
        .filter((g) => g.protocolType === 'consumer' || g.protocolType === '')
        .map((g) => g.groupId)
        .filter(this.options.groupFilter)
        .sort();
      const [described, topicNames] = await Promise.all([this.describe(groupIds), this.admin.listTopics()]);
      const groups = await mapBounded(described, this.options.concurrency, async (g) => ({ ...g, commits: await this.fetchCommits(g.groupId) }));
      const topics = await this.collectTopics(topicNames, groups);
      return { clusterId: this.clusterId, kind: 'kafka', collectedAtMs: startedAt, durationMs: this.options.clock.now() - startedAt, groups, topics };
    } catch (error) {
      // A broken connection is rebuilt on the next sweep.
      this.connected = false;
      await this.admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.connected = false;
    await this.admin.disconnect().catch(() => undefined);
  }

  private async describe(groupIds: string[]): Promise<Omit<CollectedGroup, 'commits'>[]> {
    const batches: string[][] = [];
    for (let i = 0; i < groupIds.length; i += DESCRIBE_BATCH) batches.push(groupIds.slice(i, i + DESCRIBE_BATCH));
    const described = await mapBounded(batches, this.options.concurrency, (batch) => this.admin.describeGroups(batch));
    return described.flatMap((d) =>
      d.groups.map((g) => {
        const members: ConsumerMember[] = g.members.map((m) => {
          const assignment = decodeAssignment(m.memberAssignment);
          return {
            member_id: m.memberId,
            client_id: m.clientId,
            host: m.clientHost,
            group_instance_id: null,
            assignment,
            partition_count: assignment.reduce((n, tp) => n + tp.partitions.length, 0),
            pending: null,
            idle_ms: null,
            inactive_ms: null,
          };
        });
        return {
          groupId: g.groupId,
          state: STATES.includes(g.state as ConsumerGroupState) ? (g.state as ConsumerGroupState) : 'Unknown',
          assignor: g.protocol || '',
          // DescribeGroups carries no generation id; for our broker it comes from broker:group-events.
          generation: null,
          members,
        };
      }),
    );
  }

  /** OffsetFetch v3+ with no topic list answers every partition the group committed on. */
  private async fetchCommits(groupId: string): Promise<CollectedCommit[]> {
    const fetched = await this.admin.fetchOffsets({ groupId });
    const commits: CollectedCommit[] = [];
    for (const t of fetched) {
      for (const p of t.partitions) {
        const offset = Number(p.offset);
        commits.push({ topic: t.topic, partition: p.partition, committedOffset: offset >= 0 ? offset : null });
      }
    }
    return commits;
  }

  /** End and start offsets of every topic a group reads or is assigned, plus every other topic (for topic detail). */
  private async collectTopics(listed: string[], groups: CollectedGroup[]): Promise<Map<string, CollectedTopic>> {
    const names = new Set(listed.filter((t) => !t.startsWith('__')));
    for (const g of groups) {
      for (const c of g.commits) names.add(c.topic);
      for (const m of g.members) for (const a of m.assignment) names.add(a.topic);
    }
    const sorted = [...names].sort();
    await this.refreshTopicStatic(sorted);
    const offsets = await mapBounded(sorted, this.options.concurrency, async (name) => {
      try {
        return await this.admin.fetchTopicOffsets(name);
      } catch {
        return null; // deleted between listing and fetching: left out of this sweep
      }
    });
    const topics = new Map<string, CollectedTopic>();
    sorted.forEach((name, i) => {
      const o = offsets[i];
      if (!o) return;
      const info = this.topicStatic.get(name);
      topics.set(name, {
        name,
        partitions: o.map((p) => ({ partition: p.partition, endOffset: Number(p.high), logStartOffset: Number(p.low) })).sort((a, b) => a.partition - b.partition),
        replicationFactor: info?.replicationFactor ?? null,
        retentionMs: info?.retentionMs ?? null,
        retentionBytes: info?.retentionBytes ?? null,
      });
    });
    return topics;
  }

  private async refreshTopicStatic(names: string[]): Promise<void> {
    const now = this.options.clock.now();
    const missing = names.filter((n) => !this.topicStatic.has(n));
    if (missing.length === 0 && now - this.topicStaticAtMs < this.options.topicInfoRefreshMs) return;
    const fresh = new Map<string, TopicStatic>();
    try {
      const meta = await this.admin.fetchTopicMetadata({ topics: names });
      for (const t of meta.topics) fresh.set(t.name, { replicationFactor: t.partitions[0]?.replicas.length ?? null, retentionMs: null, retentionBytes: null });
      const configs = await this.admin.describeConfigs({
        includeSynonyms: false,
        resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms', 'retention.bytes'] })),
      });
      for (const r of configs.resources) {
        const info = fresh.get(r.resourceName);
        if (!info || r.errorCode) continue;
        for (const e of r.configEntries) {
          const value = e.configValue === null || e.configValue === '' ? null : Number(e.configValue);
          if (e.configName === 'retention.ms') info.retentionMs = value;
          if (e.configName === 'retention.bytes') info.retentionBytes = value;
        }
      }
    } catch {
      // Topic info is a nicety: offsets and groups are served without it.
    }
    for (const [name, info] of fresh) this.topicStatic.set(name, info);
    this.topicStaticAtMs = now;
  }
}
