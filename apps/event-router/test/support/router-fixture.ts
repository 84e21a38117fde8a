import Redis from 'ioredis';
import { isCluster, RedisClient } from '@app/platform';
import { shardForJob } from '@app/domain';
import { RedisStreamsClient } from '@app/redis-streams';
import { chatDoneEvent, startTestService, TestService, uniqueName } from '@app/testing';
import type { EventRouterConfig } from '../../src/config';
import { eventRouterService } from '../../src/service';

export const definition = eventRouterService;

export const SHARDS = 4;

/**
 * Stream and key names unique to one test file, so tests never touch the real streams and
 * never see each other's entries. Every router started from it shares the names (and so the
 * `eventrouter` group); each gets its own consumer name.
 */
export class RouterFixture {
  readonly prefix = uniqueName('er');
  readonly redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  readonly redis: RedisClient;
  /** Writes valid entries to `redis`, as the producers do. */
  readonly streams: RedisStreamsClient;
  readonly chatStreams = Array.from({ length: SHARDS }, (_, shard) => `${this.prefix}:chat:{${shard}}`);
  readonly alertsStream = `${this.prefix}:alerts`;
  readonly pipelinesStream = `${this.prefix}:pipelines`;
  readonly dlqStream = `${this.prefix}:dlq`;
  readonly routedPrefix = `${this.prefix}:routed:`;
  private readonly routers: TestService<EventRouterConfig>[] = [];
  private started = 0;

  /** `redis` is where the fixture publishes; by default the single node at REDIS_URL. */
  constructor(redis?: RedisClient) {
    this.redis = redis ?? new Redis(this.redisUrl);
    this.streams = new RedisStreamsClient(this.redis);
  }

  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      REDIS_URL: this.redisUrl,
      HTTP_PORT: '0',
      SSE_AUTH_DISABLED: 'true',
      CHAT_EVENT_STREAMS: this.chatStreams.join(','),
      ALERTS_STREAM: this.alertsStream,
      PIPELINE_TRIGGERS_STREAM: this.pipelinesStream,
      CHAT_DLQ_STREAM: this.dlqStream,
      ROUTED_KEY_PREFIX: this.routedPrefix,
      CONSUMER_NAME: `router-${++this.started}`,
      SSE_RETRY_MS: '200',
      ...overrides,
    };
  }

  async startRouter(overrides: Record<string, string> = {}): Promise<TestService<EventRouterConfig>> {
    const router = await startTestService(definition, this.env(overrides));
    this.routers.push(router);
    return router;
  }

  async stopRouter(router: TestService<EventRouterConfig>): Promise<number> {
    this.routers.splice(this.routers.indexOf(router), 1);
    return router.sigterm();
  }

  /** Appends a chat event to its job's shard, as a chat worker would; returns the entry id. */
  async publishChat(event: { stage: string; job_id: string; [field: string]: unknown }): Promise<string> {
    const stream = this.chatStreams[shardForJob(event.job_id, SHARDS)];
    return this.streams.add(stream, event);
  }

  /** Appends any event to any stream, as its producer would (`data` = its JSON); returns the entry id. */
  publish(stream: string, event: unknown): Promise<string> {
    return this.streams.add(stream, event);
  }

  /** Raw fields, as no producer writes them: for malformed entries (no `data`, not JSON...). */
  async publishRaw(stream: string, fields: string[]): Promise<string> {
    return (await this.redis.xadd(stream, '*', ...fields)) as string;
  }

  async close(): Promise<void> {
    for (const router of [...this.routers]) await this.stopRouter(router);
    // KEYS answers for one node only: on a cluster, ask every master, and delete key by key (their slots differ).
    const nodes = isCluster(this.redis) ? this.redis.nodes('master') : [this.redis];
    for (const node of nodes) {
      const keys = await node.keys(`${this.prefix}:*`);
      for (const key of keys) await this.redis.del(key);
    }
    await this.redis.quit();
    this.redis.disconnect();
  }
}

export function doneEvent(jobId: string, answer = 'the answer') {
  return chatDoneEvent(jobId, { answer });
}
