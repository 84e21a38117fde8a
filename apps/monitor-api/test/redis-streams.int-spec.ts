import { uniqueName } from '@app/testing';
import Redis from 'ioredis';
import { RedisCollector } from '../src/collect/redis-collector';
import { DEFAULT_THRESHOLDS } from '../src/governance/default-thresholds';
import { SnapshotBuilder } from '../src/snapshots/snapshot-builder';

const prefix = uniqueName('mon-redis');
const BASE = 1_700_000_000_000;
const NOW = BASE + 10_000;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis('redis://127.0.0.1:6379');
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

function collector() {
  return new RedisCollector({ redis, streamPattern: `${prefix}:*`, maxStreams: 100, concurrency: 4, groupFilter: () => true, clock: { now: () => NOW } });
}

function builder() {
  return new SnapshotBuilder({ thresholds: { global: DEFAULT_THRESHOLDS, topics: {}, groups: {} }, endOffsetHistoryPoints: 60, rebalanceSnapshots: 10, rebalanceMax: 5 });
}

describe('Redis Streams groups through XINFO and XPENDING', () => {
  it('reports delivered, pending and undelivered entries, with time lag exact from the stream ids', async () => {
    const stream = `${prefix}:orders`;
    // Five entries produced 1 s apart; the group is delivered three, acknowledges one.
    for (let i = 1; i <= 5; i++) await redis.xadd(stream, `${BASE + i * 1000}-0`, 'data', `{"n":${i}}`);
    await redis.xgroup('CREATE', stream, 'workers', '0');
    await redis.xreadgroup('GROUP', 'workers', 'w1', 'COUNT', 3, 'STREAMS', stream, '>');
    await redis.xack(stream, 'workers', `${BASE + 1000}-0`);

    const collection = await collector().collect();
    expect(collection.clusterId).toBe('redis');
    const snapshot = builder().build(collection);
    const detail = snapshot.groups.get('workers')?.detail;
    expect(detail).toMatchObject({ cluster_id: 'redis', source: 'redis', state: 'Stable', members_count: 1, topics: [stream], total_lag: 2 });
    expect(detail?.members).toEqual([expect.objectContaining({ member_id: 'w1', pending: 2, partition_count: 1 })]);
    expect(detail?.partitions).toEqual([
      expect.objectContaining({
        topic: stream,
        partition: 0,
        lag: 2, // entries 4 and 5 never delivered
        entries_read: 3,
        pending: 2, // entries 2 and 3 delivered, not acknowledged
        time_lag_ms: 6_000, // entry 4 was added at BASE + 4 s; now is BASE + 10 s
        oldest_pending_age_ms: 8_000, // entry 2, added at BASE + 2 s
        end_offset: 5,
        lag_unknown_reason: null,
      }),
    ]);
    expect(snapshot.topics.get(stream)).toMatchObject({ partitions: 1, replication_factor: null, retained_records: 5 });
  });

  it('keeps a lag Redis cannot compute as unknown, says why, and still gives the exact time lag', async () => {
    const stream = `${prefix}:audit`;
    for (let i = 1; i <= 4; i++) await redis.xadd(stream, `${BASE + i * 1000}-0`, 'data', '{}');
    // A group placed at an arbitrary id: Redis cannot know how many entries it has read.
    await redis.xgroup('CREATE', stream, 'replayer', `${BASE + 2500}-0`);

    const snapshot = builder().build(await collector().collect());
    const row = snapshot.groups.get('replayer')?.detail.partitions[0];
    expect(row).toMatchObject({ lag: null, entries_read: null, time_lag_ms: 7_000, pending: 0 });
    expect(row?.lag_unknown_reason).toMatch(/XGROUP SETID/);
    expect(snapshot.groups.get('replayer')?.detail).toMatchObject({ state: 'Empty', total_lag: null, partitions_without_commit: 1 });
  });

  it('merges one group name across streams into one group, a partition per stream', async () => {
    const a = `${prefix}:shard:0`;
    const b = `${prefix}:shard:1`;
    for (const s of [a, b]) {
      await redis.xadd(s, `${BASE + 1000}-0`, 'data', '{}');
      await redis.xgroup('CREATE', s, 'persistence', '$');
    }
    await redis.xadd(a, `${BASE + 9000}-0`, 'data', '{}');
    await redis.xgroup('CREATECONSUMER', b, 'persistence', 'c1');
    const detail = builder().build(await collector().collect()).groups.get('persistence')?.detail;
    expect(detail?.topics).toEqual([a, b]);
    expect(detail?.partitions.map((p) => [p.topic, p.lag, p.time_lag_ms])).toEqual([
      [a, 1, 1_000],
      [b, 0, 0],
    ]);
    expect(detail?.members).toEqual([expect.objectContaining({ member_id: 'c1', assignment: [{ topic: b, partitions: [0] }] })]);
  });
});
