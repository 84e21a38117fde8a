import { BrokerProcess, createTestDatabase, startBrokerProcess, TestDatabase, uniqueName, waitFor } from '@app/testing';
import Redis from 'ioredis';
import { Client } from 'pg';
import { KafkaClients } from './support/kafka-clients';
import { waitForCommitted } from './support/monitor-process';
import { startTestMonitor, TestMonitor } from './support/monitor-service';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * COLLECT_GROUP_INCLUDE / COLLECT_GROUP_EXCLUDE on a running monitor-api (in this process, our broker and the
 * shared Redis): a skipped group is neither served, stored nor alerted on, for Kafka and Redis Streams groups
 * alike, while the groups the expressions keep are. Every group has lag over the SLO, so each one kept opens an
 * alert and the absence of one for a skipped group is the filter's doing.
 */
describe('groups skipped at collection time', () => {
  const p = uniqueName('cgf');
  const alertsStream = `${p}:alerts`;
  const topic = `${p}-orders`;
  const stream = `${p}:events`;
  const kept = { kafka: `${p}-keep-billing`, redis: `${p}-keep-redis` };
  const skipped = { kafka: `${p}-skip-audit`, redis: `${p}-skip-redis`, outside: `outside-${p}` };
  let broker: BrokerProcess;
  let db: TestDatabase;
  let clients: KafkaClients;
  let redis: Redis;
  let monitor: TestMonitor;

  beforeAll(async () => {
    [broker, db] = await Promise.all([startBrokerProcess({ BROKER_GROUP_LOG_FSYNC: 'false' }), createTestDatabase()]);
    clients = new KafkaClients(broker.bootstrap);
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

    // Three Kafka groups, each having read 2 of the partition's 5 records and committed: lag 3 each.
    await clients.createTopic(topic, 1);
    await clients.produce(topic, [2]);
    for (const group of [kept.kafka, skipped.kafka, skipped.outside]) {
      const { consumer, read } = await clients.consume(group, topic);
      await waitFor(() => read() === 2, { what: `${group} reading 2 records` });
      await waitForCommitted(clients.kafka, group, topic, 2);
      await clients.stopConsumer(consumer);
    }
    await clients.produce(topic, [3]);

    // Two Redis groups on one stream, neither has read anything: lag 4 each, entries from long ago.
    for (let i = 1; i <= 4; i++) await redis.xadd(stream, `${1_700_000_000_000 + i}-0`, 'n', String(i));
    for (const group of [kept.redis, skipped.redis]) await redis.xgroup('CREATE', stream, group, '0');

    monitor = await startTestMonitor({
      KAFKA_BROKERS: broker.bootstrap,
      DATABASE_URL: db.url,
      REDIS_STREAM_PATTERN: `${p}:*`,
      ALERTS_STREAM: alertsStream,
      GROUP_EVENTS_STREAM: `${p}:group-events`,
      // Any lag breaks the SLO, so every collected group opens an alert.
      SLO_THRESHOLD_LAG_OFFSETS: '1',
      COLLECT_GROUP_INCLUDE: `${escape(p)}-.*`,
      COLLECT_GROUP_EXCLUDE: `${escape(p)}-skip-.*`,
    });
    await monitor.sweeper.sweep('local');
    await monitor.sweeper.sweep('redis');
  }, 90_000);

  afterAll(async () => {
    await clients?.close();
    await monitor?.stop();
    await redis?.del(stream, alertsStream);
    await redis?.quit();
    await broker?.stop();
    await db?.drop();
  });

  it.each([
    ['local', kept.kafka, [skipped.kafka, skipped.outside]],
    ['redis', kept.redis, [skipped.redis]],
  ])('lists only the kept group on %s', async (clusterId, keep, skip) => {
    const list = await monitor.get<{ items: { group_id: string; total_lag: number | null }[] }>(`/api/v1/consumers/groups?cluster_id=${clusterId}&page_size=500`);
    expect(list.status).toBe(200);
    const ids = list.body.items.map((g) => g.group_id);
    expect(list.body.items.find((g) => g.group_id === keep)).toMatchObject({ total_lag: clusterId === 'local' ? 3 : 4 });
    for (const id of skip) expect(ids).not.toContain(id);
    for (const id of skip) expect((await monitor.get(`/api/v1/consumers/groups/${id}?cluster_id=${clusterId}`)).status).toBe(404);
  });

  it('stores snapshots and alerts of the kept groups only', async () => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const snapshots = await pg.query<{ group_id: string }>('SELECT DISTINCT group_id FROM monitor.group_snapshots ORDER BY group_id');
      expect(snapshots.rows.map((r) => r.group_id)).toEqual([kept.kafka, kept.redis].sort());
      const alerts = await pg.query<{ group_id: string; type: string }>('SELECT DISTINCT group_id, type FROM monitor.alerts ORDER BY group_id');
      expect(alerts.rows).toEqual(expect.arrayContaining([{ group_id: kept.kafka, type: 'slo_violation' }, { group_id: kept.redis, type: 'slo_violation' }]));
      expect(alerts.rows.map((r) => r.group_id).filter((id) => !Object.values(kept).includes(id))).toEqual([]);
    } finally {
      await pg.end();
    }
    const published = ((await redis.xrange(alertsStream, '-', '+')) as [string, string[]][]).map(([, fields]) => JSON.parse(fields[1]) as { group_id: string });
    expect(new Set(published.map((e) => e.group_id))).toEqual(new Set([kept.kafka, kept.redis]));
  });
});
