import { createTestDatabase, ServiceProcess, TcpProxy, TestDatabase, uniqueName, waitFor } from '@app/testing';
import Redis from 'ioredis';
import { Client } from 'pg';
import { addEvents, chatStreams, ChatStreams, deleteStreams, doneEvent, messageCounts, pendingTotal } from './support/chat-fixtures';

/**
 * Crashes of the built service (`node dist/apps/chat-consumer/main.js`) killed with SIGKILL, so
 * that no shutdown hook runs: what survives is only what Redis and Postgres hold.
 */
describe('chat-consumer crash recovery (child processes, real Redis, real Postgres)', () => {
  let db: TestDatabase;
  let pg: Client;
  let redis: Redis;
  let chat: ChatStreams;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  });

  beforeEach(() => {
    chat = chatStreams(uniqueName('chat-crash'));
  });

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((consumer) => consumer.stop('SIGTERM')));
    await deleteStreams(redis, chat);
  });

  afterAll(async () => {
    await redis?.quit();
    await pg?.end();
    await db?.drop();
  });

  async function startConsumer(env: Record<string, string>): Promise<ServiceProcess> {
    const consumer = new ServiceProcess('chat-consumer', {
      DATABASE_URL: db.url,
      HTTP_PORT: '0',
      CHAT_EVENT_STREAMS: chat.streams.join(','),
      CHAT_DLQ_STREAM: chat.dlq,
      ...env,
    });
    processes.push(consumer);
    await consumer.httpPort();
    return consumer;
  }

  it('killed between commit and acknowledgement, it re-reads its own pending entries on restart and writes nothing twice', async () => {
    // The consumer reaches Redis through a proxy that can hold every byte: after the commit, its XACK never arrives.
    const redisPath = await TcpProxy.start({ host: '127.0.0.1', port: 6379 });
    try {
      const first = await startConsumer({ REDIS_URL: `redis://127.0.0.1:${redisPath.port}`, CONSUMER_NAME: 'pod-0', FLUSH_INTERVAL_MS: '1500', BATCH_SIZE: '100' });
      await waitFor(async () => (await redis.exists(...chat.streams)) === 4, { what: 'groups created' });
      await addEvents(redis, chat, Array.from({ length: 20 }, (_, i) => doneEvent(`${chat.prefix}-job-${i}`, `${chat.prefix}-chat-${i % 4}`)));
      await waitFor(async () => (await pendingTotal(redis, chat)) === 20, { what: 'all 20 read into the open batch' });
      redisPath.freeze();
      await waitFor(async () => (await messageCounts(pg, chat)).events === 20, { what: 'the batch committed', timeoutMs: 10_000 });
      // SIGKILL: no shutdown hook runs, nothing is flushed or acknowledged.
      await first.stop('SIGKILL');
      expect(await pendingTotal(redis, chat)).toBe(20);
    } finally {
      await redisPath.close();
    }

    await startConsumer({ CONSUMER_NAME: 'pod-0', FLUSH_INTERVAL_MS: '200', CLAIM_MIN_IDLE_MS: '60000' });
    // Well before the 60 s reclaim time: this is the restarted consumer reading its own pending list from 0.
    await waitFor(async () => (await pendingTotal(redis, chat)) === 0, { what: 'own pending entries re-read and acknowledged', timeoutMs: 15_000 });
    expect(await messageCounts(pg, chat)).toEqual({ messages: 40, events: 20, duplicates: 0 });
    expect(await redis.exists(chat.dlq)).toBe(0);
  });

  it('killed mid-batch, another replica reclaims the idle entries and persists every one', async () => {
    const crashed = await startConsumer({ CONSUMER_NAME: 'pod-a', FLUSH_INTERVAL_MS: '60000', CLAIM_MIN_IDLE_MS: '120000', BATCH_SIZE: '1000' });
    await waitFor(async () => (await redis.exists(...chat.streams)) === 4, { what: 'groups created' });
    await addEvents(redis, chat, Array.from({ length: 50 }, (_, i) => doneEvent(`${chat.prefix}-job-${i}`, `${chat.prefix}-chat-${i % 5}`)));
    await waitFor(async () => (await pendingTotal(redis, chat)) === 50, { what: 'all 50 held in the open batch' });
    await crashed.stop('SIGKILL');
    expect((await messageCounts(pg, chat)).messages).toBe(0);

    await startConsumer({ CONSUMER_NAME: 'pod-b', FLUSH_INTERVAL_MS: '200', CLAIM_MIN_IDLE_MS: '1000', CLAIM_INTERVAL_MS: '250' });
    await waitFor(async () => (await messageCounts(pg, chat)).events === 50, { what: 'all 50 persisted by the second replica', timeoutMs: 15_000 });
    await waitFor(async () => (await pendingTotal(redis, chat)) === 0, { what: 'all acknowledged' });
    expect(await messageCounts(pg, chat)).toEqual({ messages: 100, events: 50, duplicates: 0 });
    const pendingPerConsumer = await Promise.all(
      chat.streams.map(async (stream) => ((await redis.xinfo('CONSUMERS', stream, 'chat-persistence')) as unknown[][]).map((flat) => [flat[1], flat[3]])),
    );
    expect(pendingPerConsumer.flat().filter(([name]) => name === 'pod-a')).toEqual(expect.arrayContaining([['pod-a', 0]]));
  });
});
