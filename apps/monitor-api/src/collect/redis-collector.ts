import { isCluster, type RedisClient } from '@app/platform';
import type { Redis } from 'ioredis';
import type { Clock } from '../governance/clock';
import type { ConsumerMember } from '../governance/model';
import type { ClusterCollection, CollectedCommit, CollectedGroup, CollectedTopic, Collector } from './collected';
import { mapBounded } from './map-bounded';
import { flatRecord, numberOrNull, streamIdMs } from './xinfo-replies';

export const REDIS_CLUSTER_ID = 'redis';

export interface RedisCollectorOptions {
  /** One node, a Sentinel-managed master, or a Redis Cluster (every master is scanned). */
  redis: RedisClient;
  /** SCAN MATCH pattern selecting the streams to watch. */
  streamPattern: string;
  maxStreams: number;
  concurrency: number;
  groupFilter: (groupId: string) => boolean;
  clock: Clock;
}

const NULL_LAG_REASON =
  'Redis cannot compute this lag: the group was moved to an arbitrary id (XGROUP SETID) or entries after its last-delivered-id were deleted; it is known again once the group reads the last entry';

/** A connection that answers for a stream's key: the master SCAN found it on, or the client itself. */
type StreamConnection = Pick<Redis, 'call'>;

interface FoundStream {
  key: string;
  connection: StreamConnection;
}

interface StreamGroupRead {
  group: string;
  consumers: ConsumerMember[];
  commit: CollectedCommit;
}

/**
 * Redis Streams groups as the cluster `redis`: each stream is a topic of one partition, each group name one
 * group across the streams it exists on. Figures come from XINFO STREAM / GROUPS / CONSUMERS and XPENDING;
 * time lag is exact because stream ids begin with their millisecond timestamp.
 */
/**
 * A group's lag from XINFO GROUPS' `lag`, or why it is unknown. `caughtUp`: nothing follows its last-delivered-id
 * (XRANGE), so nothing waits for it and the lag is 0 whatever Redis counts: Redis 7.0.15 was seen reporting a
 * steady `lag 6` (entries-added − entries-read) on caught-up groups of a stream with deleted entries, which read
 * as a partition whose lag never falls (WARN, a stuck-partition alert) while the consumers kept up.
 */
export function streamGroupLag(reported: number | null, caughtUp: boolean): { lag: number | null; lagUnknownReason: string | null } {
  if (caughtUp) return { lag: 0, lagUnknownReason: null };
  if (reported === null) return { lag: null, lagUnknownReason: NULL_LAG_REASON };
  if (reported < 0) return { lag: null, lagUnknownReason: `Redis reported a negative lag (${reported}), which is invalid (redis #14257)` };
  return { lag: reported, lagUnknownReason: null };
}

export class RedisCollector implements Collector {
  readonly clusterId = REDIS_CLUSTER_ID;
  readonly kind = 'redis' as const;

  constructor(private readonly options: RedisCollectorOptions) {}

  async collect(): Promise<ClusterCollection> {
    const startedAt = this.options.clock.now();
    const streams = await this.scanStreams();
    const perStream = await mapBounded(streams, this.options.concurrency, (stream) => this.readStreamWherever(stream));
    const topics = new Map<string, CollectedTopic>();
    const groups = new Map<string, CollectedGroup>();
    for (const read of perStream) {
      if (!read) continue;
      topics.set(read.topic.name, read.topic);
      for (const g of read.groups) {
        let group = groups.get(g.group);
        if (!group) {
          group = { groupId: g.group, state: 'Empty', assignor: 'redis-streams', generation: null, members: [], commits: [] };
          groups.set(g.group, group);
        }
        group.commits.push(g.commit);
        mergeMembers(group.members, g.consumers);
        if (group.members.length > 0) group.state = 'Stable';
      }
    }
    const sorted = [...groups.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
    return { clusterId: this.clusterId, kind: 'redis', collectedAtMs: startedAt, durationMs: this.options.clock.now() - startedAt, groups: sorted, topics };
  }

  async close(): Promise<void> {
    // The Redis connection belongs to the app's RedisModule.
  }

  /**
   * The streams to read, sorted by name, at most `maxStreams`. SCAN only walks the keys of the node it is sent
   * to, so on a Redis Cluster every master is scanned (in host:port order, so a bounded sweep stops at the same
   * place each time while the cluster's shape stays the same) and the keys merged; each key remembers its
   * master, because XINFO names its key after a subcommand and ioredis cannot route it by slot.
   */
  private async scanStreams(): Promise<FoundStream[]> {
    const redis = this.options.redis;
    const found = new Map<string, StreamConnection>();
    if (!isCluster(redis)) {
      await this.scanNode(redis, found);
    } else {
      const masters = redis.nodes('master');
      // No master known (not yet connected, or the slot map being rebuilt): a failed sweep, not a Redis without groups.
      if (masters.length === 0) throw new Error('no Redis Cluster master is known to scan for streams');
      const ordered = [...masters].sort((a, b) => nodeName(a).localeCompare(nodeName(b)));
      for (const node of ordered) {
        if (found.size >= this.options.maxStreams) break;
        await this.scanNode(node, found);
      }
    }
    return [...found.keys()]
      .sort()
      .slice(0, this.options.maxStreams)
      .map((key) => ({ key, connection: found.get(key) as StreamConnection }));
  }

  private async scanNode(node: Redis, found: Map<string, StreamConnection>): Promise<void> {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', this.options.streamPattern, 'COUNT', 1000, 'TYPE', 'stream');
      cursor = next;
      for (const k of batch) found.set(k, node);
    } while (cursor !== '0' && found.size < this.options.maxStreams);
  }

  /**
   * Reads a stream on the master SCAN found it on. Should its slot have moved since (resharding, failover), the
   * node answers MOVED or ASK and the stream is read again through the cluster client, which follows redirects.
   */
  private async readStreamWherever(stream: FoundStream): Promise<{ topic: CollectedTopic; groups: StreamGroupRead[] } | null> {
    if (stream.connection === this.options.redis) return this.readStream(stream.key, stream.connection);
    try {
      return await this.readStream(stream.key, stream.connection);
    } catch (error) {
      if (!/^(MOVED|ASK) /.test((error as Error).message)) throw error;
      return this.readStream(stream.key, this.options.redis);
    }
  }

  private async readStream(key: string, redis: StreamConnection): Promise<{ topic: CollectedTopic; groups: StreamGroupRead[] } | null> {
    let streamInfo: unknown[];
    let groupsInfo: unknown[][];
    try {
      [streamInfo, groupsInfo] = (await Promise.all([redis.call('XINFO', 'STREAM', key), redis.call('XINFO', 'GROUPS', key)])) as [unknown[], unknown[][]];
    } catch (error) {
      if (/^(MOVED|ASK) /.test((error as Error).message)) throw error;
      return null; // deleted since the scan
    }
    const info = flatRecord(streamInfo);
    const length = numberOrNull(info.get('length')) ?? 0;
    const entriesAdded = numberOrNull(info.get('entries-added')) ?? length;
    const topic: CollectedTopic = {
      name: key,
      partitions: [{ partition: 0, endOffset: entriesAdded, logStartOffset: Math.max(0, entriesAdded - length) }],
      replicationFactor: null,
      retentionMs: null,
      retentionBytes: null,
    };
    const groups = groupsInfo.map(flatRecord).filter((g) => this.options.groupFilter(String(g.get('name'))));
    const reads = await Promise.all(groups.map((g) => this.readGroup(key, g, redis)));
    return { topic, groups: reads };
  }

  private async readGroup(key: string, g: Map<string, unknown>, redis: StreamConnection): Promise<StreamGroupRead> {
    const group = String(g.get('name'));
    const lastDelivered = String(g.get('last-delivered-id') ?? '0-0');
    const [consumersReply, pendingReply, nextReply] = (await Promise.all([
      redis.call('XINFO', 'CONSUMERS', key, group),
      redis.call('XPENDING', key, group),
      redis.call('XRANGE', key, `(${lastDelivered}`, '+', 'COUNT', '1'),
    ])) as [unknown[][], [number, string | null, string | null, [string, string][] | null], [string, string[]][]];
    const now = this.options.clock.now();

    const { lag, lagUnknownReason } = streamGroupLag(numberOrNull(g.get('lag')), nextReply.length === 0);
    const nextMs = streamIdMs(nextReply[0]?.[0]);
    const minPendingMs = streamIdMs(pendingReply[1]);
    const consumers: ConsumerMember[] = consumersReply.map((flat) => {
      const c = flatRecord(flat);
      return {
        member_id: String(c.get('name')),
        client_id: String(c.get('name')),
        host: '',
        group_instance_id: null,
        assignment: [{ topic: key, partitions: [0] }],
        partition_count: 1,
        pending: numberOrNull(c.get('pending')) ?? 0,
        idle_ms: numberOrNull(c.get('idle')),
        // Redis 7.2 reports -1 for a consumer that never read successfully.
        inactive_ms: nonNegativeOrNull(numberOrNull(c.get('inactive'))),
      };
    });
    return {
      group,
      consumers,
      commit: {
        topic: key,
        partition: 0,
        committedOffset: numberOrNull(g.get('entries-read')),
        redis: {
          lag,
          lagUnknownReason,
          pending: Number(pendingReply[0] ?? 0),
          // Nothing after last-delivered-id: nothing is waiting. An id without a timestamp: unknown.
          oldestUndeliveredAgeMs: nextReply.length === 0 ? 0 : nextMs === null ? null : Math.max(0, now - nextMs),
          oldestPendingAgeMs: minPendingMs === null ? null : Math.max(0, now - minPendingMs),
          entriesRead: numberOrNull(g.get('entries-read')),
        },
      },
    };
  }
}

function nodeName(node: Redis): string {
  return `${node.options.host ?? ''}:${node.options.port ?? ''}`;
}

/** A consumer present on several streams is one member holding one partition of each. */
function mergeMembers(into: ConsumerMember[], add: ConsumerMember[]): void {
  for (const c of add) {
    const existing = into.find((m) => m.member_id === c.member_id);
    if (!existing) {
      into.push({ ...c, assignment: [...c.assignment] });
      continue;
    }
    existing.assignment.push(...c.assignment);
    existing.partition_count += c.partition_count;
    existing.pending = (existing.pending ?? 0) + (c.pending ?? 0);
    existing.idle_ms = minOrNull(existing.idle_ms, c.idle_ms);
    existing.inactive_ms = minOrNull(existing.inactive_ms, c.inactive_ms);
  }
}

function nonNegativeOrNull(n: number | null): number | null {
  return n !== null && n >= 0 ? n : null;
}

function minOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
