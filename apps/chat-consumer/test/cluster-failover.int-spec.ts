import { encodeStreamEntry, shardForJob } from '@app/domain';
import { createTestDatabase, RedisClusterSet, ServiceProcess, TestDatabase, uniqueName, waitFor } from '@app/testing';
import type { Cluster } from 'ioredis';
import { Client } from 'pg';
import { chatStreams, doneEvent } from './support/chat-fixtures';

/**
 * The built service on a Redis Cluster of three masters with a replica each. The master of one shard is
 * killed with SIGKILL while events are being written to every shard; its replica takes over its slots, and
 * the service carries on by itself: every event the producer was told is written (before the kill, once the
 * master's replica has it: `WAIT 1` on the master's connection; after it, once the new master has it) is in
 * Postgres exactly once, and nothing is left pending.
 */
describe('chat-consumer on a Redis Cluster whose master fails over (child process, real Postgres)', () => {
  let set: RedisClusterSet;
  let redis: Cluster;
  let db: TestDatabase;
  let pg: Client;
  let consumer: ServiceProcess | undefined;

  beforeAll(async () => {
    [set, db] = await Promise.all([RedisClusterSet.start({ replicas: 1 }), createTestDatabase()]);
    redis = set.client();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  }, 90_000);

  afterAll(async () => {
    await consumer?.stop('SIGTERM');
    redis?.disconnect();
    await pg?.end();
    await db?.drop();
    await set?.stop();
  });

  it('follows the promotion of a killed master\'s replica and persists every acknowledged event once', async () => {
    const chat = chatStreams(uniqueName('chat-failover'));
    consumer = new ServiceProcess('chat-consumer', {
      REDIS_CLUSTER_NODES: set.nodes,
      DATABASE_URL: db.url,
      HTTP_PORT: '0',
      CHAT_EVENT_STREAMS: chat.streams.join(','),
      CHAT_DLQ_STREAM: chat.dlq,
      FLUSH_INTERVAL_MS: '100',
      BATCH_SIZE: '20',
    });
    const port = await consumer.httpPort();
    const ready = async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status;
    await waitFor(async () => (await ready()) === 200, { what: 'ready on the cluster' });

    const acknowledged = new Set<string>();
    let killed = false;
    let stop = false;
    let lastError = '';
    const produce = (async () => {
      for (let i = 0; !stop; i++) {
        const job = `${chat.prefix}-job-${i}`;
        const stream = chat.streams[shardForJob(job, chat.streams.length)];
        try {
          // XADD and WAIT in one pipeline go to the master of the stream's slot, on one connection: the
          // WAIT answers for that XADD. After the kill, the promoted master has no replica left. (Raw XADD of
          // the same fields RedisStreamsClient writes: its add() cannot share a pipeline with the WAIT.)
          const [[addError], [waitError, replicas]] = (await redis.pipeline().xadd(stream, '*', ...encodeStreamEntry(doneEvent(job, `${chat.prefix}-chat`))).call('WAIT', '1', '500').exec()) as [Error | null, unknown][];
          if (addError) throw addError;
          if (killed || (!waitError && Number(replicas) >= 1)) acknowledged.add(job);
        } catch (error) {
          lastError = (error as Error).message;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    })();

    try {
      await waitFor(() => acknowledged.size >= 100, { what: '100 replicated events before the kill', timeoutMs: 20_000 });
      const victim = chat.streams[0];
      const oldMaster = await set.killMasterOf(victim);
      const promoted = await set.waitForPromotion(victim, oldMaster);
      expect(promoted).not.toBe(oldMaster);
      killed = true;
      const before = acknowledged.size;
      await waitFor(() => acknowledged.size >= before + 100, { what: '100 more events after the promotion', timeoutMs: 30_000 }).catch((error: Error) => {
        throw new Error(`${error.message} (producer at ${acknowledged.size - before}, last error: ${lastError})`);
      });
      stop = true;
      await produce;
      // Some of the acknowledged events went to the shard whose master was killed.
      expect([...acknowledged].filter((job) => shardForJob(job, chat.streams.length) === 0).length).toBeGreaterThan(0);

      const persisted = async () => {
        const { rows } = await pg.query<{ job_id: string; n: string }>('SELECT job_id, COUNT(*) AS n FROM chat.messages WHERE job_id LIKE $1 GROUP BY job_id', [`${chat.prefix}-job-%`]);
        return new Map(rows.map((row) => [row.job_id, Number(row.n)]));
      };
      await waitFor(async () => {
        const jobs = await persisted();
        return [...acknowledged].every((job) => jobs.has(job));
      }, { what: `all ${acknowledged.size} acknowledged events in Postgres`, timeoutMs: 30_000 }).catch(async (error: Error) => {
        const jobs = await persisted();
        throw new Error(`${error.message} (missing ${[...acknowledged].filter((job) => !jobs.has(job)).slice(0, 5).join(', ')})`);
      });
      // Exactly once: the user and the assistant message of each event, never more.
      expect([...(await persisted()).values()].filter((n) => n !== 2)).toEqual([]);
      await waitFor(async () => {
        let pending = 0;
        for (const stream of chat.streams) pending += ((await redis.xpending(stream, 'chat-persistence')) as [number])[0];
        return pending === 0;
      }, { what: 'every entry acknowledged', timeoutMs: 30_000 });
      expect(await ready()).toBe(200);
    } finally {
      stop = true;
      await produce;
    }
  }, 150_000);
});
