import { shardForJob } from '@app/domain';
import { createRedisClient, RedisClient, redisTopologyFrom } from '@app/platform';
import { RedisStreamsClient } from '@app/redis-streams';
import { createTestDatabase, RedisSentinelSet, startTestService, TestDatabase, TestService, uniqueName, waitFor } from '@app/testing';
import { Client } from 'pg';
import type { ChatConsumerConfig } from '../src/config';
import { chatConsumerService } from '../src/service';
import { ChatStreams, chatStreams, doneEvent } from './support/chat-fixtures';

const definition = chatConsumerService;

/**
 * Our users' Redis is a Sentinel-managed failover pair. chat-consumer must follow a planned
 * failover and a crashed master by itself, and lose or double no event the producer was told
 * was written.
 */
describe('chat-consumer on Redis Sentinel (real master, replica and three Sentinels)', () => {
  let set: RedisSentinelSet;
  let db: TestDatabase;
  let pg: Client;
  let service: TestService<ChatConsumerConfig> | undefined;

  beforeAll(async () => {
    [set, db] = await Promise.all([RedisSentinelSet.start(), createTestDatabase()]);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  }, 60_000);

  afterEach(async () => {
    await service?.sigterm();
    service = undefined;
  });

  afterAll(async () => {
    await pg?.end();
    await db?.drop();
    await set?.stop();
  });

  const ready = async () => (await fetch(`${service!.baseUrl}/health/ready`)).status;

  async function startConsumer(chat: ChatStreams): Promise<void> {
    service = await startTestService(definition, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      REDIS_SENTINELS: set.sentinels,
      REDIS_SENTINEL_NAME: set.name,
      CHAT_EVENT_STREAMS: chat.streams.join(','),
      CHAT_DLQ_STREAM: chat.dlq,
      FLUSH_INTERVAL_MS: '100',
      BATCH_SIZE: '20',
    });
    await waitFor(async () => (await ready()) === 200, { what: 'ready on the current master' });
  }

  /** The producer reaches the master through the Sentinels too, as the users' chat-worker would. */
  function sentinelProducer(): RedisClient {
    const producer = createRedisClient(redisTopologyFrom({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_SENTINELS: set.sentinels.split(','), REDIS_SENTINEL_NAME: set.name, REDIS_SENTINEL_PASSWORD: undefined }), { maxRetriesPerRequest: 1 });
    producer.on('error', () => undefined);
    return producer;
  }

  const addDone = (producer: RedisClient, chat: ChatStreams, job: string) => new RedisStreamsClient(producer).add(chat.streams[shardForJob(job)], doneEvent(job, `${chat.prefix}-chat`));

  /** Messages per job of this test's streams: two (user and assistant) for each persisted event. */
  async function persisted(chat: ChatStreams): Promise<Map<string, number>> {
    const { rows } = await pg.query<{ job_id: string; n: string }>('SELECT job_id, COUNT(*) AS n FROM chat.messages WHERE job_id LIKE $1 GROUP BY job_id', [`${chat.prefix}-job-%`]);
    return new Map(rows.map((row) => [row.job_id, Number(row.n)]));
  }

  it('carries on through a planned failover, where the old master stays up as a replica and refuses writes', async () => {
    const chat = chatStreams(uniqueName('planned'));
    await startConsumer(chat);
    const producer = sentinelProducer();
    try {
      for (let i = 0; i < 50; i++) await addDone(producer, chat, `${chat.prefix}-job-${i}`);
      await waitFor(async () => (await persisted(chat)).size === 50, { what: '50 events before the failover', timeoutMs: 15_000 });
      const oldMaster = await set.manualFailover();
      await set.waitForPromotion(oldMaster);
      // The next commands of the producer and of the consumer may meet the demoted master's READONLY: they reconnect and resend.
      for (let i = 50; i < 100; i++) await addDone(producer, chat, `${chat.prefix}-job-${i}`);
      await waitFor(async () => (await persisted(chat)).size === 100, { what: '100 events after the failover', timeoutMs: 30_000 });
      expect([...(await persisted(chat)).values()].filter((n) => n !== 2)).toEqual([]);
      expect(await ready()).toBe(200);
      // The next test needs a replica again: the old master, now following the new one.
      await set.waitForReplica(oldMaster);
    } finally {
      producer.disconnect();
    }
  }, 90_000);

  it('follows a master killed mid-run: not ready while no master answers, then every acknowledged event persisted once', async () => {
    const chat = chatStreams(uniqueName('killed'));
    await startConsumer(chat);
    const producer = sentinelProducer();
    // Before the crash an event counts once the replica has it (WAIT 1); after the promotion no
    // replica is left, so once the new master has acknowledged it.
    const acknowledged = new Set<string>();
    let promoted = false;
    let stop = false;
    let lastError = '';
    const produce = (async () => {
      for (let i = 0; !stop; i++) {
        const job = `${chat.prefix}-job-${i}`;
        try {
          await addDone(producer, chat, job);
          if (promoted || ((await producer.call('WAIT', '1', '500')) as number) >= 1) acknowledged.add(job);
        } catch (error) {
          lastError = (error as Error).message;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    })();

    try {
      await waitFor(() => acknowledged.size >= 100, { what: '100 replicated events before the crash', timeoutMs: 20_000 });
      const statuses: number[] = [];
      const watchReadiness = setInterval(() => void ready().then((status) => statuses.push(status), () => undefined), 100);
      const oldMaster = await set.killMaster();
      await set.waitForPromotion(oldMaster);
      promoted = true;
      const before = acknowledged.size;
      await waitFor(() => acknowledged.size >= before + 100, { what: '100 more events on the new master', timeoutMs: 30_000 }).catch((error: Error) => {
        throw new Error(`${error.message} (producer at ${acknowledged.size - before}, last error: ${lastError})`);
      });
      stop = true;
      await produce;
      await waitFor(async () => (await ready()) === 200, { what: 'ready again on the new master', timeoutMs: 30_000 });
      clearInterval(watchReadiness);
      expect(statuses).toContain(503);

      await waitFor(async () => {
        const jobs = await persisted(chat);
        return [...acknowledged].every((job) => jobs.has(job));
      }, { what: `all ${acknowledged.size} acknowledged events in Postgres`, timeoutMs: 30_000 });
      // Exactly once: the user and the assistant message of each event, never more.
      expect([...(await persisted(chat)).values()].filter((n) => n !== 2)).toEqual([]);
    } finally {
      stop = true;
      await produce;
      producer.disconnect();
    }
  }, 120_000);
});
