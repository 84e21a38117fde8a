import { fieldsToRecord, groupEventSchema, type GroupEvent } from '@app/domain';
import { uniqueName, waitFor } from '@app/testing';
import Redis from 'ioredis';
import { RedisGroupEventPublisher } from '../src/coordinator/events/redis-group-event-publisher';

const event = (i: number): GroupEvent => ({
  type: 'member_joined',
  group_id: 'g',
  generation: i,
  at: new Date(1_700_000_000_000 + i).toISOString(),
  member_id: `m-${i}`,
  group_instance_id: null,
  client_id: 'c',
  client_host: '/127.0.0.1',
});

function counters() {
  const counts = { published: 0, failed: new Map<string, number>() };
  return {
    counts,
    sink: {
      published: (n: number) => void (counts.published += n),
      failed: (n: number, reason: string) => void counts.failed.set(reason, (counts.failed.get(reason) ?? 0) + n),
    },
  };
}

describe('RedisGroupEventPublisher', () => {
  it('appends events to the stream as one JSON field "data" that passes the domain schema', async () => {
    const redis = new Redis('redis://127.0.0.1:6379', { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    await new Promise((resolve) => redis.once('ready', resolve));
    const stream = `${uniqueName('test')}:broker:group-events`;
    const { counts, sink } = counters();
    const publisher = new RedisGroupEventPublisher(redis, sink, { stream });
    try {
      for (let i = 0; i < 1_200; i++) publisher.publish(event(i));
      await publisher.drain();
      const entries = await redis.xrange(stream, '-', '+');
      expect(entries).toHaveLength(1_200);
      expect(entries.map(([, fields]) => groupEventSchema.parse(JSON.parse(fieldsToRecord(fields).data)))).toEqual(Array.from({ length: 1_200 }, (_, i) => event(i)));
      expect(counts.published).toBe(1_200);
    } finally {
      await redis.del(stream);
      redis.disconnect();
    }
  });

  it('never blocks while Redis is unreachable: publish returns at once and the losses are counted', async () => {
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    redis.on('error', () => undefined);
    redis.connect().catch(() => undefined);
    const { counts, sink } = counters();
    const publisher = new RedisGroupEventPublisher(redis, sink, { maxQueue: 100 });
    try {
      // publish() is synchronous: it only queues, and what does not fit is counted on the spot.
      for (let i = 0; i < 150; i++) publisher.publish(event(i));
      expect(counts.failed.get('queue_full')).toBe(50);
      await publisher.drain();
      await waitFor(() => (counts.failed.get('redis_unavailable') ?? 0) + (counts.failed.get('queue_full') ?? 0) === 150);
      expect(counts.failed.get('queue_full')).toBe(50);
      expect(counts.published).toBe(0);
    } finally {
      redis.disconnect();
    }
  });
});
