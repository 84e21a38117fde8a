import { deadLetterSchema, fieldsToRecord, shardForJob } from '@app/domain';
import { RedisStreamsClient } from '@app/redis-streams';
import { createTestDatabase, RedisClusterSet, ServiceProcess, TestDatabase, uniqueName, waitFor } from '@app/testing';
import type { Cluster } from 'ioredis';
import { Client } from 'pg';
import { chatStreams, ChatStreams, doneEvent, messageCounts, progressEvent } from './support/chat-fixtures';

/**
 * The built service (`node dist/apps/chat-consumer/main.js`) on a real three-master Redis
 * Cluster, with the shards named as the users name theirs (`<name>:0` ... no hash tags), so they
 * and the dead-letter stream sit in different slots and on different masters.
 */
describe('chat-consumer on Redis Cluster (child processes, real Postgres)', () => {
  let set: RedisClusterSet;
  let redis: Cluster;
  let db: TestDatabase;
  let pg: Client;
  let chat: ChatStreams;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    [set, db] = await Promise.all([RedisClusterSet.start(), createTestDatabase()]);
    redis = set.client();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  }, 60_000);

  beforeEach(() => {
    chat = chatStreams(uniqueName('chat-cluster'));
  });

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((consumer) => consumer.stop('SIGTERM')));
  });

  afterAll(async () => {
    redis?.disconnect();
    await pg?.end();
    await db?.drop();
    await set?.stop();
  });

  async function startConsumer(env: Record<string, string>): Promise<ServiceProcess> {
    const consumer = new ServiceProcess('chat-consumer', {
      REDIS_CLUSTER_NODES: set.nodes,
      DATABASE_URL: db.url,
      HTTP_PORT: '0',
      CHAT_EVENT_STREAMS: chat.streams.join(','),
      CHAT_DLQ_STREAM: chat.dlq,
      ...env,
    });
    processes.push(consumer);
    const port = await consumer.httpPort();
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200, { what: 'ready on the cluster' });
    return consumer;
  }

  /** One entry at a time to its job's shard: the shards are in different slots, so no pipeline spans them. */
  const add = (event: { job_id: string } | Record<string, unknown>) => new RedisStreamsClient(redis).add(chat.streams[shardForJob(String(event.job_id), chat.streams.length)], event);

  const pendingTotal = async () => {
    let total = 0;
    for (const stream of chat.streams) total += await (redis.xpending(stream, 'chat-persistence') as Promise<[number]>).then(([n]) => n, () => 0);
    return total;
  };

  it('puts the shards and the dead-letter stream on more than one master', async () => {
    expect(new Set(await Promise.all([...chat.streams, chat.dlq].map((key) => set.portOf(key)))).size).toBeGreaterThan(1);
  });

  it('persists every done event exactly once, skips progress events, dead-letters an invalid one with its reason, and stops cleanly on SIGTERM', async () => {
    const consumer = await startConsumer({ CONSUMER_NAME: 'pod-0', FLUSH_INTERVAL_MS: '200', BATCH_SIZE: '20' });
    for (let i = 0; i < 60; i++) {
      await add(progressEvent(`${chat.prefix}-job-${i}`));
      await add(doneEvent(`${chat.prefix}-job-${i}`, `${chat.prefix}-chat-${i % 4}`));
    }
    // A done event without its persistence block fails the schema.
    const invalid = await add({ stage: 'done', status: 'completed', progress: 100, job_id: `${chat.prefix}-job-bad`, result: { answer: 'x' } });
    await waitFor(async () => (await messageCounts(pg, chat)).events === 60, { what: '60 events persisted', timeoutMs: 15_000 });
    await waitFor(async () => (await pendingTotal()) === 0, { what: 'everything acknowledged' });
    expect(await messageCounts(pg, chat)).toEqual({ messages: 120, events: 60, duplicates: 0 });
    const dead = (await redis.xrange(chat.dlq, '-', '+')).map(([, fields]) => deadLetterSchema.parse(JSON.parse(fieldsToRecord(fields).data)));
    expect(dead).toEqual([expect.objectContaining({ original_id: invalid, group: 'chat-persistence', consumer: 'pod-0', reason: expect.stringMatching(/^schema: /) })]);
    // Its blocked reads on every master end at once, its connections close, and it exits 0.
    expect(await consumer.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('killed with SIGKILL mid-batch, another replica reclaims its idle entries and persists each once', async () => {
    const crashed = await startConsumer({ CONSUMER_NAME: 'pod-a', FLUSH_INTERVAL_MS: '60000', CLAIM_MIN_IDLE_MS: '120000', BATCH_SIZE: '1000' });
    for (let i = 0; i < 50; i++) await add(doneEvent(`${chat.prefix}-job-${i}`, `${chat.prefix}-chat-${i % 5}`));
    await waitFor(async () => (await pendingTotal()) === 50, { what: 'all 50 held in the open batch' });
    await crashed.stop('SIGKILL');
    expect((await messageCounts(pg, chat)).messages).toBe(0);

    await startConsumer({ CONSUMER_NAME: 'pod-b', FLUSH_INTERVAL_MS: '200', CLAIM_MIN_IDLE_MS: '1000', CLAIM_INTERVAL_MS: '250' });
    await waitFor(async () => (await messageCounts(pg, chat)).events === 50, { what: 'all 50 persisted by the second replica', timeoutMs: 15_000 });
    await waitFor(async () => (await pendingTotal()) === 0, { what: 'all acknowledged' });
    expect(await messageCounts(pg, chat)).toEqual({ messages: 100, events: 50, duplicates: 0 });
  });

  it.each([
    ['127.0.0.1', 'REDIS_CLUSTER_NODES="127.0.0.1": expected a comma-separated list of host:port, or unset'],
    ['127.0.0.1:7000;127.0.0.1:7001', 'REDIS_CLUSTER_NODES="127.0.0.1:7000;127.0.0.1:7001": expected a comma-separated list of host:port, or unset'],
    ['redis://127.0.0.1:7000', 'REDIS_CLUSTER_NODES="redis://127.0.0.1:7000": expected a comma-separated list of host:port, or unset'],
  ])('refuses to start with REDIS_CLUSTER_NODES=%s, naming the variable', async (value, message) => {
    const service = new ServiceProcess('chat-consumer', { HTTP_PORT: '0', REDIS_CLUSTER_NODES: value });
    expect((await service.exited).code).toBe(1);
    const fatal = [...service.lines, ...service.stderr.flatMap((line) => (line.startsWith('{') ? [JSON.parse(line) as { level: string; msg: string }] : []))].filter((line) => line.level === 'fatal');
    expect(fatal.map((line) => line.msg)).toEqual([`invalid configuration: ${message}`]);
  });

  it('refuses to start with a cluster and Sentinels both named', async () => {
    const service = new ServiceProcess('chat-consumer', { HTTP_PORT: '0', REDIS_CLUSTER_NODES: set.nodes, REDIS_SENTINELS: '127.0.0.1:26379', REDIS_SENTINEL_NAME: 'mymaster' });
    expect((await service.exited).code).toBe(1);
    const fatal = [...service.lines, ...service.stderr.flatMap((line) => (line.startsWith('{') ? [JSON.parse(line) as { level: string; msg: string }] : []))].filter((line) => line.level === 'fatal');
    expect(fatal.map((line) => line.msg)).toEqual([expect.stringMatching(/^invalid configuration: REDIS_CLUSTER_NODES=".*": expected unset when REDIS_SENTINELS or REDIS_SENTINEL_NAME is set/)]);
  });
});
