/**
 * Ways to write chat-consumer's batches: through the Prisma client on its `pg` driver adapter,
 * Prisma createMany, multi-row INSERT ... SELECT FROM UNNEST(arrays) ON CONFLICT DO NOTHING (two
 * statements in a $transaction) and the service's statement (one statement, rows as JSON) as
 * $executeRawUnsafe; and the service's writer itself, that statement prepared on a plain `pg`
 * pool. Batches of 100 done events = up to 100 conversation upserts + 200 messages, one
 * transaction each. Besides the rate, the node CPU each method spends per event: on a 2-core
 * machine that Postgres needs most of, it decides what is left for reading and decoding events.
 *
 *   npx tsx bench/chat-consumer/insert-methods.ts [events=20000]
 */
import { createPrismaClient } from '@app/db';
import { Pool, QueryConfig } from 'pg';
import { ChatMessageWriter, conversationsOf } from '../../apps/chat-consumer/src/persistence/chat-message.writer';
import type { ChatRow } from '../../apps/chat-consumer/src/persistence/chat-row';
import { benchDatabase, benchPrefix, rowFor } from './bench-support';

const EVENTS = Number(process.argv[2] ?? 20_000);
const BATCH = 100;

async function main() {
  const db = await benchDatabase();
  const prisma = createPrismaClient(db.url, 2);
  const pool = new Pool({ connectionString: db.url, max: 2 });
  try {
    const writer = new ChatMessageWriter(pool);
    const throughPrisma = new ChatMessageWriter({
      query: ((config: QueryConfig) => prisma.$executeRawUnsafe(config.text, ...(config.values ?? []))) as unknown as Pool['query'],
    });
    const unnest = async (rows: readonly ChatRow[]) => {
      const conversations = conversationsOf(rows);
      const messages = rows.flatMap((row) => [
        [row.chatId, row.user.role, row.user.content, row.user.intent, null, row.jobId, row.eventKey, row.at] as const,
        [row.chatId, row.assistant.role, row.assistant.content, null, row.assistant.metadata, row.jobId, row.eventKey, row.at] as const,
      ]);
      const column = <K extends number>(k: K) => messages.map((m) => m[k]);
      await prisma.$transaction([
        prisma.$executeRaw`
          INSERT INTO chat.conversations (id, title, created_at, updated_at)
          SELECT * FROM UNNEST(${conversations.map((c) => c.id)}::varchar[], ${conversations.map((c) => c.title)}::varchar[],
                               ${conversations.map((c) => c.firstAt)}::timestamptz[], ${conversations.map((c) => c.lastAt)}::timestamptz[])
          ON CONFLICT (id) DO UPDATE SET updated_at = GREATEST(chat.conversations.updated_at, EXCLUDED.updated_at)`,
        prisma.$executeRaw`
          INSERT INTO chat.messages (conversation_id, role, content, intent, metadata, job_id, event_key, created_at)
          SELECT c, r, t, i, m::jsonb, j, k, a
          FROM UNNEST(${column(0)}::varchar[], ${column(1)}::varchar[], ${column(2)}::text[], ${column(3)}::varchar[], ${column(4)}::text[],
                      ${column(5)}::varchar[], ${column(6)}::varchar[], ${column(7)}::timestamptz[]) AS u(c, r, t, i, m, j, k, a)
          ON CONFLICT (event_key, role) DO NOTHING`,
      ]);
    };
    const createMany = async (rows: readonly ChatRow[]) => {
      const conversations = conversationsOf(rows);
      await prisma.$transaction([
        prisma.$executeRaw`
          INSERT INTO chat.conversations (id, title, created_at, updated_at)
          SELECT * FROM UNNEST(${conversations.map((c) => c.id)}::varchar[], ${conversations.map((c) => c.title)}::varchar[],
                               ${conversations.map((c) => c.firstAt)}::timestamptz[], ${conversations.map((c) => c.lastAt)}::timestamptz[])
          ON CONFLICT (id) DO UPDATE SET updated_at = GREATEST(chat.conversations.updated_at, EXCLUDED.updated_at)`,
        prisma.message.createMany({
          data: rows.flatMap((row) => [
            { conversationId: row.chatId, role: row.user.role, content: row.user.content, intent: row.user.intent, jobId: row.jobId, eventKey: row.eventKey, createdAt: row.at },
            {
              conversationId: row.chatId,
              role: row.assistant.role,
              content: row.assistant.content,
              metadata: row.assistant.metadata === null ? undefined : (JSON.parse(row.assistant.metadata) as object),
              jobId: row.jobId,
              eventKey: row.eventKey,
              createdAt: row.at,
            },
          ]),
          skipDuplicates: true,
        }),
      ]);
    };

    const methods: [string, (rows: readonly ChatRow[]) => Promise<void>][] = [
      ['prisma createMany (+ UNNEST conversation upsert)', createMany],
      ['$executeRaw INSERT ... SELECT FROM UNNEST(arrays) ... ON CONFLICT DO NOTHING, 2 statements in $transaction', unnest],
      ['$executeRawUnsafe one statement, CTE upsert + INSERT ... SELECT FROM json_to_recordset ... ON CONFLICT DO NOTHING', (rows) => throughPrisma.write(rows)],
      ['the same statement prepared, on a pg pool (the service)', (rows) => writer.write(rows)],
    ];
    // Warm-up, then each method twice in alternation so neither benefits from going last.
    for (const [, write] of methods) await write(Array.from({ length: BATCH }, (_, i) => rowFor(i, `warm-${benchPrefix()}`)));
    const results = new Map<string, { rate: number; cpuMicros: number }[]>();
    for (let round = 0; round < 2; round++) {
      for (const [name, write] of methods) {
        const prefix = benchPrefix();
        const batches = Array.from({ length: Math.ceil(EVENTS / BATCH) }, (_, b) => Array.from({ length: Math.min(BATCH, EVENTS - b * BATCH) }, (_, i) => rowFor(b * BATCH + i, prefix)));
        const cpu = process.cpuUsage();
        const started = performance.now();
        for (const batch of batches) await write(batch);
        const seconds = (performance.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        results.set(name, [...(results.get(name) ?? []), { rate: EVENTS / seconds, cpuMicros: (used.user + used.system) / EVENTS }]);
      }
    }
    console.log(`${EVENTS} done events (${EVENTS * 2} messages), batches of ${BATCH}, one transaction per batch, sequential`);
    for (const [name, runs] of results) {
      const best = Math.max(...runs.map((run) => run.rate));
      const cpu = Math.min(...runs.map((run) => run.cpuMicros));
      console.log(`${name}: ${Math.round(best)} events/s (${Math.round(best * 2)} message rows/s), node CPU ${cpu.toFixed(1)} µs/event; runs: ${runs.map((run) => Math.round(run.rate)).join(', ')}`);
    }
  } finally {
    await pool.end();
    await prisma.$disconnect();
    await db.drop();
  }
}

void main();
