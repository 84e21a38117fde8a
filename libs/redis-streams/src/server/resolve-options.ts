import { markerPrefix } from '../commands/dead-letter-keys';
import { defaultConsumerName } from '../helpers/consumer-name';
import type { RedisStreamsOptions, ResolvedRedisStreamsOptions } from '../interfaces/redis-streams-options.interface';

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
  if (resolved.subscriptions.length === 0) problems.push('subscriptions must name at least one pattern');
  const patterns = new Set<string>();
  const streams = new Set<string>();
  for (const subscription of resolved.subscriptions) {
    if (patterns.has(subscription.pattern)) problems.push(`pattern "${subscription.pattern}" is subscribed twice`);
    patterns.add(subscription.pattern);
    if (subscription.streams.length === 0) problems.push(`pattern "${subscription.pattern}" has no streams`);
    for (const stream of subscription.streams) {
      if (streams.has(stream)) problems.push(`stream "${stream}" is subscribed twice`);
      if (stream === resolved.deadLetterStream) problems.push(`stream "${stream}" is also the dead-letter stream`);
      streams.add(stream);
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
