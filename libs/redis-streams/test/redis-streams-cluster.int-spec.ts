import { deadLetterSchema, fieldsToRecord } from '@app/domain';
import { RedisClusterSet, waitFor } from '@app/testing';
import { Logger } from '@nestjs/common';
import type { Cluster } from 'ioredis';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { DEAD_LETTER_MARKER_TTL_SECONDS, deadLetterKeys } from '../src/commands/dead-letter-keys';
import { deadLetterAppend } from '../src/scripts';
import { HandlerOutcome, RedisStreamsOptions, RedisStreamsServer, StreamBatch, SUBSCRIPTION_EXTRA, RedisStreamsClient } from '../src';

const schema = z.object({ n: z.number().int() });
type Event = z.infer<typeof schema>;
type Handler = (batch: StreamBatch<Event>) => Promise<HandlerOutcome | void>;

/**
 * The runner on a real three-master Redis Cluster, with streams named as the users name theirs
 * (no hash tags: `chat:events:0` ... land in different slots, and the dead-letter stream in yet
 * another). Every command and script must stay in one slot, or the cluster refuses it.
 */
describe('RedisStreamsServer on Redis Cluster', () => {
  let set: RedisClusterSet;
  let redis: Cluster;
  let run = 0;
  let streams: string[];
  let dlq: string;
  const servers: RedisStreamsServer[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    set = await RedisClusterSet.start();
    redis = set.client();
  }, 60_000);

  beforeEach(() => {
    run++;
    streams = [0, 1, 2, 3].map((shard) => `rs${run}:chat:events:${shard}`);
    dlq = `rs${run}:chat:events:dlq`;
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  afterAll(async () => {
    redis?.disconnect();
    await set?.stop();
  });

  function startServer(handler: Handler, overrides: Partial<RedisStreamsOptions> = {}): RedisStreamsServer {
    const server = new RedisStreamsServer(
      { group: 'g', consumer: 'c1', deadLetterStream: dlq, blockMs: 200, retryInitialMs: 20, retryMaxMs: 100, ...overrides },
      { redis, registry: new Registry() },
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
  const pending = (stream: string) => (redis.xpending(stream, 'g') as Promise<[number]>).then(([n]) => n, () => 0);
  const pendingTotal = async () => (await Promise.all(streams.map(pending))).reduce((a, b) => a + b, 0);
  const dlqRecords = async () => (await redis.xrange(dlq, '-', '+')).map(([id, fields]) => ({ id, ...deadLetterSchema.parse(JSON.parse(fieldsToRecord(fields).data)) }));

  it('uses streams of different slots on different masters', async () => {
    const ports = new Set(await Promise.all([...streams, dlq].map((key) => set.portOf(key))));
    expect(ports.size).toBeGreaterThan(1);
  });

  it('delivers every shard, dead-letters with the reason and acknowledges, across slots', async () => {
    const handled: number[] = [];
    startServer(async (batch) => {
      handled.push(...batch.entries.filter((entry) => entry.event.n !== 13).map((entry) => entry.event.n));
      return { rejected: batch.entries.filter((entry) => entry.event.n === 13).map((entry) => ({ id: entry.id, reason: 'unlucky number' })) };
    });
    await waitFor(async () => (await Promise.all(streams.map((stream) => redis.exists(stream)))).every((n) => n === 1), { what: 'groups created on every shard' });
    for (let n = 0; n < 40; n++) await add(streams[n % 4], { n });
    const bad = await addRaw(streams[2], '{not json');
    await waitFor(() => handled.length === 39, { what: '39 entries handled' });
    await waitFor(async () => (await redis.xlen(dlq)) === 2, { what: 'the rejected and the malformed entry dead-lettered' });
    const records = await dlqRecords();
    expect(records.map((record) => record.reason).sort()).toEqual([expect.stringMatching(/not JSON/), 'unlucky number']);
    expect(records.find((record) => /not JSON/.test(record.reason))?.original_id).toBe(bad);
    await waitFor(async () => (await pendingTotal()) === 0, { what: 'nothing pending' });
  });

  it('after a crash between appending the dead letter and acknowledging, dead-letters the entry again without a second record', async () => {
    await redis.xgroup('CREATE', streams[1], 'g', '0', 'MKSTREAM');
    const poison = await add(streams[1], { n: 1 });
    // A replica read it, appended its dead letter (step one) and died before the XACK (step two).
    await redis.xreadgroup('GROUP', 'g', 'dead', 'COUNT', 10, 'STREAMS', streams[1], '>');
    const lua = deadLetterAppend.lua;
    const record = { original_id: poison, stream: streams[1], group: 'g', consumer: 'dead', reason: 'rejected before the crash', delivery_count: 1, dead_lettered_at: new Date().toISOString(), fields: { data: '{"n":1}' } };
    const firstId = await redis.eval(lua, 2, ...deadLetterKeys(dlq, streams[1], 'g', poison), JSON.stringify(record), DEAD_LETTER_MARKER_TTL_SECONDS);
    expect(await pendingTotal()).toBe(1);

    // The entry stays pending, is reclaimed, and goes over its deliveries: dead-lettered again.
    const handled: string[] = [];
    const server = startServer(async (batch) => void handled.push(...batch.entries.map((entry) => `${entry.id}@${entry.deliveryCount}`)), { claimMinIdleMs: 1, claimIntervalMs: 60_000, maxDeliveries: 1 });
    await waitFor(async () => {
      await server.reclaimNow();
      return (await pendingTotal()) === 0;
    }, { what: 'the reclaimed entry acknowledged' });
    expect(handled).toEqual([]);
    expect(await dlqRecords()).toEqual([expect.objectContaining({ id: firstId, original_id: poison, reason: 'rejected before the crash' })]);
  });

  it('stops promptly while its reads block on the cluster, and keeps nothing pending', async () => {
    const server = startServer(async () => undefined, { blockMs: 30_000 });
    await waitFor(async () => (await Promise.all(streams.map((stream) => redis.exists(stream)))).every((n) => n === 1), { what: 'groups created' });
    await add(streams[0], { n: 1 });
    await waitFor(async () => (await pendingTotal()) === 0, { what: 'handled and acknowledged' });
    // A blocked XREADGROUP is ended by closing the reader; close() would otherwise wait for the 30 s block.
    await server.close();
    expect(((await redis.xinfo('CONSUMERS', streams[0], 'g')) as unknown[]).length).toBe(0);
  }, 15_000);
});
