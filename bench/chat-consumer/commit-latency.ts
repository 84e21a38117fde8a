/**
 * chat-consumer commit latency at a steady rate: XADD done events at RATE/s (in 10 ms ticks) for
 * DURATION s into the 4 shards while the built service runs with its defaults (BATCH_SIZE 100,
 * FLUSH_INTERVAL_MS 5000), and watch Postgres for the rows. Latency of an event = when its row was
 * first seen committed − its stream entry time (the ms part of the id XADD returned). The watcher
 * polls every 5 ms, so each figure is high by up to ~5 ms plus one query.
 *
 *   npx tsx bench/chat-consumer/commit-latency.ts [rate=2000] [durationSeconds=30]
 */
import { chatEventStreams, shardForJob } from '@app/domain';
import { RedisStreamsClient } from '@app/redis-streams';
import Redis from 'ioredis';
import { Client } from 'pg';
import { benchDatabase, benchPrefix, doneEvent, percentile, throwFirstError } from './bench-support';
import { ensureBuilt, startConsumer } from './consumer-child';

const RATE = Number(process.argv[2] ?? 2_000);
const DURATION_S = Number(process.argv[3] ?? 30);
const TICK_MS = 10;

async function main() {
  ensureBuilt();
  const db = await benchDatabase();
  const prefix = benchPrefix();
  const streams = chatEventStreams().map((name) => name.replace('chat:events', prefix));
  const redis = new Redis('redis://127.0.0.1:6379');
  const producer = new RedisStreamsClient(redis);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const consumer = startConsumer({ DATABASE_URL: db.url, CHAT_EVENT_STREAMS: streams.join(','), CHAT_DLQ_STREAM: `${prefix}:dlq` });
  try {
    await consumer.ready;
    const total = Math.round(RATE * DURATION_S);
    const latencies: number[] = [];
    const seen = new Set<number>();
    let lastId = 0;
    let watching = true;
    let giveUpAt = Infinity;
    const watcher = (async () => {
      while ((watching || latencies.length < total) && Date.now() < giveUpAt) {
        // Concurrent flushes commit out of id order: look back far enough to see a slower flush's rows.
        const { rows } = await pg.query<{ id: string; event_key: string }>(
          `SELECT id, event_key FROM chat.messages WHERE id > $1 AND role = 'user' ORDER BY id`,
          [Math.max(0, lastId - 5_000)],
        );
        const seenAt = Date.now();
        for (const row of rows) {
          const id = Number(row.id);
          if (seen.has(id)) continue;
          seen.add(id);
          lastId = Math.max(lastId, id);
          const entryMs = Number(row.event_key.slice(row.event_key.lastIndexOf('/') + 1).split('-')[0]);
          latencies.push(seenAt - entryMs);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    const perTick = (RATE * TICK_MS) / 1000;
    const started = Date.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.round(((Date.now() - started) / 1000) * RATE) + perTick);
      if (due > sent) {
        const entries = [];
        for (; sent < due; sent++) {
          const event = doneEvent(sent, prefix);
          entries.push({ stream: streams[shardForJob(event.job_id, streams.length)], event });
        }
        throwFirstError(await producer.addEach(entries));
      }
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
    const sendSeconds = (Date.now() - started) / 1000;
    watching = false;
    giveUpAt = Date.now() + 30_000;
    await watcher;
    if (latencies.length < total) throw new Error(`only ${latencies.length} of ${total} events were committed within 30 s after the last XADD`);
    latencies.sort((a, b) => a - b);
    console.log(`${total} done events at ${RATE}/s target (${Math.round(total / sendSeconds)}/s achieved over ${sendSeconds.toFixed(1)} s), service defaults`);
    console.log(
      `commit latency per event: p50 ${percentile(latencies, 50)} ms, p90 ${percentile(latencies, 90)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms`,
    );
    console.log(`target p99 < FLUSH_INTERVAL_MS + 50 = 5050 ms`);
  } finally {
    await consumer.stop();
    await pg.end();
    await redis.del(...streams, `${prefix}:dlq`);
    await redis.quit();
    await db.drop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
