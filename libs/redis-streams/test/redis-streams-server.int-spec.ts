import { deadLetterSchema, fieldsToRecord } from '@app/domain';
import { uniqueName, waitFor } from '@app/testing';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { HandlerOutcome, RedisStreamsOptions, RedisStreamsServer, StreamBatch, SUBSCRIPTION_EXTRA, RedisStreamsClient } from '../src';

const schema = z.object({ n: z.number().int() });
type Event = z.infer<typeof schema>;
type Handler = (batch: StreamBatch<Event>) => Promise<HandlerOutcome | void>;

describe('RedisStreamsServer (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let streams: string[];
  let dlq: string;
  const servers: RedisStreamsServer[] = [];

  beforeAll(() => {
    Logger.overrideLogger(false);
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  });

  beforeEach(() => {
    prefix = uniqueName('rs');
    streams = [`${prefix}:{0}`, `${prefix}:{1}`];
    dlq = `${prefix}:dlq`;
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    const markers = await redis.keys(`{${dlq}}:dead-lettered:*`);
    await redis.del(...streams, dlq, ...markers);
  });

  afterAll(async () => {
    await redis.quit();
  });

  function startServer(handler: Handler, overrides: Partial<RedisStreamsOptions> = {}, registry = new Registry()): RedisStreamsServer {
    const server = new RedisStreamsServer(
      {
        group: 'g',
        consumer: 'c1',
        deadLetterStream: dlq,
        blockMs: 200,
        retryInitialMs: 20,
        retryMaxMs: 100,
        ...overrides,
      },
      { redis, registry },
    );
    server.addHandler('events', handler as never, true, { [SUBSCRIPTION_EXTRA]: { pattern: 'events', streams, schema } });
    server.start();
    servers.push(server);
    return server;
  }

  /** Appends an event as the producers do. */
  const add = (stream: string, event: unknown) => new RedisStreamsClient(redis).add(stream, event);
  /** A `data` field that is not JSON: raw XADD, since the client never writes one. */
  const addRaw = (stream: string, data: string) => redis.xadd(stream, '*', 'data', data) as Promise<string>;
  const pendingCount = async (stream: string) => ((await redis.xpending(stream, 'g')) as [number])[0];
  const dlqRecords = async () => (await redis.xrange(dlq, '-', '+')).map(([, fields]) => deadLetterSchema.parse(JSON.parse(fieldsToRecord(fields).data)));

  it('creates the group on every stream, delivers batches per stream and acknowledges after the handler succeeds', async () => {
    const seen: { stream: string; ns: number[] }[] = [];
    startServer(async (batch) => {
      seen.push({ stream: batch.stream, ns: batch.entries.map((entry) => entry.event.n) });
    });
    await waitFor(async () => (await redis.exists(...streams)) === 2, { what: 'streams created by MKSTREAM' });
    for (let n = 0; n < 10; n++) await add(streams[n % 2], { n });
    await waitFor(() => seen.flatMap((batch) => batch.ns).length === 10, { what: 'all entries handled' });
    expect(
      seen
        .filter((batch) => batch.stream === streams[0])
        .flatMap((batch) => batch.ns)
        .sort((a, b) => a - b),
    ).toEqual([0, 2, 4, 6, 8]);
    await waitFor(async () => (await pendingCount(streams[0])) + (await pendingCount(streams[1])) === 0, { what: 'everything acknowledged' });
  });

  it('keeps entries pending while the handler fails and retries the same batch until it succeeds', async () => {
    let calls = 0;
    const registry = new Registry();
    startServer(
      async () => {
        calls++;
        if (calls < 3) throw new Error('database unavailable');
      },
      {},
      registry,
    );
    await add(streams[0], { n: 1 });
    await waitFor(() => calls >= 1, { what: 'first attempt' });
    expect(await pendingCount(streams[0])).toBe(1);
    await waitFor(async () => calls >= 3 && (await pendingCount(streams[0])) === 0, { what: 'ack after the third attempt' });
    const retried = await registry.getSingleMetric('redis_streams_entries_retried_total')?.get();
    expect(retried?.values.find((value) => value.labels.stream === streams[0])?.value).toBe(2);
  });

  it('dead-letters entries failing the schema and entries the handler rejects, and keeps going', async () => {
    const handled: number[] = [];
    startServer(async (batch) => {
      const rejected = batch.entries.filter((entry) => entry.event.n === 13).map((entry) => ({ id: entry.id, reason: 'unlucky number' }));
      handled.push(...batch.entries.filter((entry) => entry.event.n !== 13).map((entry) => entry.event.n));
      return { rejected };
    });
    const badJson = await addRaw(streams[0], '{not json');
    const badSchema = await add(streams[0], { n: 'one' });
    const poison = await add(streams[0], { n: 13 });
    await add(streams[0], { n: 2 });
    await waitFor(() => handled.includes(2), { what: 'the good entry after the bad ones' });
    await waitFor(async () => (await redis.xlen(dlq)) === 3, { what: 'three dead letters' });
    const records = await dlqRecords();
    expect(records.map((record) => record.original_id)).toEqual([badJson, badSchema, poison]);
    expect(records[0]).toMatchObject({ stream: streams[0], group: 'g', consumer: 'c1', delivery_count: 1, fields: { data: '{not json' } });
    expect(records[0].reason).toMatch(/not JSON/);
    expect(records[1].reason).toMatch(/^schema: n:/);
    expect(records[2].reason).toBe('unlucky number');
    await waitFor(async () => (await pendingCount(streams[0])) === 0, { what: 'nothing left pending' });
  });

  it('re-reads its own pending entries after a restart, with their delivery count', async () => {
    await redis.xgroup('CREATE', streams[0], 'g', '0', 'MKSTREAM');
    await add(streams[0], { n: 7 });
    await redis.xreadgroup('GROUP', 'g', 'c1', 'COUNT', 10, 'STREAMS', streams[0], '>');
    const counts: number[] = [];
    startServer(async (batch) => {
      counts.push(...batch.entries.map((entry) => entry.deliveryCount));
    });
    await waitFor(() => counts.length === 1, { what: 'own pending entry re-read' });
    expect(counts).toEqual([2]);
    await waitFor(async () => (await pendingCount(streams[0])) === 0, { what: 'acknowledged' });
  });

  it('claims idle entries of a dead consumer, and dead-letters one delivered too often', async () => {
    await redis.xgroup('CREATE', streams[0], 'g', '0', 'MKSTREAM');
    const orphan = await add(streams[0], { n: 1 });
    const crashLooper = await add(streams[0], { n: 2 });
    await redis.xreadgroup('GROUP', 'g', 'dead', 'COUNT', 10, 'STREAMS', streams[0], '>');
    for (let i = 0; i < 3; i++) await redis.xclaim(streams[0], 'g', 'dead', 0, crashLooper);
    const handled: string[] = [];
    const server = startServer(
      async (batch) => {
        handled.push(...batch.entries.map((entry) => entry.id));
      },
      { claimMinIdleMs: 50, claimIntervalMs: 60_000, maxDeliveries: 3 },
    );
    await new Promise((resolve) => setTimeout(resolve, 80));
    await server.reclaimNow();
    await waitFor(() => handled.includes(orphan), { what: 'orphan claimed and handled' });
    await waitFor(async () => (await redis.xlen(dlq)) === 1, { what: 'crash looper dead-lettered' });
    expect(handled).not.toContain(crashLooper);
    expect(await dlqRecords()).toEqual([expect.objectContaining({ original_id: crashLooper, delivery_count: 5, reason: 'delivered 5 times (max 3) without success' })]);
    await waitFor(async () => (await pendingCount(streams[0])) === 0, { what: 'nothing pending' });
  });

  it('does not reclaim entries it still holds, however long the handler takes', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const server = startServer(
      async () => {
        calls++;
        await gate;
      },
      { claimMinIdleMs: 100, claimIntervalMs: 60_000 },
    );
    await add(streams[0], { n: 1 });
    await waitFor(() => calls === 1, { what: 'handler called' });
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 70));
      await server.reclaimNow();
    }
    const [[, , idleMs, deliveries]] = (await redis.xpending(streams[0], 'g', '-', '+', 10)) as [string, string, number, number][];
    expect(deliveries).toBe(1);
    expect(idleMs).toBeLessThan(100);
    release();
    await waitFor(async () => (await pendingCount(streams[0])) === 0, { what: 'acknowledged' });
    expect(calls).toBe(1);
  });

  it('on close stops reading, waits for the handlers holding entries, acknowledges, and removes its consumer name', async () => {
    const buffered: { resolve: () => void }[] = [];
    const server = startServer(() => new Promise<void>((resolve) => buffered.push({ resolve })));
    await add(streams[0], { n: 1 });
    await add(streams[1], { n: 2 });
    await waitFor(() => buffered.length === 2, { what: 'both batches buffered' });
    const closed = server.close();
    // A buffering handler (chat-consumer's batcher) finishes once shutdown has begun.
    setTimeout(() => buffered.splice(0).forEach((entry) => entry.resolve()), 100);
    await closed;
    expect(await pendingCount(streams[0])).toBe(0);
    expect(await pendingCount(streams[1])).toBe(0);
    const consumers = (await redis.xinfo('CONSUMERS', streams[0], 'g')) as unknown[];
    expect(consumers).toEqual([]);
  });

  it('keeps its consumer name when a handler outlives the shutdown timeout, leaving the entry pending', async () => {
    const server = startServer(() => new Promise<void>(() => undefined), { shutdownTimeoutMs: 200 });
    await add(streams[0], { n: 1 });
    await waitFor(async () => (await pendingCount(streams[0])) === 1, { what: 'entry delivered' });
    await server.close();
    expect(await pendingCount(streams[0])).toBe(1);
    const consumers = (await redis.xinfo('CONSUMERS', streams[0], 'g')) as unknown[][];
    expect(consumers.map((flat) => flat[1])).toEqual(['c1']);
  });

  it('reports pending entries and group lag as gauges', async () => {
    const registry = new Registry();
    const gate: { release?: () => void } = {};
    startServer(() => new Promise<void>((resolve) => (gate.release = resolve)), { maxInFlightPerStream: 2, readCount: 2, shutdownTimeoutMs: 300 }, registry);
    for (let n = 0; n < 5; n++) await add(streams[0], { n });
    await waitFor(() => gate.release !== undefined, { what: 'first batch held' });
    const text = await registry.metrics();
    expect(text).toContain(`redis_streams_pending_entries{stream="${streams[0]}",group="g"} 2`);
    expect(text).toContain(`redis_streams_group_lag{stream="${streams[0]}",group="g"} 3`);
    gate.release?.();
  });

  it('refuses a handler without a subscription, a request handler, and starting with no handler', () => {
    const server = new RedisStreamsServer({ group: 'g', deadLetterStream: dlq }, { redis, registry: new Registry() });
    expect(() => server.addHandler('events', (async () => undefined) as never, true)).toThrow('pattern "events" has no subscription: declare the handler with @StreamEntries(subscription)');
    expect(() => server.addHandler('events', (async () => undefined) as never, false, { [SUBSCRIPTION_EXTRA]: { pattern: 'events', streams, schema } })).toThrow(/are events \(@StreamEntries\), not requests/);
    expect(() => server.start()).toThrow('invalid Redis Streams subscriptions: no @StreamEntries handler is registered');
  });

  it('refuses a stream read by two handlers, or that is the dead-letter stream, naming both', () => {
    const server = new RedisStreamsServer({ group: 'g', deadLetterStream: dlq }, { redis, registry: new Registry() });
    server.addHandler('a', (async () => undefined) as never, true, { [SUBSCRIPTION_EXTRA]: { pattern: 'a', streams, schema } });
    server.addHandler('b', (async () => undefined) as never, true, { [SUBSCRIPTION_EXTRA]: { pattern: 'b', streams: [streams[1], dlq], schema } });
    expect(() => server.start()).toThrow(
      `invalid Redis Streams subscriptions: stream "${streams[1]}" is subscribed twice (patterns "a" and "b"); stream "${dlq}" is also the dead-letter stream`,
    );
  });

  it('reads the streams a subscription names by token from resolveStreams', async () => {
    const token = Symbol('STREAMS');
    const seen: number[] = [];
    const server = new RedisStreamsServer({ group: 'g', consumer: 'c1', deadLetterStream: dlq, blockMs: 200 }, { redis, registry: new Registry(), resolveStreams: (asked) => (asked === token ? [streams[1]] : []) });
    server.addHandler('events', (async (batch: StreamBatch<Event>) => void seen.push(...batch.entries.map((entry) => entry.event.n))) as never, true, { [SUBSCRIPTION_EXTRA]: { pattern: 'events', streams: token, schema } });
    server.start();
    servers.push(server);
    await add(streams[1], { n: 7 });
    await waitFor(() => seen.length === 1, { what: 'entry of the resolved stream handled' });
    expect(seen).toEqual([7]);
    expect(await redis.exists(streams[0])).toBe(0);
  });
});
