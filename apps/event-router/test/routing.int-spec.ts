import Redis from 'ioredis';
import { RedisStreamsClient } from '@app/redis-streams';
import { uniqueName, waitFor } from '@app/testing';
import { routeChatEvent } from '../src/routing/route-event';
import { RoutedKeys } from '../src/routing/routed-keys';
import { EntryRouter, RoutedStreamWriter } from '../src/routing/routed-stream-writer';

/** The routing script against a real Redis: source order across concurrent replicas, ids kept, idempotence, caps and expiry. */
describe('RoutedStreamWriter', () => {
  const prefix = `${uniqueName('er-route')}:`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl);
  const other = new Redis(redisUrl);
  const listener = new Redis(redisUrl);
  const streams = new RedisStreamsClient(redis);
  const keys = new RoutedKeys(prefix);
  const limits = { jobMaxLen: 1000, channelMaxLen: 1000, jobTtlSeconds: 120 };
  const writer = new RoutedStreamWriter(redis, keys, limits);
  const chat: EntryRouter = (fields) => {
    const event = JSON.parse(fields.data) as { stage: string; job_id: string };
    return event.stage === 'invalid' ? undefined : routeChatEvent(event);
  };
  const source = (name: string) => `${prefix}source:${name}`;
  const publish = async (stream: string, event: { stage: string; job_id: string; n?: number }) => streams.add(stream, event);

  afterAll(async () => {
    const found = await redis.keys(`${prefix}*`);
    if (found.length > 0) await redis.del(...found);
    listener.disconnect();
    other.disconnect();
    await redis.quit();
  });

  it('routes a run in source order, keeping ids, announcing each entry, expiring job streams', async () => {
    const stream = source('a');
    const key = keys.forTopic({ kind: 'job', jobId: 'a1' });
    const heard: string[] = [];
    listener.on('message', (channel: string, message: string) => channel === key && heard.push(message));
    await listener.subscribe(key);

    const ids = [await publish(stream, { stage: 'thinking', job_id: 'a1' }), await publish(stream, { stage: 'done', job_id: 'a1' })];
    expect(await writer.routeUpTo(stream, ids[1], chat)).toBe(2);
    const entries = await redis.xrange(key, '-', '+');
    expect(entries.map(([id]) => id)).toEqual(ids);
    expect(entries[1][1]).toEqual(['event', 'done', 'data', JSON.stringify({ stage: 'done', job_id: 'a1' })]);
    expect(await redis.ttl(key)).toBeGreaterThan(100);
    await waitFor(() => heard.length === 2, { what: 'two announcements' });
    expect(heard[0]).toBe(`${ids[0]}\nthinking\n${JSON.stringify({ stage: 'thinking', job_id: 'a1' })}`);
  });

  it('routes nothing twice: a repeated or older call is a no-op and the watermark never moves back', async () => {
    const stream = source('b');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await publish(stream, { stage: 'token', job_id: 'b1', n: i }));
    expect(await writer.routeUpTo(stream, ids[4], chat)).toBe(5);
    expect(await writer.routeUpTo(stream, ids[4], chat)).toBe(0);
    expect(await writer.routeUpTo(stream, ids[1], chat)).toBe(0);
    expect(await redis.get(keys.watermark(stream))).toBe(ids[4]);
    expect(await redis.xlen(keys.forTopic({ kind: 'job', jobId: 'b1' }))).toBe(5);
  });

  it('keeps source order when two replicas route interleaved batches of one shard at the same time', async () => {
    const stream = source('c');
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) ids.push(await publish(stream, { stage: 'token', job_id: `c${i % 3}`, n: i }));
    // The group would hand batches alternately to two replicas; each routes up to its batches' ends, concurrently.
    const batchEnds = Array.from({ length: 300 / 7 + 1 }, (_, b) => ids[Math.min(299, b * 7 + 6)]);
    const replicas = [writer, new RoutedStreamWriter(other, keys, limits)];
    const runs = replicas.map(async (replica, r) => {
      let total = 0;
      for (let b = r; b < batchEnds.length; b += 2) total += await replica.routeUpTo(stream, batchEnds[b], chat);
      return total;
    });
    const [first, second] = await Promise.all(runs);
    expect(first + second).toBe(300);
    for (let job = 0; job < 3; job++) {
      const routed = (await redis.xrange(keys.forTopic({ kind: 'job', jobId: `c${job}` }), '-', '+')).map(([id]) => id);
      expect(routed).toEqual(ids.filter((_, i) => i % 3 === job));
    }
  });

  it('skips entries that fail their schema and pages through long runs', async () => {
    const stream = source('d');
    const ids: string[] = [];
    for (let i = 0; i < 1200; i++) ids.push(await publish(stream, { stage: i % 100 === 0 ? 'invalid' : 'token', job_id: 'd1', n: i }));
    expect(await writer.routeUpTo(stream, ids[1199], chat)).toBe(1188);
    expect(await redis.get(keys.watermark(stream))).toBe(ids[1199]);
  });

  it('caps job streams near MAXLEN and never expires channel streams', async () => {
    const capped = new RoutedStreamWriter(redis, keys, { jobMaxLen: 10, channelMaxLen: 10, jobTtlSeconds: 120 });
    const stream = source('e');
    let last = '';
    for (let i = 0; i < 300; i++) last = await publish(stream, { stage: 'token', job_id: 'e1', n: i });
    await capped.routeUpTo(stream, last, chat);
    expect(await redis.xlen(keys.forTopic({ kind: 'job', jobId: 'e1' }))).toBeLessThan(300);

    const alerts = source('alerts');
    const id = await streams.add(alerts, {});
    await capped.routeUpTo(alerts, id, () => ({ topic: { kind: 'channel', channel: 'alerts' }, event: 'lag_spike', data: '{}' }));
    expect(await redis.ttl(keys.forTopic({ kind: 'channel', channel: 'alerts' }))).toBe(-1);
  });
});
