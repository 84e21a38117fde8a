/**
 * The consumer group's settings. What it reads comes from the handlers: each `@StreamEntries`
 * method brings its subscription (streams, schema, filter).
 */
export interface RedisStreamsOptions {
  group: string;
  /** One name per process; default `${HOSTNAME}-${pid}`. */
  consumer?: string;
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
