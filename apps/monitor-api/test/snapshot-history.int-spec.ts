import { encodeStreamEntry } from '@app/domain';
import { createPrismaClient, DbClient } from '@app/db';
import { BrokerProcess, createTestDatabase, startBrokerProcess, TestDatabase, uniqueName, waitFor } from '@app/testing';
import Redis from 'ioredis';
import type { ConsumerGroupDetail } from '../src/governance/model';
import { SnapshotStore } from '../src/snapshots/snapshot-store';
import { KafkaClients } from './support/kafka-clients';
import { startTestMonitor, TestMonitor } from './support/monitor-service';

/**
 * What the sweeps leave in Postgres (lag samples, rebalances, retention) and what a restarted monitor-api
 * restores from it. The tests run in order on one database: the restart continues the first test's sweeps.
 */
const prefix = uniqueName('mon-history');
const eventsStream = `${prefix}:group-events`;
const topic = uniqueName('orders');
const group = uniqueName('billing');
let broker: BrokerProcess;
let db: TestDatabase;
let prisma: DbClient;
let redis: Redis;
let clients: KafkaClients;
let monitor: TestMonitor | null = null;
const sweepTimes: Date[] = [];

// Only the events this file appends: the broker's own stream is shared with every other test.
const env = () => ({ KAFKA_BROKERS: broker.bootstrap, DATABASE_URL: db.url, REDIS_STREAMS_ENABLED: 'false', GROUP_EVENTS_STREAM: eventsStream, ALERTS_STREAM: `${prefix}:alerts` });

beforeAll(async () => {
  [broker, db] = await Promise.all([startBrokerProcess({ BROKER_GROUP_LOG_FSYNC: 'false' }), createTestDatabase()]);
  prisma = createPrismaClient(db.url, 2);
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  clients = new KafkaClients(broker.bootstrap);
});

afterAll(async () => {
  await monitor?.stop();
  await clients?.close();
  await redis?.del(eventsStream, `${prefix}:alerts`);
  await redis?.quit();
  await prisma?.$disconnect();
  await broker?.stop();
  await db?.drop();
});

async function storedSamples(capturedAt: Date) {
  return prisma.$queryRaw<{ partition: number; committed_offset: bigint | null; end_offset: bigint; lag: bigint | null; time_lag_ms: bigint | null; verdict: string; member_id: string | null }[]>`
    SELECT s.partition, s.committed_offset, s.end_offset, s.lag, s.time_lag_ms, s.verdict, s.member_id
    FROM monitor.partition_lag_samples s JOIN monitor.group_snapshots g ON g.id = s.snapshot_id
    WHERE g.group_id = ${group} AND g.captured_at = ${capturedAt} ORDER BY s.partition`;
}

const asNumber = (n: bigint | null) => (n === null ? null : Number(n));

async function sweepAndRead(m: TestMonitor): Promise<ConsumerGroupDetail> {
  await m.sweeper.sweep('local');
  const { status, body } = await m.get<ConsumerGroupDetail>(`/api/v1/consumers/groups/${group}`);
  expect(status).toBe(200);
  sweepTimes.push(new Date(body.collected_at));
  return body;
}

describe('snapshot history in Postgres', () => {
  it('stores one lag sample per group-partition as the API reports it for that sweep, and a rebalance once however often it is seen', async () => {
    await clients.createTopic(topic, 3);
    await clients.produce(topic, [5, 3, 0]);
    const { consumer, read } = await clients.consume(group, topic);
    await waitFor(() => read() === 8, { what: '8 records consumed' });
    await clients.stopConsumer(consumer); // commits 5 and 3
    // A rebalance told by the broker's event stream, long enough ago that retention can be shown on it below.
    const rebalancedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    await redis.xadd(eventsStream, '*', ...encodeStreamEntry({ type: 'rebalance_completed', group_id: group, generation: 7, at: rebalancedAt, reason: 'member joined', members: 1, duration_ms: 40 }));

    monitor = await startTestMonitor(env());
    const first = await sweepAndRead(monitor);
    await clients.produce(topic, [4, 0, 0]);
    const second = await sweepAndRead(monitor);

    for (const [i, body] of [first, second].entries()) {
      const rows = await storedSamples(sweepTimes[i]);
      expect(rows.map((r) => [r.partition, asNumber(r.committed_offset), Number(r.end_offset), asNumber(r.lag), asNumber(r.time_lag_ms), r.verdict, r.member_id])).toEqual(
        body.partitions.map((p) => [p.partition, p.committed_offset, p.end_offset, p.lag, p.time_lag_ms, p.verdict, p.member_id]),
      );
    }
    // The second sweep's partition 0 sits 4 records behind the end: the sample says so, with its time lag.
    expect(second.partitions.map((p) => [p.partition, p.lag])).toEqual([[0, 4], [1, 0], [2, null]]);
    expect(second.partitions[0].time_lag_ms).toEqual(expect.any(Number));

    const rebalances = await prisma.rebalanceEvent.findMany({ where: { groupId: group } });
    expect(rebalances).toEqual([expect.objectContaining({ clusterId: 'local', generation: 7, kind: 'completed', reason: 'member joined', memberCount: 1, durationMs: 40, occurredAt: new Date(rebalancedAt) })]);
  });

  it('restarted on the same database, reports time lag on its first sweep and stores the re-read rebalance no second time', async () => {
    await (monitor as TestMonitor).stop();
    monitor = null;
    // The reader of the new process starts its look-back again, so it reads the same rebalance event a second time.
    monitor = await startTestMonitor(env());
    const m = monitor;
    // The schedule's first sweep runs at start; nothing else sweeps before it is read here.
    await waitFor(() => m.sweeper.latestSweepAt('local') !== null, { what: 'the first sweep after the restart' });
    const { body } = await m.get<ConsumerGroupDetail>(`/api/v1/consumers/groups/${group}`);
    // Offset 5 was the end at the first sweep of the previous process: without its curve this would be unknown
    // (one end-offset point only), with it the age of offset 5 is known.
    const p0 = body.partitions[0];
    expect([p0.committed_offset, p0.end_offset, p0.time_lag_unknown_reason]).toEqual([5, 9, null]);
    // Offset 5 was produced by the first sweep at the latest and was still the end then: its age is since that sweep.
    expect(p0.time_lag_ms).toBe(new Date(body.collected_at).getTime() - sweepTimes[0].getTime());

    await waitFor(async () => (await prisma.groupSnapshot.count({ where: { groupId: group, capturedAt: new Date(body.collected_at) } })) === 1, { what: 'the first sweep stored' });
    expect(await prisma.rebalanceEvent.count({ where: { groupId: group } })).toBe(1);
  });

  it('retention deletes snapshots, their lag samples and rebalances older than the cut, and keeps the rest', async () => {
    const store = new SnapshotStore(prisma);
    const count = async () => ({
      snapshots: await prisma.groupSnapshot.count({ where: { groupId: group } }),
      samples: await prisma.partitionLagSample.count({ where: { snapshot: { groupId: group } } }),
      rebalances: await prisma.rebalanceEvent.count({ where: { groupId: group } }),
    });
    const before = await count();
    expect(before).toMatchObject({ rebalances: 1 });
    expect(before.snapshots).toBeGreaterThanOrEqual(3);
    // Cut between the first and the second sweep of the first process (the rebalance is two hours old).
    const cut = new Date(sweepTimes[1].getTime() - 1);
    const olderSnapshots = await prisma.groupSnapshot.count({ where: { groupId: group, capturedAt: { lt: cut } } });
    expect(olderSnapshots).toBeGreaterThanOrEqual(1);
    await store.deleteOlderThan(cut);
    expect(await count()).toEqual({ snapshots: before.snapshots - olderSnapshots, samples: before.samples - olderSnapshots * 3, rebalances: 0 });
    expect(await storedSamples(sweepTimes[0])).toEqual([]);
    expect(await storedSamples(sweepTimes[1])).toHaveLength(3);
  });
});
