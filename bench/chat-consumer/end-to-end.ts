/**
 * chat-consumer end to end: XADD N done events across the 4 shards, start the built service, time
 * until every message row is committed. In the same run, the ceiling: the same rows written straight
 * to Postgres with multi-row INSERTs through `pg` (same statements, same batch size, same number of
 * connections as the service's flushes), into a fresh database of its own. And, since the service
 * writes with a different statement, that statement's own direct figure: the same rows through the
 * service's writer on a `pg` pool, without Redis or the service around it.
 *
 *   npx tsx bench/chat-consumer/end-to-end.ts [events=200000]
 *
 * Env: anything chat-consumer reads (BATCH_SIZE, FLUSH_CONCURRENCY ...) passes through to it; so does
 * the Redis topology: REDIS_CLUSTER_NODES=host:port,... runs the same figure on a Redis Cluster (the
 * bench then writes and watches the shards through a Cluster client too).
 */
import { chatEventStreams, CONSUMER_GROUPS } from '@app/domain';
import { createRedisClient, loadConfig, RedisClient, redisEnv, redisTopologyFrom } from '@app/platform';
import { parseGroupsInfo } from '@app/redis-streams';
import { Client, Pool } from 'pg';
import { ChatMessageWriter, conversationsOf } from '../../apps/chat-consumer/src/persistence/chat-message.writer';
import { chatConsumerEnv } from '../../apps/chat-consumer/src/config';
import type { ChatRow } from '../../apps/chat-consumer/src/persistence/chat-row';
import { addDoneEvents, benchDatabase, benchPrefix, rowFor } from './bench-support';
import { ensureBuilt, startConsumer } from './consumer-child';

const EVENTS = Number(process.argv[2] ?? 200_000);
// What the service will run with (its defaults, or this environment's values): the direct figures use the same.
const { BATCH_SIZE: BATCH, FLUSH_CONCURRENCY: CONCURRENCY } = loadConfig(chatConsumerEnv, process.env);

async function countMessages(pg: Client): Promise<number> {
  const { rows } = await pg.query<{ n: string }>('SELECT COUNT(*) AS n FROM chat.messages');
  return Number(rows[0].n);
}

/**
 * Every entry of every shard delivered to the group and none pending: the service acknowledges only
 * after the commit, so this is never early. Watching Redis instead of polling COUNT(*) keeps the
 * watcher off Postgres: at 400,000 rows a COUNT(*) is a full scan, and polling it every 50 ms took
 * a large share of the CPU the run is measuring.
 */
async function allAcknowledged(redis: RedisClient, streams: string[]): Promise<boolean> {
  for (const stream of streams) {
    const group = parseGroupsInfo(await redis.xinfo('GROUPS', stream)).find((info) => info.name === CONSUMER_GROUPS.chatPersistence);
    if (!group || group.pending !== 0 || group.lag !== 0) return false;
  }
  return true;
}

async function endToEnd(redis: RedisClient): Promise<{ fromSpawn: number; fromReady: number }> {
  const db = await benchDatabase();
  const prefix = benchPrefix();
  const streams = chatEventStreams().map((name) => name.replace('chat:events', prefix));
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  try {
    const addStarted = performance.now();
    await addDoneEvents(redis, streams, prefix, 0, EVENTS);
    console.log(`XADD ${EVENTS} done events to ${streams.length} shards: ${((performance.now() - addStarted) / 1000).toFixed(1)} s`);

    const consumer = startConsumer({ DATABASE_URL: db.url, CHAT_EVENT_STREAMS: streams.join(','), CHAT_DLQ_STREAM: `${prefix}:dlq`, LOG_LEVEL: 'info' });
    const readyAt = await consumer.ready;
    while (!(await allAcknowledged(redis, streams))) await new Promise((resolve) => setTimeout(resolve, 10));
    const doneAt = performance.now();
    await consumer.stop();
    const committed = await countMessages(pg);
    if (committed !== 2 * EVENTS) throw new Error(`every event acknowledged but ${committed} of ${2 * EVENTS} message rows committed`);
    const dlq = await redis.xlen(`${prefix}:dlq`);
    if (dlq > 0) throw new Error(`${dlq} events were dead-lettered`);
    return { fromSpawn: (doneAt - consumer.spawnedAt) / 1000, fromReady: (doneAt - readyAt) / 1000 };
  } finally {
    await pg.end();
    // One key at a time: on a cluster they are in different slots.
    for (const key of [...streams, `${prefix}:dlq`]) await redis.del(key);
    await db.drop();
  }
}

/** The statements chat-consumer runs, as plain multi-row VALUES lists through `pg`. */
async function writeDirect(client: { query: Client['query'] }, rows: ChatRow[]): Promise<void> {
  const conversations = conversationsOf(rows);
  const cParams: unknown[] = [];
  const cValues = conversations.map((c, i) => {
    cParams.push(c.id, c.title, c.firstAt, c.lastAt);
    return `($${4 * i + 1}, $${4 * i + 2}, $${4 * i + 3}, $${4 * i + 4})`;
  });
  const mParams: unknown[] = [];
  const mValues: string[] = [];
  for (const row of rows) {
    for (const [role, content, intent, metadata] of [
      [row.user.role, row.user.content, row.user.intent, null],
      [row.assistant.role, row.assistant.content, null, row.assistant.metadata],
    ] as const) {
      const base = mParams.length;
      mParams.push(row.chatId, role, content, intent, metadata, row.jobId, row.eventKey, row.at);
      mValues.push(`(${Array.from({ length: 8 }, (_, k) => `$${base + k + 1}`).join(', ')})`);
    }
  }
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO chat.conversations (id, title, created_at, updated_at) VALUES ${cValues.join(', ')}
       ON CONFLICT (id) DO UPDATE SET updated_at = GREATEST(chat.conversations.updated_at, EXCLUDED.updated_at)`,
      cParams,
    );
    await client.query(
      `INSERT INTO chat.messages (conversation_id, role, content, intent, metadata, job_id, event_key, created_at) VALUES ${mValues.join(', ')}
       ON CONFLICT (event_key, role) DO NOTHING`,
      mParams,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Seconds to write every event in batches of BATCH over CONCURRENCY connections, into a fresh database. */
async function direct(write: (client: { query: Client['query'] }, rows: ChatRow[]) => Promise<void>): Promise<number> {
  const db = await benchDatabase();
  const pool = new Pool({ connectionString: db.url, max: CONCURRENCY });
  // DROP DATABASE ... WITH (FORCE) can reach a connection that pool.end() is still closing.
  pool.on('error', () => undefined);
  const prefix = benchPrefix();
  try {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const client = await pool.connect();
        try {
          while (next < EVENTS) {
            const from = next;
            next += BATCH;
            await write(client, Array.from({ length: Math.min(BATCH, EVENTS - from) }, (_, i) => rowFor(from + i, prefix)));
          }
        } finally {
          client.release();
        }
      }),
    );
    return (performance.now() - started) / 1000;
  } finally {
    await pool.end();
    await db.drop();
  }
}

async function main() {
  ensureBuilt();
  const redis = createRedisClient(redisTopologyFrom(loadConfig(redisEnv, process.env)));
  try {
    const e2e = await endToEnd(redis);
    const e2eRate = EVENTS / e2e.fromReady;
    console.log(`end to end: ${EVENTS} events committed in ${e2e.fromReady.toFixed(2)} s after the service was up (${e2e.fromSpawn.toFixed(2)} s from spawn)`);
    console.log(`  = ${Math.round(e2eRate)} events/s (${Math.round(EVENTS / e2e.fromSpawn)} events/s from spawn)`);
    const ceilingRate = EVENTS / (await direct(writeDirect));
    console.log(`ceiling (pg multi-row INSERT, batches of ${BATCH}, ${CONCURRENCY} connections): ${Math.round(ceilingRate)} events/s`);
    const sameStatementRate = EVENTS / (await direct((client, rows) => new ChatMessageWriter(client).write(rows)));
    console.log(`the service's statement straight through pg (batches of ${BATCH}, ${CONCURRENCY} connections): ${Math.round(sameStatementRate)} events/s`);
    console.log(`ratio end to end / ceiling: ${(e2eRate / ceilingRate).toFixed(2)}; end to end / the service's statement direct: ${(e2eRate / sameStatementRate).toFixed(2)}`);
  } finally {
    await redis.quit();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
