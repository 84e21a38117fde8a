import { deadLetterSchema, fieldsToRecord, shardForJob } from '@app/domain';
import { RedisStreamsClient } from '@app/redis-streams';
import { createTestDatabase, startTestService, TcpProxy, TestDatabase, TestService, uniqueName, waitFor } from '@app/testing';
import Redis from 'ioredis';
import { Client } from 'pg';
import type { ChatConsumerConfig } from '../src/config';
import { chatConsumerService } from '../src/service';
import { addEvents, chatStreams, ChatStreams, deleteStreams, doneEvent, messageCounts, pendingTotal, progressEvent } from './support/chat-fixtures';

const definition = chatConsumerService;

describe('chat-consumer persistence (real Redis, real Postgres)', () => {
  let db: TestDatabase;
  let pg: Client;
  let redis: Redis;
  let chat: ChatStreams;
  const services: TestService<ChatConsumerConfig>[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  });

  beforeEach(() => {
    chat = chatStreams(uniqueName('chat'));
  });

  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.sigterm()));
    await deleteStreams(redis, chat);
  });

  afterAll(async () => {
    await redis.quit();
    await pg.end();
    await db.drop();
  });

  async function start(env: Record<string, string> = {}): Promise<TestService<ChatConsumerConfig>> {
    const service = await startTestService(definition, {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      CHAT_EVENT_STREAMS: chat.streams.join(','),
      CHAT_DLQ_STREAM: chat.dlq,
      FLUSH_INTERVAL_MS: '200',
      CLAIM_MIN_IDLE_MS: '60000',
      ...env,
    });
    services.push(service);
    await waitFor(async () => (await redis.exists(...chat.streams)) === chat.streams.length, { what: 'groups created on every shard' });
    return service;
  }

  const dlqRecords = async () => (await redis.xrange(chat.dlq, '-', '+')).map(([, fields]) => deadLetterSchema.parse(JSON.parse(fieldsToRecord(fields).data)));

  it('persists done events from all four shards as conversations and messages, and acknowledges them', async () => {
    await start({ BATCH_SIZE: '10' });
    const events = Array.from({ length: 40 }, (_, i) => doneEvent(`${chat.prefix}-job-${i}`, `${chat.prefix}-chat-${i % 8}`, `first question ${i}`));
    // The first turn of each conversation a few ms before the others, which land on other shards and may well commit first.
    const ids = await addEvents(redis, chat, events.slice(0, 8));
    await new Promise((resolve) => setTimeout(resolve, 5));
    ids.push(...(await addEvents(redis, chat, events.slice(8))));
    const perShard = await Promise.all(chat.streams.map((stream) => redis.xlen(stream)));
    expect(perShard.every((length) => length > 0)).toBe(true);

    await waitFor(async () => (await messageCounts(pg, chat)).messages === 80, { what: '80 messages', timeoutMs: 15_000 });
    expect(await messageCounts(pg, chat)).toEqual({ messages: 80, events: 40, duplicates: 0 });
    await waitFor(async () => (await pendingTotal(redis, chat)) === 0, { what: 'everything acknowledged' });

    const { rows: conversations } = await pg.query<{ id: string; title: string; messages: string }>(
      `SELECT c.id, c.title, COUNT(m.id) AS messages FROM chat.conversations c JOIN chat.messages m ON m.conversation_id = c.id
        WHERE c.id LIKE $1 GROUP BY c.id ORDER BY c.id`,
      [`${chat.prefix}-chat-%`],
    );
    expect(conversations).toHaveLength(8);
    expect(conversations.every((c) => c.messages === '10')).toBe(true);
    // Titled by each conversation's earliest event, whichever batch commits first: chat k's first turn is event k.
    expect(conversations.map((c) => c.title)).toEqual(Array.from({ length: 8 }, (_, k) => `first question ${k}`));

    const eventKey = `${chat.streams[shardForJob(`${chat.prefix}-job-0`)]}/${ids[0]}`;
    const { rows: first } = await pg.query(`SELECT role, content, intent, metadata, job_id, event_key FROM chat.messages WHERE event_key = $1 ORDER BY id`, [eventKey]);
    expect(first).toEqual([
      { role: 'user', content: 'first question 0', intent: 'faq', metadata: null, job_id: `${chat.prefix}-job-0`, event_key: eventKey },
      { role: 'assistant', content: `answer to ${chat.prefix}-job-0`, intent: null, metadata: { model: 'test', job: `${chat.prefix}-job-0` }, job_id: `${chat.prefix}-job-0`, event_key: eventKey },
    ]);
  });

  it('reads the stream names the users\' chat-worker writes when CHAT_EVENT_STREAMS is not set', async () => {
    // The worker writes f"chat:events:{shard}", i.e. chat:events:0 … chat:events:3. A group of this
    // test's own reads them beside any other reader, and the entries it adds are removed afterwards.
    const group = uniqueName('users-names');
    const service = await startTestService(definition, { HTTP_PORT: '0', DATABASE_URL: db.url, CONSUMER_GROUP: group, FLUSH_INTERVAL_MS: '200' });
    services.push(service);
    const jobs = Array.from({ length: 8 }, (_, i) => `${group}-job-${i}`);
    const written: [string, string][] = [];
    try {
      for (const job of jobs) {
        const stream = `chat:events:${shardForJob(job)}`;
        written.push([stream, await new RedisStreamsClient(redis).add(stream, doneEvent(job, `${group}-chat`))]);
      }
      expect(new Set(written.map(([stream]) => stream)).size).toBeGreaterThan(1);
      const count = async () => Number((await pg.query('SELECT COUNT(*) AS n FROM chat.messages WHERE job_id LIKE $1', [`${group}-job-%`])).rows[0].n);
      await waitFor(async () => (await count()) === 16, { what: '16 messages from the plain stream names', timeoutMs: 15_000 });
    } finally {
      for (const [stream, id] of written) await redis.xdel(stream, id);
      for (const stream of new Set(written.map(([name]) => name))) await redis.xgroup('DESTROY', stream, group);
    }
  });

  it('acknowledges and skips every other stage at once, without waiting for a flush', async () => {
    await start({ FLUSH_INTERVAL_MS: '30000', CLAIM_MIN_IDLE_MS: '60000', BATCH_SIZE: '100' });
    await addEvents(
      redis,
      chat,
      Array.from({ length: 30 }, (_, i) => progressEvent(`${chat.prefix}-job-${i}`, i % 2 ? 'retrieval' : 'generation')),
    );
    await waitFor(async () => {
      const read = await Promise.all(chat.streams.map(async (stream) => ((await redis.xinfo('GROUPS', stream)) as unknown[][])[0]));
      return read.every((flat) => flat[flat.indexOf('lag') + 1] === 0) && (await pendingTotal(redis, chat)) === 0;
    }, { what: 'progress events read and acknowledged' });
    expect((await messageCounts(pg, chat)).messages).toBe(0);
    expect(await redis.exists(chat.dlq)).toBe(0);
  });

  it('dead-letters poison and schema-invalid entries with their reason and keeps persisting the rest', async () => {
    await start({ BATCH_SIZE: '5' });
    const shard0 = chat.streams[0];
    // Malformed entries no producer writes (the client always writes JSON in `data`): raw XADD.
    const notJson = (await redis.xadd(shard0, '*', 'data', '{"stage": "done", ')) as string;
    const noData = (await redis.xadd(shard0, '*', 'payload', 'x')) as string;
    // Well-formed entries whose events the schema or Postgres refuses: written as a producer writes them.
    const producer = new RedisStreamsClient(redis);
    const noPersistence = await producer.add(shard0, { stage: 'done', job_id: 'j1', result: { answer: 'a' } });
    const nulByte = await producer.add(shard0, doneEvent('j2', `${chat.prefix}-c`, 'bad \u0000 byte'));
    const intentTooLong = doneEvent('j3', `${chat.prefix}-c`);
    intentTooLong.result.persistence.user_message.intent = 'x'.repeat(201);
    const longIntent = await producer.add(shard0, intentTooLong);
    // Valid JSON and valid for the schema, refused only by Postgres (a lone UTF-16 surrogate): found by writing the batch row by row.
    const loneSurrogate = doneEvent('j4', `${chat.prefix}-c`);
    loneSurrogate.result.persistence.assistant_message.metadata = { model: 'test', job: '\ud800' };
    const refusedByPostgres = await producer.add(shard0, loneSurrogate);
    const good = Array.from({ length: 12 }, (_, i) => doneEvent(`${chat.prefix}-good-${i}`, `${chat.prefix}-c`));
    await addEvents(redis, chat, good);

    await waitFor(async () => (await messageCounts(pg, chat)).events === 12, { what: 'the 12 good events', timeoutMs: 15_000 });
    await waitFor(async () => (await redis.xlen(chat.dlq)) >= 6, { what: 'six dead letters', timeoutMs: 20_000 });
    const records = await dlqRecords();
    expect(records.map((record) => [record.original_id, record.reason])).toHaveLength(6);
    const byId = new Map(records.map((record) => [record.original_id, record]));
    expect(byId.get(notJson)?.reason).toMatch(/^field "data" is not JSON/);
    expect(byId.get(noData)?.reason).toBe('missing field "data"');
    expect(byId.get(noPersistence)?.reason).toMatch(/^schema: result.persistence:/);
    expect(byId.get(nulByte)?.reason).toMatch(/contains a NUL character/);
    expect(byId.get(longIntent)?.reason).toBe('schema: result.persistence.user_message.intent: longer than 200 characters');
    expect(byId.get(refusedByPostgres)?.reason).toMatch(/^postgres: .*json/);
    for (const record of records) expect(record).toMatchObject({ stream: shard0, group: 'chat-persistence', delivery_count: 1 });
    expect(byId.get(noData)?.fields).toEqual({ payload: 'x' });
    await waitFor(async () => (await pendingTotal(redis, chat)) === 0, { what: 'nothing pending' });
  });

  it('shares the shards between two replicas without writing anything twice', async () => {
    const first = await start({ CONSUMER_NAME: 'replica-a', BATCH_SIZE: '20' });
    const second = await start({ CONSUMER_NAME: 'replica-b', BATCH_SIZE: '20' });
    for (let round = 0; round < 10; round++) {
      await addEvents(redis, chat, Array.from({ length: 30 }, (_, i) => doneEvent(`${chat.prefix}-job-${round}-${i}`, `${chat.prefix}-chat-${i % 5}`)));
    }
    await waitFor(async () => (await messageCounts(pg, chat)).events === 300, { what: '300 events', timeoutMs: 20_000 });
    expect(await messageCounts(pg, chat)).toEqual({ messages: 600, events: 300, duplicates: 0 });
    await waitFor(async () => (await pendingTotal(redis, chat)) === 0, { what: 'everything acknowledged' });
    const readBy = async (service: TestService<ChatConsumerConfig>) => {
      const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
      return [...text.matchAll(/^redis_streams_entries_read_total\{.*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
    };
    const [a, b] = [await readBy(first), await readBy(second)];
    expect(a + b).toBe(300);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  });

  it('on SIGTERM flushes the open batch, acknowledges it and exits 0', async () => {
    const service = await start({ FLUSH_INTERVAL_MS: '60000', CLAIM_MIN_IDLE_MS: '120000', BATCH_SIZE: '100', CONSUMER_NAME: 'stopping' });
    await addEvents(redis, chat, Array.from({ length: 7 }, (_, i) => doneEvent(`${chat.prefix}-job-${i}`, `${chat.prefix}-chat`)));
    await waitFor(async () => (await pendingTotal(redis, chat)) === 7, { what: 'seven events read into the open batch' });
    expect((await messageCounts(pg, chat)).messages).toBe(0);
    services.splice(services.indexOf(service), 1);
    expect(await service.sigterm()).toBe(0);
    expect(await messageCounts(pg, chat)).toEqual({ messages: 14, events: 7, duplicates: 0 });
    expect(await pendingTotal(redis, chat)).toBe(0);
    const consumers = await Promise.all(chat.streams.map((stream) => redis.xinfo('CONSUMERS', stream, 'chat-persistence') as Promise<unknown[]>));
    expect(consumers.flat()).toEqual([]);
  });

  it('loses nothing while Postgres is unreachable: not ready, nothing acknowledged, all written once it is back', async () => {
    const proxy = await TcpProxy.start({ host: '127.0.0.1', port: 5432 });
    try {
      const service = await start({ DATABASE_URL: proxy.rewrite(db.url), BATCH_SIZE: '10', RETRY_MAX_MS: '200' });
      await waitFor(async () => (await fetch(`${service.baseUrl}/health/ready`)).status === 200, { what: 'ready before the outage' });

      proxy.cut();
      await addEvents(redis, chat, Array.from({ length: 25 }, (_, i) => doneEvent(`${chat.prefix}-job-${i}`, `${chat.prefix}-chat-${i % 3}`)));
      await waitFor(
        async () => {
          const res = await fetch(`${service.baseUrl}/health/ready`);
          const body = (await res.json()) as { checks: Record<string, { status: string }> };
          return res.status === 503 && body.checks['chat-persistence']?.status === 'down';
        },
        { what: 'not ready because flushes fail', timeoutMs: 15_000 },
      );
      expect(await pendingTotal(redis, chat)).toBe(25);
      expect((await messageCounts(pg, chat)).messages).toBe(0);

      proxy.restore();
      await waitFor(async () => (await messageCounts(pg, chat)).events === 25, { what: 'all 25 events after Postgres is back', timeoutMs: 20_000 });
      expect(await messageCounts(pg, chat)).toEqual({ messages: 50, events: 25, duplicates: 0 });
      await waitFor(async () => (await pendingTotal(redis, chat)) === 0, { what: 'acknowledged after the commit' });
      await waitFor(async () => (await fetch(`${service.baseUrl}/health/ready`)).status === 200, { what: 'ready again' });
    } finally {
      await proxy.close();
    }
  });
});
