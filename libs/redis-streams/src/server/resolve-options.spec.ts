import { z } from 'zod';
import { checkSubscriptions, resolveOptions } from './resolve-options';

const base = { group: 'g', deadLetterStream: 'dlq' };

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
        group: '',
        readCount: 0,
        retryInitialMs: 500,
        retryMaxMs: 100,
      }),
    ).toThrow('invalid Redis Streams options: group must be a non-empty string; readCount must be a positive integer, got 0; retryMaxMs must be at least retryInitialMs');
  });

  it('refuses a read-ahead bound below one read', () => {
    expect(() => resolveOptions({ ...base, readCount: 100, maxInFlightPerStream: 50 })).toThrow(/maxInFlightPerStream \(50\) must be at least readCount \(100\)/);
  });
});

describe('checkSubscriptions', () => {
  const schema = z.unknown();

  it('accepts distinct streams across handlers', () => {
    expect(() => checkSubscriptions([{ pattern: 'a', streams: ['s0', 's1'], schema }, { pattern: 'b', streams: ['s2'], schema }], 'dlq')).not.toThrow();
  });

  it('names every impossible subscription', () => {
    expect(() => checkSubscriptions([{ pattern: 'a', streams: ['s0', 'dlq'], schema }, { pattern: 'b', streams: ['s0'], schema }, { pattern: 'c', streams: [], schema }], 'dlq')).toThrow(
      'invalid Redis Streams subscriptions: stream "dlq" is also the dead-letter stream; stream "s0" is subscribed twice (patterns "a" and "b"); pattern "c" has no streams',
    );
    expect(() => checkSubscriptions([], 'dlq')).toThrow('no @StreamEntries handler is registered');
  });
});
