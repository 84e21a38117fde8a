import { markerPrefix } from '../commands/dead-letter-keys';
import { defaultConsumerName } from '../helpers/consumer-name';
import type { RedisStreamsOptions, ResolvedRedisStreamsOptions } from '../interfaces/redis-streams-options.interface';
import type { StreamSubscription } from '../interfaces/stream-subscription.interface';

export const REDIS_STREAMS_DEFAULTS = {
  startId: '0',
  readCount: 100,
  blockMs: 2_000,
  maxInFlightPerStream: 200,
  claimMinIdleMs: 60_000,
  claimIntervalMs: 15_000,
  maxDeliveries: 5,
  retryInitialMs: 100,
  retryMaxMs: 30_000,
  shutdownTimeoutMs: 8_000,
  deleteConsumerOnShutdown: true,
} as const;

/** Fills in the defaults and rejects settings that cannot work, with a message naming the option. */
export function resolveOptions(options: RedisStreamsOptions): ResolvedRedisStreamsOptions {
  const resolved: ResolvedRedisStreamsOptions = { ...REDIS_STREAMS_DEFAULTS, consumer: defaultConsumerName(), ...stripUndefined(options) };
  const problems: string[] = [];
  if (!resolved.group) problems.push('group must be a non-empty string');
  if (!resolved.consumer) problems.push('consumer must be a non-empty string');
  if (!resolved.deadLetterStream) problems.push('deadLetterStream must be a non-empty string');
  else {
    try {
      markerPrefix(resolved.deadLetterStream);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  for (const key of ['readCount', 'blockMs', 'maxInFlightPerStream', 'claimMinIdleMs', 'claimIntervalMs', 'maxDeliveries', 'retryInitialMs', 'retryMaxMs'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 1) problems.push(`${key} must be a positive integer, got ${resolved[key]}`);
  }
  if (resolved.maxInFlightPerStream < resolved.readCount) problems.push(`maxInFlightPerStream (${resolved.maxInFlightPerStream}) must be at least readCount (${resolved.readCount})`);
  if (resolved.retryMaxMs < resolved.retryInitialMs) problems.push('retryMaxMs must be at least retryInitialMs');
  if (problems.length > 0) throw new Error(`invalid Redis Streams options: ${problems.join('; ')}`);
  return resolved;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A subscription with its stream names known (a token resolved through the app's providers). */
export type BoundSubscription = Omit<StreamSubscription, 'streams'> & { streams: readonly string[] };

/**
 * Checks what the handlers subscribe to, together: at least one subscription, no stream read
 * twice (two handlers could not both decide an entry's acknowledgement), none that is the
 * dead-letter stream (a dead letter would be read back and dead-lettered again).
 */
export function checkSubscriptions(subscriptions: readonly BoundSubscription[], deadLetterStream: string): void {
  const problems: string[] = [];
  if (subscriptions.length === 0) problems.push('no @StreamEntries handler is registered');
  const owners = new Map<string, string>();
  for (const { pattern, streams } of subscriptions) {
    if (streams.length === 0) problems.push(`pattern "${pattern}" has no streams`);
    for (const stream of streams) {
      const owner = owners.get(stream);
      if (owner !== undefined) problems.push(`stream "${stream}" is subscribed twice (patterns "${owner}" and "${pattern}")`);
      if (stream === deadLetterStream) problems.push(`stream "${stream}" is also the dead-letter stream`);
      owners.set(stream, pattern);
    }
  }
  if (problems.length > 0) throw new Error(`invalid Redis Streams subscriptions: ${problems.join('; ')}`);
}
