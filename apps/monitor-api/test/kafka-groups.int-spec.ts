import { spawn } from 'node:child_process';
import http from 'node:http';
import {
  ApiKey,
  type ConsumerGroupHeartbeatResponse,
  type MetadataResponse,
  type OffsetCommitResponse,
} from '@app/kafka-protocol';
import { BrokerProcess, consumerGroupHeartbeatRequest, createTestDatabase, ProtocolClient, startBrokerProcess, TestDatabase, uniqueName, waitFor } from '@app/testing';
import Redis from 'ioredis';
import { Client } from 'pg';
import type { ConsumerGroupDetail, ConsumerHealthSummary, GovernanceAlertView } from '../src/governance/model';
import { KafkaClients } from './support/kafka-clients';
import { startTestMonitor, TestMonitor } from './support/monitor-service';

const prefix = uniqueName('mon');
const alertsStream = `${prefix}:alerts`;
let broker: BrokerProcess;
let db: TestDatabase;
let monitor: TestMonitor;
let clients: KafkaClients;
let redis: Redis;

beforeAll(async () => {
  // No fsync per commit: the broker's durability is its own tests' business, here it would only slow them.
  [broker, db] = await Promise.all([startBrokerProcess({ BROKER_GROUP_LOG_FSYNC: 'false' }), createTestDatabase()]);
  clients = new KafkaClients(broker.bootstrap);
  redis = new Redis('redis://127.0.0.1:6379');
  monitor = await startTestMonitor({
    KAFKA_BROKERS: broker.bootstrap,
    DATABASE_URL: db.url,
    REDIS_STREAM_PATTERN: `${prefix}:*`,
    ALERTS_STREAM: alertsStream,
    STUCK_DETECTION_WINDOW: '2',
    REBALANCE_MAX: '2',
  });
});

afterAll(async () => {
  await clients?.close();
  await monitor?.stop();
  await redis?.del(alertsStream);
  await redis?.quit();
  await broker?.stop();
  await db?.drop();
});

async function alertEntries(): Promise<Record<string, unknown>[]> {
  const entries = (await redis.xrange(alertsStream, '-', '+')) as [string, string[]][];
  return entries.map(([, fields]) => JSON.parse(fields[1]) as Record<string, unknown>);
}

describe('Kafka groups on our broker, read through the Admin API', () => {
  it('reports lag as produced minus committed per partition, and partitions without commits as "no commit"', async () => {
    const topic = uniqueName('orders');
    const group = uniqueName('billing');
    await clients.createTopic(topic, 4);
    await clients.produce(topic, [10, 5, 0, 0]);
    const { consumer, read } = await clients.consume(group, topic);
    await waitFor(() => read() === 15, { what: '15 records consumed' });
    await clients.stopConsumer(consumer); // commits what it read
    await clients.produce(topic, [7, 3, 0, 0]);

    await monitor.sweeper.sweep('local');
    const { status, body } = await monitor.get<ConsumerGroupDetail>(`/api/v1/consumers/groups/${group}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ cluster_id: 'local', group_id: group, state: 'Empty', members_count: 0, topics: [topic], total_lag: 10, lag_max: 7, partitions_with_commit: 2, partitions_without_commit: 2 });
    expect(body.partitions.map((p) => [p.partition, p.committed_offset, p.end_offset, p.lag, p.has_commit])).toEqual([
      [0, 10, 17, 7, true],
      [1, 5, 8, 3, true],
      [2, null, 0, null, false],
      [3, null, 0, null, false],
    ]);

    const healthUrl = `${monitor.baseUrl}/api/v1/consumers/groups/${group}/health`;
    const res = await fetch(healthUrl);
    expect([res.status, res.headers.get('cache-control'), res.headers.get('etag')]).toEqual([200, 'private, max-age=5', expect.stringMatching(/^W\//)]);
    await res.arrayBuffer();
    // A client that sends the ETag back is told nothing changed, without the body. (Not with fetch(): it adds
    // "Cache-Control: no-cache" to conditional requests, which asks for the full answer; browsers revalidating
    // and curl do not.)
    const etag = res.headers.get('etag') as string;
    expect(await conditionalGet(healthUrl, etag)).toEqual({ status: 304, etag, body: '' });

    const list = await monitor.get<{ items: { group_id: string; total_lag: number; lag_p50: number; lag_p95: number }[]; total: number }>(`/api/v1/consumers/groups?cluster_id=local&page_size=500`);
    expect(list.body.items.find((g) => g.group_id === group)).toMatchObject({ total_lag: 10, lag_p50: 3, lag_p95: 7 });

    const topicDetail = await monitor.get<{ topic_info: { partitions: number }; insight_summary: { coverage: number; groups_count: number }; consumer_health: { group_id: string }[] }>(
      `/api/v1/consumers/topics/${topic}/detail`,
    );
    expect(topicDetail.body.topic_info.partitions).toBe(4);
    expect(topicDetail.body.insight_summary).toMatchObject({ coverage: 0.5, groups_count: 1 });
    const consumers = await monitor.get<{ groups: { group_id: string }[]; total: number }>(`/api/v1/consumers/topics/${topic}/consumers`);
    expect(consumers.body.groups.map((g) => g.group_id)).toEqual([group]);

    const history = await monitor.get<{ points: { total_lag: number }[] }>(`/api/v1/consumers/groups/${group}/history?from=${Date.now() - 60_000}`);
    expect(history.status).toBe(200);
    expect(history.body.points.at(-1)?.total_lag).toBe(10);

    // Once a sweep sees more lag, the same ETag gets the new answer.
    await clients.produce(topic, [1, 0, 0, 0]);
    await monitor.sweeper.sweep('local');
    const changed = await conditionalGet(healthUrl, etag);
    expect(changed.status).toBe(200);
    expect(changed.etag).not.toBe(etag);
    expect(JSON.parse(changed.body)).toMatchObject({ group_id: group, total_lag: 11 });
  });

  it('turns a stopped consumer\'s partitions STOP and opens one alert, resolved once it resumes', async () => {
    const topic = uniqueName('payments');
    const group = uniqueName('ledger');
    await clients.createTopic(topic, 2);
    await clients.produce(topic, [4, 4]);
    const first = await clients.consume(group, topic);
    await waitFor(() => first.read() === 8, { what: '8 records consumed' });
    await clients.stopConsumer(first.consumer);
    await monitor.sweeper.sweep('local');
    await clients.produce(topic, [3, 0]);
    await monitor.sweeper.sweep('local');

    // Silent for longer than the 2 s window while partition 0 has lag.
    await new Promise((r) => setTimeout(r, 2_500));
    await monitor.sweeper.sweep('local');
    await monitor.sweeper.sweep('local'); // a second sweep must not repeat the alert
    const health = (await monitor.get<ConsumerHealthSummary>(`/api/v1/consumers/groups/${group}/health`)).body;
    expect(health.stuck_partitions.map((p) => [p.partition, p.verdict])).toEqual([[0, 'STOP']]);
    expect(health.stuck_count).toBe(1);
    expect(health.recommendation).toMatch(new RegExp(`Partition ${topic}-0 stopped committing`));
    const alerts = (await monitor.get<{ alerts: GovernanceAlertView[] }>(`/api/v1/consumers/alerts?group_id=${group}`)).body.alerts;
    // Half the partitions over the lag threshold is an SLO violation too.
    expect(alerts.map((a) => a.type)).toEqual(expect.arrayContaining(['stuck_partition', 'slo_violation']));
    const firing = alerts.filter((a) => a.type === 'stuck_partition');
    expect(firing).toEqual([expect.objectContaining({ state: 'firing', topic, partition: 0, severity: 'critical' })]);
    const opened = (await alertEntries()).filter((e) => e.group_id === group && e.type === 'stuck_partition');
    expect(opened).toEqual([expect.objectContaining({ lifecycle: 'opened', id: firing[0].id })]);

    const resumed = await clients.consume(group, topic);
    await waitFor(() => resumed.read() === 3, { what: 'the 3 new records consumed' });
    await clients.stopConsumer(resumed.consumer);
    await monitor.sweeper.sweep('local');
    expect((await monitor.get<ConsumerHealthSummary>(`/api/v1/consumers/groups/${group}/health`)).body).toMatchObject({ stuck_count: 0, total_lag: 0 });
    const lifecycle = (await alertEntries()).filter((e) => e.id === firing[0].id).map((e) => e.lifecycle);
    expect(lifecycle).toEqual(['opened', 'resolved']);

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const rows = await pg.query('SELECT type, partition, resolved_at FROM monitor.alerts WHERE alert_id = $1', [firing[0].id]);
    await pg.end();
    expect(rows.rows).toEqual([expect.objectContaining({ type: 'stuck_partition', partition: 0, resolved_at: expect.any(Date) })]);
  });

  it('sees an unfair assignment and the rebalances that made it, with advice', async () => {
    const topic = uniqueName('audit');
    const group = uniqueName('auditors');
    await clients.createTopic(topic, 1);
    await clients.produce(topic, [2]);
    await clients.consume(group, topic);
    await clients.consume(group, topic);
    const health = await waitFor(async () => {
      await monitor.sweeper.sweep('local');
      const h = (await monitor.get<ConsumerHealthSummary>(`/api/v1/consumers/groups/${group}/health`)).body;
      return h.state === 'Stable' && h.members_count === 2 && h;
    }, { what: 'a stable group of two members', timeoutMs: 20_000, intervalMs: 300 });
    expect(health.fairness_gini).toBeCloseTo(0.5, 10);
    expect(health.recommendation).toMatch(/1 of 2 members have no partitions: scale in to 1 members or add partitions/);
    // Two members joining took at least two rebalances (REBALANCE_MAX=2 here).
    expect(health.rebalance_score).toBe(0);
    const detail = (await monitor.get<ConsumerGroupDetail>(`/api/v1/consumers/groups/${group}`)).body;
    expect(detail.members.map((m) => m.partition_count).sort()).toEqual([0, 1]);
    const entries = (await alertEntries()).filter((e) => e.group_id === group);
    expect(entries.map((e) => e.type)).toEqual(expect.arrayContaining(['consumer.rebalanced', 'unfair_distribution', 'rebalance_instability']));
  });

  it('reads a librdkafka (kcat) consumer group: its assignor, its member and its exact commits', async () => {
    const topic = uniqueName('clicks');
    const group = uniqueName('rdkafka');
    await clients.createTopic(topic, 2);
    await clients.produce(topic, [6, 2]);
    const kcat = spawn('kcat', ['-b', broker.bootstrap, '-G', group, '-X', 'auto.offset.reset=earliest', '-X', 'auto.commit.interval.ms=100', '-q', topic], { stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise((resolve) => kcat.once('exit', resolve));
    try {
      const detail = await waitFor(async () => {
        await monitor.sweeper.sweep('local');
        const d = (await monitor.get<ConsumerGroupDetail>(`/api/v1/consumers/groups/${group}`)).body;
        return d.state === 'Stable' && d.total_lag === 0 && d.partitions_with_commit === 2 && d;
      }, { what: 'the kcat group stable and caught up', timeoutMs: 20_000, intervalMs: 300 });
      expect(detail.partition_assignor).toBe('range');
      expect(detail.members).toEqual([expect.objectContaining({ client_id: 'rdkafka', partition_count: 2, assignment: [{ topic, partitions: [0, 1] }] })]);
      expect(detail.partitions.map((p) => [p.committed_offset, p.end_offset, p.member_id])).toEqual([
        [6, 6, detail.members[0].member_id],
        [2, 2, detail.members[0].member_id],
      ]);
    } finally {
      kcat.kill('SIGTERM');
      await exited;
    }
  });

  it('reads a KIP-848 group (server-side assignment) like any other: its members, their partitions, their commits', async () => {
    const topic = uniqueName('kip848');
    const group = uniqueName('kip848-group');
    await clients.createTopic(topic, 4);
    await clients.produce(topic, [5, 5, 5, 5]);
    const client = await ProtocolClient.connect(Number(broker.bootstrap.split(':')[1]));
    try {
      const metadata = await client.send<MetadataResponse>(ApiKey.Metadata, 12, { topics: [{ name: topic, topicId: Buffer.alloc(16) }], allowAutoTopicCreation: false });
      const topicId = metadata.topics[0].topicId!;
      // Two members heartbeat until each holds its share at the group's epoch (the first gives up half first).
      const members = [{ id: uniqueName('m'), epoch: 0, owned: [] as number[] }, { id: uniqueName('m'), epoch: 0, owned: [] as number[] }];
      const beat = async (m: (typeof members)[number]) => {
        const res = await client.send<ConsumerGroupHeartbeatResponse>(
          ApiKey.ConsumerGroupHeartbeat,
          1,
          consumerGroupHeartbeatRequest({
            groupId: group,
            memberId: m.id,
            memberEpoch: m.epoch,
            rebalanceTimeoutMs: 30_000,
            subscribedTopicNames: [topic],
            topicPartitions: m.owned.length ? [{ topicId, partitions: m.owned }] : [],
          }),
        );
        expect(res.errorCode).toBe(0);
        m.epoch = res.memberEpoch;
        if (res.assignment) m.owned = res.assignment.topicPartitions.flatMap((tp) => tp.partitions).sort();
      };
      await waitFor(async () => {
        for (const m of members) await beat(m);
        return members.every((m) => m.owned.length === 2) && members[0].epoch === members[1].epoch;
      }, { what: 'both members holding two partitions at one epoch', timeoutMs: 10_000, intervalMs: 10 });
      // Each member commits 3 of the 5 records of its partitions, at its epoch (OffsetCommit v9).
      for (const m of members) {
        const committed = await client.send<OffsetCommitResponse>(ApiKey.OffsetCommit, 9, {
          groupId: group,
          generationIdOrMemberEpoch: m.epoch,
          memberId: m.id,
          groupInstanceId: null,
          topics: [{ name: topic, partitions: m.owned.map((partitionIndex) => ({ partitionIndex, committedOffset: 3n, committedLeaderEpoch: -1, committedMetadata: null })) }],
        });
        expect(committed.topics[0].partitions.map((p) => p.errorCode)).toEqual([0, 0]);
      }

      await monitor.sweeper.sweep('local');
      const { body } = await monitor.get<ConsumerGroupDetail>(`/api/v1/consumers/groups/${group}`);
      expect(body).toMatchObject({ state: 'Stable', members_count: 2, total_lag: 8, partitions_with_commit: 4, partition_assignor: 'uniform' });
      const ownerOf = new Map(members.flatMap((m) => m.owned.map((p) => [p, m.id] as const)));
      expect(body.partitions.map((p) => [p.partition, p.committed_offset, p.lag, p.member_id])).toEqual([0, 1, 2, 3].map((p) => [p, 3, 2, ownerOf.get(p)]));
      const health = (await monitor.get<ConsumerHealthSummary>(`/api/v1/consumers/groups/${group}/health`)).body;
      expect(health.fairness_gini).toBe(0);

      for (const m of members) await client.send(ApiKey.ConsumerGroupHeartbeat, 1, consumerGroupHeartbeatRequest({ groupId: group, memberId: m.id, memberEpoch: -1 }));
    } finally {
      client.close();
    }
  });

  it('refuses bad requests naming the field, and answers unknown names with 404', async () => {
    const cases: [string, number, unknown][] = [
      ['/api/v1/consumers/groups/no-such-group', 404, { error: 'unknown consumer group', group_id: 'no-such-group', cluster_id: 'local' }],
      ['/api/v1/consumers/groups?cluster_id=elsewhere', 404, { error: 'unknown cluster', cluster_id: 'elsewhere', known_clusters: ['local', 'redis'] }],
      ['/api/v1/consumers/groups?cluster_id=bad%20id', 400, { fields: [expect.objectContaining({ field: 'cluster_id' })] }],
      ['/api/v1/consumers/groups?page_size=0', 400, { fields: [expect.objectContaining({ field: 'page_size' })] }],
      ['/api/v1/consumers/groups?page=x&page_size=9999', 400, { fields: [expect.objectContaining({ field: 'page' }), expect.objectContaining({ field: 'page_size' })] }],
      ['/api/v1/consumers/groups?clusterid=local', 400, { fields: [expect.objectContaining({ field: 'clusterid' })] }],
      ['/api/v1/consumers/groups/x/history?from=yesterday', 400, { fields: [expect.objectContaining({ field: 'from' })] }],
      ['/api/v1/consumers/groups/x/history?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 400, { fields: [expect.objectContaining({ field: 'from' })] }],
      ['/api/v1/consumers/groups/x/history?limit=0', 400, { fields: [expect.objectContaining({ field: 'limit' })] }],
      ['/api/v1/consumers/groups/never-seen/history', 404, { error: 'unknown consumer group' }],
      ['/api/v1/consumers/topics/no-such-topic/detail', 404, { error: 'unknown topic', topic: 'no-such-topic' }],
      ['/api/v1/consumers/topics/no-such-topic/consumers', 404, { error: 'unknown topic' }],
      ['/api/v1/consumers/alerts?include_resolved=yes', 400, { fields: [expect.objectContaining({ field: 'include_resolved' })] }],
    ];
    for (const [path, status, body] of cases) {
      const res = await monitor.get(path);
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status, body: expect.objectContaining(body as object) });
    }
  });
});

/** GET with If-None-Match over plain node:http, as a revalidating browser or curl sends it. */
function conditionalGet(url: string, etag: string): Promise<{ status: number; etag: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'If-None-Match': etag } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode as number, etag: res.headers.etag, body }));
      })
      .on('error', reject);
  });
}
