import { z } from 'zod';
import { resolveOptions } from './resolve-options';

const base = { group: 'g', deadLetterStream: 'dlq', subscriptions: [{ pattern: 'p', streams: ['s0', 's1'], schema: z.unknown() }] };

describe('resolveOptions', () => {
  it('fills in the defaults, with a per-process consumer name', () => {
    const resolved = resolveOptions(base);
    expect(resolved).toMatchObject({ readCount: 100, claimMinIdleMs: 60_000, maxDeliveries: 5, startId: '0', deleteConsumerOnShutdown: true });
    expect(resolved.consumer).toMatch(new RegExp(`-${process.pid}$`));
  });

  it('keeps explicit values and ignores undefined ones', () => {
    expect(resolveOptions({ ...base, consumer: 'c1', readCount: 10, maxInFlightPerStream: undefined })).toMatchObject({ consumer: 'c1', readCount: 10, maxInFlightPerStream: 200 });
  });

  it('names every impossible setting', () => {
    expect(() =>
      resolveOptions({
        ...base,
        deadLetterStream: 's1',
        readCount: 0,
        retryInitialMs: 500,
        retryMaxMs: 100,
        subscriptions: [...base.subscriptions, { pattern: 'p', streams: ['s0'], schema: z.unknown() }],
      }),
    ).toThrow(
      'invalid Redis Streams options: stream "s1" is also the dead-letter stream; pattern "p" is subscribed twice; stream "s0" is subscribed twice; readCount must be a positive integer, got 0; retryMaxMs must be at least retryInitialMs',
    );
  });

  it('refuses a read-ahead bound below one read', () => {
    expect(() => resolveOptions({ ...base, readCount: 100, maxInFlightPerStream: 50 })).toThrow(/maxInFlightPerStream \(50\) must be at least readCount \(100\)/);
  });
});
