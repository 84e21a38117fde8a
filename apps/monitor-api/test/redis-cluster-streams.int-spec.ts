import { createRedisClient, type RedisClient } from '@app/platform';
import { createTestDatabase, RedisClusterSet, ServiceProcess, startBrokerProcess, uniqueName, waitFor, type BrokerProcess, type TestDatabase } from '@app/testing';
import type { Cluster } from 'ioredis';
import { RedisCollector } from '../src/collect/redis-collector';
import { DEFAULT_THRESHOLDS } from '../src/governance/default-thresholds';
import { SnapshotBuilder } from '../src/snapshots/snapshot-builder';

const BASE = 1_700_000_000_000;
const NOW = BASE + 60_000;

/**
 * Redis Streams groups on a real three-master Redis Cluster, read through the client the service makes
 * (`createRedisClient` with REDIS_CLUSTER_NODES). SCAN answers for one node only, so streams on the other
 * masters would be missed if the collector scanned through the cluster client.
 */
describe('Redis Streams groups on Redis Cluster', () => {
  const prefix = uniqueName('mon-cluster');
  let set: RedisClusterSet;
  let admin: Cluster;
  let client: RedisClient;
  /** Stream name → the master port its slot lives on; at least two streams per master. */
  const streams = new Map<string, number>();

  function collector(redis: RedisClient, maxStreams = 100) {
    return new RedisCollector({ redis, streamPattern: `${prefix}:*`, maxStreams, concurrency: 4, groupFilter: () => true, clock: { now: () => NOW } });
  }

  function builder() {
    return new SnapshotBuilder({ thresholds: { global: DEFAULT_THRESHOLDS, topics: {}, groups: {} }, endOffsetHistoryPoints: 60, rebalanceSnapshots: 10, rebalanceMax: 5 });
  }

  beforeAll(async () => {
    set = await RedisClusterSet.start();
    admin = set.client();
    // Names without a hash tag, as users name their shards: their slots spread over the masters.
    const perPort = new Map<number, number>(set.ports.map((p) => [p, 0]));
    for (let i = 0; [...perPort.values()].some((n) => n < 2); i++) {
      const name = `${prefix}:orders:${i}`;
      const port = await set.portOf(name);
      if ((perPort.get(port) ?? 0) >= 2) continue;
      perPort.set(port, (perPort.get(port) ?? 0) + 1);
      streams.set(name, port);
    }
    // Stream i: 10 + i entries 1 s apart; group "workers" delivered 3 + i of them, 1 acknowledged; so its lag
    // is 7 entries and pending 2 + i, whatever master holds it.
    let i = 0;
    for (const name of streams.keys()) {
      for (let n = 1; n <= 10 + i; n++) await admin.xadd(name, `${BASE + n * 1000}-0`, 'n', String(n));
      await admin.xgroup('CREATE', name, 'workers', '0');
      await admin.xreadgroup('GROUP', 'workers', `w${i}`, 'COUNT', 3 + i, 'STREAMS', name, '>');
      await admin.xack(name, 'workers', `${BASE + 1000}-0`);
      i++;
    }
    // Keys the pattern matches that are not streams, and a stream it does not match.
    await admin.set(`${prefix}:not-a-stream`, 'x');
    await admin.xadd(`other-${prefix}`, '*', 'n', '1');
    await admin.xgroup('CREATE', `other-${prefix}`, 'outsiders', '0');
    client = createRedisClient({ kind: 'cluster', nodes: set.ports.map((port) => ({ host: '127.0.0.1', port })), url: 'redis://127.0.0.1:6379' });
  }, 90_000);

  afterAll(async () => {
    client?.disconnect();
    admin?.disconnect();
    await set?.stop();
  });

  it('finds streams on every master and reports each one\'s group with exact lag and pending', async () => {
    expect(new Set(streams.values()).size).toBe(3);
    const snapshot = builder().build(await collector(client).collect());
    const names = [...streams.keys()].sort();
    expect([...snapshot.topics.keys()].sort()).toEqual(names);
    const detail = snapshot.groups.get('workers')?.detail;
    expect(detail?.topics).toEqual(names);
    const expected = [...streams.keys()].map((name, i) => ({
      topic: name,
      lag: 7,
      pending: 2 + i,
      entries_read: 3 + i,
      end_offset: 10 + i,
      // The oldest undelivered entry is number 4 + i, added at BASE + (4 + i) s.
      time_lag_ms: NOW - (BASE + (4 + i) * 1000),
      // Entry 2 is the oldest delivered and not acknowledged.
      oldest_pending_age_ms: NOW - (BASE + 2000),
    }));
    expect(detail?.partitions.map((p) => ({ topic: p.topic, lag: p.lag, pending: p.pending, entries_read: p.entries_read, end_offset: p.end_offset, time_lag_ms: p.time_lag_ms, oldest_pending_age_ms: p.oldest_pending_age_ms }))).toEqual(
      expected.sort((a, b) => a.topic.localeCompare(b.topic)),
    );
    expect(detail?.total_lag).toBe(7 * streams.size);
    expect(detail?.members.map((m) => [m.member_id, m.pending]).sort()).toEqual([...streams.keys()].map((_, i) => [`w${i}`, 2 + i]).sort());
    expect(snapshot.groups.has('outsiders')).toBe(false);
  });

  it('keeps REDIS_MAX_STREAMS as the bound, choosing the same streams whichever node discovery starts from', async () => {
    const reversed = createRedisClient({ kind: 'cluster', nodes: [...set.ports].reverse().map((port) => ({ host: '127.0.0.1', port })), url: 'redis://127.0.0.1:6379' });
    try {
      const picks: string[][] = [];
      for (const redis of [client, reversed, client]) {
        const collection = await collector(redis, 3).collect();
        picks.push([...collection.topics.keys()]);
      }
      expect(picks[0]).toHaveLength(3);
      expect(picks[0]).toEqual([...picks[0]].sort());
      expect(picks[1]).toEqual(picks[0]);
      expect(picks[2]).toEqual(picks[0]);
    } finally {
      reversed.disconnect();
    }
  });

  it('runs as the built service on the cluster: ready, the group in the API with every stream\'s lag, its alert on the alerts stream', async () => {
    let broker: BrokerProcess | undefined;
    let db: TestDatabase | undefined;
    let monitor: ServiceProcess | undefined;
    const alerts = `alerts-${prefix}`;
    try {
      [broker, db] = await Promise.all([startBrokerProcess(), createTestDatabase()]);
      monitor = new ServiceProcess('monitor-api', {
        HTTP_PORT: '0',
        KAFKA_BROKERS: broker.bootstrap,
        DATABASE_URL: db.url,
        REDIS_CLUSTER_NODES: set.nodes,
        API_AUTH_DISABLED: 'true',
        REDIS_STREAM_PATTERN: `${prefix}:*`,
        SWEEP_INTERVAL_MS: '500',
        GROUP_EVENTS_STREAM: `group-events-${prefix}`,
        ALERTS_STREAM: alerts,
      });
      const base = `http://127.0.0.1:${await monitor.httpPort()}`;
      await waitFor(async () => (await fetch(`${base}/health/ready`)).status === 200, { what: 'monitor-api ready on the cluster', timeoutMs: 30_000 });
      const workers = await waitFor(async () => {
        const res = await fetch(`${base}/api/v1/consumers/groups/workers?cluster_id=redis`);
        return res.status === 200 ? ((await res.json()) as { topics: string[]; total_lag: number; partitions: { topic: string; lag: number }[] }) : undefined;
      }, { what: 'the workers group in the API', timeoutMs: 30_000 });
      expect(workers.topics).toEqual([...streams.keys()].sort());
      expect(workers.total_lag).toBe(7 * streams.size);
      expect(workers.partitions.map((p) => p.lag)).toEqual([...streams.keys()].map(() => 7));
      // Entries from 2023 left unread: an SLO violation, appended to the alerts stream on whichever master holds it.
      const alertGroups = await waitFor(async () => {
        const entries = (await admin.xrange(alerts, '-', '+')) as [string, string[]][];
        const groups = entries.map(([, fields]) => (JSON.parse(fields[fields.indexOf('data') + 1]) as { group_id?: string }).group_id);
        return groups.includes('workers') && groups;
      }, { what: 'an alert for workers on the alerts stream', timeoutMs: 30_000 });
      expect(alertGroups).toContain('workers');
    } finally {
      await monitor?.stop('SIGTERM');
      await broker?.stop();
      await db?.drop();
      await admin.del(alerts);
    }
  }, 90_000);

  it('reads a stream whose slot is being moved to another master, and finds it there once moved', async () => {
    const [name, from] = [...streams.entries()][0];
    const to = set.ports.find((p) => p !== from) as number;
    const slot = (await set.nodeCall(from, 'CLUSTER', 'KEYSLOT', name)) as number;
    const idOf = async (port: number) => (await set.nodeCall(port, 'CLUSTER', 'MYID')) as string;
    const [fromId, toId] = [await idOf(from), await idOf(to)];
    const readWorkers = async () => builder().build(await collector(client).collect()).groups.get('workers')?.detail;

    // Mid-migration: the keys are on the importing master, which SCAN finds them on but which answers MOVED
    // to anyone who did not send ASKING; the collector must read them through the cluster client instead.
    await set.nodeCall(to, 'CLUSTER', 'SETSLOT', slot, 'IMPORTING', fromId);
    await set.nodeCall(from, 'CLUSTER', 'SETSLOT', slot, 'MIGRATING', toId);
    const keys = (await set.nodeCall(from, 'CLUSTER', 'GETKEYSINSLOT', slot, 100)) as string[];
    expect(keys).toContain(name);
    await set.nodeCall(from, 'MIGRATE', '127.0.0.1', to, '', 0, 5000, 'KEYS', ...keys);
    const during = await readWorkers();
    expect(during?.topics).toEqual([...streams.keys()].sort());
    expect(during?.partitions.find((p) => p.topic === name)).toMatchObject({ lag: 7, pending: 2, entries_read: 3 });

    // Moved: the next sweep finds the stream on its new master.
    for (const port of set.ports) await set.nodeCall(port, 'CLUSTER', 'SETSLOT', slot, 'NODE', toId);
    const after = await readWorkers();
    expect(after?.topics).toEqual([...streams.keys()].sort());
    expect(after?.partitions.find((p) => p.topic === name)).toMatchObject({ lag: 7, pending: 2, entries_read: 3 });
  });
});
