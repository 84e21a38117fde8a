import { uniqueName } from '@app/testing';
import fc from 'fast-check';
import Redis from 'ioredis';
import { WindowStore } from '../src/engine/window-store';

/** A clock the test moves by hand. */
class TestClock {
  constructor(public ms = 1_800_000_000_000) {}
  now() {
    return this.ms;
  }
}

const offsets = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe('the window script (real Redis)', () => {
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: false });
  const clock = new TestClock();
  const store = new WindowStore(redis, clock);
  const ids: string[] = [];
  const newConsumer = () => {
    const id = uniqueName('pt-window');
    ids.push(id);
    return id;
  };

  afterAll(async () => {
    for (const id of ids) await store.forget(id);
    await redis.quit();
  });

  it('closes one window per max_event events, also inside one batch, and records each in the outbox', async () => {
    const id = newConsumer();
    const first = await store.countBatch(id, 100, 't', 0, offsets(0, 249));
    expect(first).toEqual({ counted: 250, skipped: 0, count: 50, closedEpochs: [1, 2] });
    expect((await store.state(id)).count).toBe(50);
    expect(await redis.get(`consumer:${id}:events`)).toBe('50');
    const outbox = await store.outbox(id);
    expect(outbox.map((w) => [w.epoch, w.reason, w.event_count, w.offsets])).toEqual([
      [1, 'count', 100, { 0: ['0', '99'] }],
      [2, 'count', 100, { 0: ['100', '199'] }],
    ]);
  });

  it('counts a replayed batch zero times (per-partition offset guard)', async () => {
    const id = newConsumer();
    await store.countBatch(id, 20, 't', 0, offsets(0, 6));
    await store.countBatch(id, 20, 't', 1, offsets(0, 1));
    expect(await store.countBatch(id, 20, 't', 0, offsets(0, 6))).toEqual({ counted: 0, skipped: 7, count: 9, closedEpochs: [] });
    // Overlapping redelivery: only offsets past partition 0's guard count; partition 1 has its own guard.
    expect(await store.countBatch(id, 20, 't', 0, offsets(5, 8))).toEqual({ counted: 2, skipped: 2, count: 11, closedEpochs: [] });
    expect((await store.state(id)).count).toBe(11);
    // A consumer moved to another topic is not held back by the old topic's offsets.
    expect(await store.countBatch(id, 20, 'other-topic', 0, offsets(0, 1))).toEqual({ counted: 2, skipped: 0, count: 13, closedEpochs: [] });
  });

  it('closes on time only under the lease, after max_time since the first event, and only once', async () => {
    const id = newConsumer();
    expect(await store.tick(id, 5_000, 'replica-a', 10_000)).toEqual({ owned: true, closedEpoch: 0 });
    expect(await store.tick(id, 5_000, 'replica-b', 10_000)).toEqual({ owned: false, closedEpoch: 0 });
    await store.countBatch(id, 1000, 't', 0, offsets(0, 2));
    clock.ms += 4_999;
    expect(await store.tick(id, 5_000, 'replica-a', 10_000)).toEqual({ owned: true, closedEpoch: 0 });
    clock.ms += 1;
    expect(await store.tick(id, 5_000, 'replica-a', 10_000)).toEqual({ owned: true, closedEpoch: 1 });
    expect(await store.tick(id, 5_000, 'replica-a', 10_000)).toEqual({ owned: true, closedEpoch: 0 });
    const [window] = await store.outbox(id);
    expect(window).toMatchObject({ epoch: 1, reason: 'time', event_count: 3, offsets: { 0: ['0', '2'] } });
    expect(window.closed_at - window.opened_at).toBe(5_000);
    expect(await store.releaseLease(id, 'replica-b')).toBe(false);
    expect(await store.releaseLease(id, 'replica-a')).toBe(true);
    expect((await store.tick(id, 5_000, 'replica-b', 10_000)).owned).toBe(true);
  });

  it('lets the count win when it closes the window before the timer: the timer then finds a new, empty window', async () => {
    const id = newConsumer();
    await store.countBatch(id, 5, 't', 0, offsets(0, 3));
    clock.ms += 60_000;
    expect((await store.countBatch(id, 5, 't', 0, offsets(4, 4))).closedEpochs).toEqual([1]);
    expect(await store.tick(id, 5_000, 'replica-a', 10_000)).toEqual({ owned: true, closedEpoch: 0 });
    expect((await store.outbox(id)).map((w) => w.reason)).toEqual(['count']);
  });

  it('closes an over-full window first when max_event was lowered', async () => {
    const id = newConsumer();
    await store.countBatch(id, 100, 't', 0, offsets(0, 49));
    const result = await store.countBatch(id, 20, 't', 0, offsets(50, 59));
    expect(result.closedEpochs).toEqual([1]);
    expect((await store.outbox(id))[0].event_count).toBe(50);
    expect((await store.state(id)).count).toBe(10);
  });

  it('acknowledges an outbox record once', async () => {
    const id = newConsumer();
    await store.countBatch(id, 2, 't', 0, offsets(0, 1));
    expect(await store.acknowledge(id, 1)).toBe(true);
    expect(await store.acknowledge(id, 1)).toBe(false);
    expect(await store.outbox(id)).toEqual([]);
  });

  it('for any split of a partition into redelivered, overlapping batches, counts each offset once and closes floor(n / max) windows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 12 }), async (maxEvent, batches) => {
        const id = newConsumer();
        let closed = 0;
        let high = -1;
        for (const [start, length] of batches) {
          const result = await store.countBatch(id, maxEvent, 't', 0, offsets(start, start + length));
          closed += result.closedEpochs.length;
          high = Math.max(high, start + length);
        }
        // The guard is the highest offset counted; anything at or below it is a replay. Distinct counted offsets:
        const counted = new Set<number>();
        let guard = -1;
        for (const [start, length] of batches) {
          for (let o = start; o <= start + length; o++) if (o > guard) counted.add(o);
          guard = Math.max(guard, start + length);
        }
        const state = await store.state(id);
        expect(closed).toBe(Math.floor(counted.size / maxEvent));
        expect(state.count).toBe(counted.size % maxEvent);
        await store.forget(id);
      }),
      { numRuns: 40 },
    );
  });
});
