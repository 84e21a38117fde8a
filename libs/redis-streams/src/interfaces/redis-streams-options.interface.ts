import type { ZodType } from 'zod';

/** A set of streams whose entries go to the handler registered for `pattern` (`@EventPattern(pattern)`). */
export interface StreamSubscription {
  pattern: string;
  streams: string[];
  /** Validates each entry's `data` field; an entry that fails is dead-lettered and never reaches the handler. */
  schema: ZodType<unknown>;
  /**
   * Which valid entries the handler wants. The others are acknowledged at once and never held:
   * e.g. chat-consumer takes only `done` events, and the progress events around them must not
   * wait for its batch flush nor fill the pending list.
   */
  accept?: (event: never) => boolean;
}

export interface RedisStreamsOptions {
  group: string;
  /** One name per process; default `${HOSTNAME}-${pid}`. */
  consumer?: string;
  subscriptions: StreamSubscription[];
  deadLetterStream: string;
  /** Where a group that does not exist yet starts: `0` (the whole backlog) or `$` (new entries only). */
  startId?: '0' | '$';
  /** XREADGROUP COUNT. */
  readCount?: number;
  /** XREADGROUP BLOCK, in ms. */
  blockMs?: number;
  /** Entries handed to handlers and not yet acknowledged, per stream; reading that stream pauses above it. */
  maxInFlightPerStream?: number;
  /** XAUTOCLAIM min idle time: far above the longest time a handler holds an entry (a batch flush plus its retries). */
  claimMinIdleMs?: number;
  /** How often idle entries of other consumers are claimed. */
  claimIntervalMs?: number;
  /** An entry read with a delivery count above this goes to the dead-letter stream instead of the handler. */
  maxDeliveries?: number;
  /** Backoff between attempts of a failing handler: starts here, doubles up to retryMaxMs. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** How long close() waits for in-flight handlers; what is still held then stays pending for another consumer. */
  shutdownTimeoutMs?: number;
  /** XGROUP DELCONSUMER on shutdown, only when this consumer's pending list is empty. */
  deleteConsumerOnShutdown?: boolean;
}

export type ResolvedRedisStreamsOptions = Required<RedisStreamsOptions>;
