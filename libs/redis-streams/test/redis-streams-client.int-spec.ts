import { decodeStreamEntry, fieldsToRecord } from '@app/domain';
import { contextFromFields } from '@app/telemetry';
import { RedisClusterSet, uniqueName } from '@app/testing';
import { Inject, Injectable, Module } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import Redis, { type Cluster } from 'ioredis';
import { lastValueFrom } from 'rxjs';
import { z } from 'zod';
import { RedisStreamsClient } from '../src';

const schema = z.object({ n: z.number().int() });

describe('RedisStreamsClient (real Redis)', () => {
  let redis: Redis;
  let client: RedisStreamsClient;
  const created: string[] = [];
  /** A unique stream name, deleted after the test. */
  const newStream = () => {
    const name = uniqueName('rs-client');
    created.push(name);
    return name;
  };
  const entries = async (stream: string) => (await redis.xrange(stream, '-', '+')).map(([id, fields]) => ({ id, fields: fieldsToRecord(fields) }));
  const decoded = async (stream: string) => (await entries(stream)).map(({ fields }) => decodeStreamEntry(fields, schema));

  beforeAll(() => {
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    client = new RedisStreamsClient(redis);
  });

  afterEach(async () => {
    if (created.length) await redis.del(...created.splice(0));
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('add() appends one entry that decodeStreamEntry reads back, and returns its id', async () => {
    const stream = newStream();
    const id = await client.add(stream, { n: 1 });
    const [entry] = await entries(stream);
    expect(entry.id).toBe(id);
    expect(entry.fields).toEqual({ data: '{"n":1}' });
    expect(decodeStreamEntry(entry.fields, schema)).toEqual({ ok: true, event: { n: 1 } });
  });

  it('writes the id given, and Redis refuses one not above the last', async () => {
    const stream = newStream();
    await expect(client.add(stream, { n: 1 }, { id: '1700000000000-5' })).resolves.toBe('1700000000000-5');
    await expect(client.add(stream, { n: 2 }, { id: '1700000000000-*' })).resolves.toBe('1700000000000-6');
    await expect(client.add(stream, { n: 3 }, { id: '1700000000000-1' })).rejects.toThrow(/equal or smaller/);
  });

  it('trims with MAXLEN ~ from the constructor, overridden per call', async () => {
    const stream = newStream();
    const capped = new RedisStreamsClient(redis, { maxLen: 10 });
    // ~ trims whole radix-tree nodes (100 entries each by default): the length stays near the cap, not at it.
    for (let n = 0; n < 1_000; n++) await capped.add(stream, { n });
    const trimmed = await redis.xlen(stream);
    expect(trimmed).toBeLessThan(1_000);
    expect(trimmed).toBeGreaterThanOrEqual(10);
    await capped.addAll(stream, Array.from({ length: 500 }, (_, n) => ({ n })), { maxLen: 100_000 });
    expect(await redis.xlen(stream)).toBe(trimmed + 500);
    const uncapped = newStream();
    for (let n = 0; n < 300; n++) await client.add(uncapped, { n });
    expect(await redis.xlen(uncapped)).toBe(300);
    await client.add(uncapped, { n: 300 }, { maxLen: 0 });
    expect(await redis.xlen(uncapped)).toBeLessThan(301);
  });

  it('addAll() writes many events in one round trip, in order, with a result per event', async () => {
    const stream = newStream();
    const results = await client.addAll(stream, Array.from({ length: 1_000 }, (_, n) => ({ n })));
    const stored = await entries(stream);
    expect(results).toEqual(stored.map(({ id }) => id));
    expect(await decoded(stream)).toEqual(Array.from({ length: 1_000 }, (_, n) => ({ ok: true, event: { n } })));
    await expect(client.addAll(stream, [])).resolves.toEqual([]);
  });

  it('addAll() reports an error per event: ids Redis refuses, and events JSON cannot carry', async () => {
    const stream = newStream();
    const results = await client.addAll(stream, [{ n: 1 }, { n: 2 }, undefined, { n: 4 }], { ids: ['5-0', '3-0', '7-0', '6-0'] });
    expect(results[0]).toBe('5-0');
    expect(results[1]).toBeInstanceOf(Error);
    expect((results[1] as Error).message).toMatch(/equal or smaller/);
    expect(results[2]).toBeInstanceOf(TypeError);
    expect(results[3]).toBe('6-0');
    expect((await entries(stream)).map(({ id }) => id)).toEqual(['5-0', '6-0']);
    await expect(client.addAll(stream, [{ n: 1 }], { ids: [] })).rejects.toThrow(RangeError);
    await expect(client.add(stream, undefined)).rejects.toThrow(TypeError);
  });

  it('addEach() writes to several streams, each in order, and answers in the order given', async () => {
    const streams = [newStream(), newStream(), newStream()];
    const given = Array.from({ length: 30 }, (_, n) => ({ stream: streams[(n * 7) % 3], event: { n } }));
    const results = await client.addEach(given);
    for (const stream of streams) {
      const mine = given.flatMap(({ stream: s, event }, i) => (s === stream ? [{ id: results[i], event }] : []));
      expect((await entries(stream)).map(({ id }) => id)).toEqual(mine.map(({ id }) => id));
      expect(await decoded(stream)).toEqual(mine.map(({ event }) => ({ ok: true, event })));
    }
    const refused = await client.addEach([{ stream: streams[0], event: { n: 1 } }, { stream: streams[1], event: undefined }]);
    expect(refused[0]).toEqual(expect.any(String));
    expect(refused[1]).toBeInstanceOf(TypeError);
  });

  describe('trace context', () => {
    const provider = new BasicTracerProvider();
    const tracer = provider.getTracer('redis-streams-client-test');
    const contextManager = new AsyncLocalStorageContextManager();

    beforeAll(() => context.setGlobalContextManager(contextManager.enable()));
    afterAll(() => context.disable());

    it('carries the active span as traceparent, for add() and addAll()', async () => {
      const stream = newStream();
      const span = tracer.startSpan('produce');
      await context.with(trace.setSpan(context.active(), span), async () => {
        await client.add(stream, { n: 1 });
        await client.addAll(stream, [{ n: 2 }, { n: 3 }]);
      });
      span.end();
      const stored = await entries(stream);
      expect(stored).toHaveLength(3);
      for (const { fields } of stored) {
        expect(fields.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
        expect(trace.getSpanContext(contextFromFields(fields))?.spanId).toBe(span.spanContext().spanId);
        expect(trace.getSpanContext(contextFromFields(fields))?.traceId).toBe(span.spanContext().traceId);
      }
    });

    it('writes no trace field when no span is active', async () => {
      const stream = newStream();
      await context.with(ROOT_CONTEXT, async () => {
        await client.add(stream, { n: 1 });
        await client.addAll(stream, [{ n: 2 }]);
      });
      expect((await entries(stream)).map(({ fields }) => Object.keys(fields))).toEqual([['data'], ['data']]);
    });
  });

  describe('as a Nest ClientProxy', () => {
    const EVENTS = 'EVENTS_CLIENT';

    @Injectable()
    class Producer {
      constructor(@Inject(EVENTS) readonly events: ClientProxy) {}
    }

    @Module({ providers: [{ provide: EVENTS, useFactory: () => new RedisStreamsClient(redis) }, Producer] })
    class ProducerModule {}

    it('emit(stream, event) appends the entry and emits its id; send() fails; close() leaves the connection open', async () => {
      const stream = newStream();
      const moduleRef = await Test.createTestingModule({ imports: [ProducerModule] }).compile();
      await moduleRef.init();
      const { events } = moduleRef.get(Producer);
      const id = await lastValueFrom(events.emit(stream, { n: 7 }));
      expect((await entries(stream)).map((entry) => entry.id)).toEqual([id]);
      expect(await decoded(stream)).toEqual([{ ok: true, event: { n: 7 } }]);
      await expect(lastValueFrom(events.send(stream, { n: 8 }))).rejects.toThrow(/events only/);
      await expect(lastValueFrom(events.emit({ cmd: 'x' }, { n: 9 }))).rejects.toThrow(TypeError);
      expect(events.unwrap()).toBe(redis);
      await moduleRef.close();
      events.close();
      expect(redis.status).toBe('ready');
      expect(await redis.xlen(stream)).toBe(1);
    });
  });
});

describe('RedisStreamsClient on Redis Cluster', () => {
  let set: RedisClusterSet;
  let cluster: Cluster;

  beforeAll(async () => {
    set = await RedisClusterSet.start();
    cluster = set.client();
  }, 60_000);

  afterAll(async () => {
    cluster?.disconnect();
    await set?.stop();
  });

  it('add() and addAll() reach streams of different slots on different masters', async () => {
    const streams = [0, 1, 2, 3].map((shard) => `chat:events:${shard}`);
    expect(new Set(await Promise.all(streams.map((stream) => set.portOf(stream)))).size).toBeGreaterThan(1);
    const client = new RedisStreamsClient(cluster, { maxLen: 10_000 });
    for (const [shard, stream] of streams.entries()) {
      await client.add(stream, { n: shard });
      const results = await client.addAll(stream, Array.from({ length: 200 }, (_, n) => ({ n: shard * 1_000 + n })));
      expect(results.every((result) => typeof result === 'string')).toBe(true);
    }
    for (const [shard, stream] of streams.entries()) {
      const stored = (await cluster.xrange(stream, '-', '+')).map(([, fields]) => decodeStreamEntry(fieldsToRecord(fields), schema));
      expect(stored).toEqual([{ ok: true, event: { n: shard } }, ...Array.from({ length: 200 }, (_, n) => ({ ok: true, event: { n: shard * 1_000 + n } }))]);
    }
    // addEach spans the masters: one pipeline per stream, never one across slots.
    const results = await client.addEach(Array.from({ length: 40 }, (_, n) => ({ stream: streams[n % 4], event: { n: 5_000 + n } })));
    expect(results.every((result) => typeof result === 'string')).toBe(true);
    for (const [shard, stream] of streams.entries()) {
      const tail = (await cluster.xrange(stream, results[shard] as string, '+')).map(([, fields]) => decodeStreamEntry(fieldsToRecord(fields), schema));
      expect(tail).toEqual(Array.from({ length: 10 }, (_, k) => ({ ok: true, event: { n: 5_000 + shard + 4 * k } })));
    }
  });
});
