import { STREAMS, type GroupEvent } from '@app/domain';
import { RedisStreamsClient } from '@app/redis-streams';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import type Redis from 'ioredis';
import type { GroupEventSink } from './group-event-sink';

export interface EventPublisherCounters {
  published(count: number): void;
  failed(count: number, reason: 'redis_unavailable' | 'redis_error' | 'queue_full'): void;
}

export interface RedisGroupEventPublisherOptions {
  stream?: string;
  /** Approximate cap on the stream length (XADD MAXLEN ~). */
  maxLen?: number;
  /** Events waiting to be written beyond this are dropped and counted. */
  maxQueue?: number;
  batchSize?: number;
}

/**
 * Appends group events to the `broker:group-events` stream as one JSON field `data`. Best effort by design: publish()
 * only queues; a background flush writes each batch with `RedisStreamsClient.addAll` (one pipeline of XADD); when
 * Redis is down or slow the events are dropped and counted, so the coordinator never waits on Redis. The connection
 * should have its offline queue off (see the module). The flush runs apart from whoever published, so its entries
 * carry no trace fields (it runs in the root context, not in the context of the first publish() of a batch).
 */
export class RedisGroupEventPublisher implements GroupEventSink {
  private readonly stream: string;
  private readonly client: RedisStreamsClient;
  private readonly maxQueue: number;
  private readonly batchSize: number;
  private queue: GroupEvent[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly counters: EventPublisherCounters,
    options: RedisGroupEventPublisherOptions = {},
  ) {
    this.stream = options.stream ?? STREAMS.groupEvents;
    this.client = new RedisStreamsClient(redis, { maxLen: options.maxLen ?? 100_000 });
    this.maxQueue = options.maxQueue ?? 10_000;
    this.batchSize = options.batchSize ?? 500;
  }

  publish(event: GroupEvent): void {
    if (this.queue.length >= this.maxQueue) {
      this.counters.failed(1, 'queue_full');
      return;
    }
    this.queue.push(event);
    if (!this.flushing) this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => context.with(ROOT_CONTEXT, () => this.flush()));
  }

  /** Resolves when everything queued so far has been written or given up on. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.batchSize);
        if (this.redis.status !== 'ready') {
          this.counters.failed(batch.length, 'redis_unavailable');
          continue;
        }
        try {
          const results = await this.client.addAll(this.stream, batch);
          const errors = results.filter((result) => result instanceof Error).length;
          if (errors) this.counters.failed(errors, 'redis_error');
          if (batch.length - errors) this.counters.published(batch.length - errors);
        } catch {
          this.counters.failed(batch.length, 'redis_error');
        }
      }
    } finally {
      this.flushing = null;
    }
  }
}
