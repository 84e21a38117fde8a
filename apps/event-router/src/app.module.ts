import { DynamicModule, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { PlatformModule, REDIS, RedisModule, RedisReadinessCheck, redisTopologyFrom } from '@app/platform';
import { RedisStreamsModule } from '@app/redis-streams';
import type { Logger } from 'pino';
import { EVENT_ROUTER_CONFIG, EventRouterConfig, SERVICE_NAME } from './config';
import { DemoController } from './demo/demo.controller';
import { INGEST_STREAMS, IngestListener } from './ingest/ingest.listener';
import { SseMetrics } from './metrics/sse-metrics';
import { RoutedKeys } from './routing/routed-keys';
import { RoutedStreamWriter } from './routing/routed-stream-writer';
import { SseRequestHandler } from './sse/sse-request-handler';
import { SseRouteMount } from './http/sse-route-mount';
import { SubscriptionService } from './sse/subscription.service';

/** event-router: Server-Sent Events fan-out of Redis stream events to browsers. */
@Module({})
export class AppModule {
  static forRoot(config: EventRouterConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, logger, readinessChecks: [RedisReadinessCheck] }),
        RedisModule.forRoot({ topology: redisTopologyFrom(config), connectionName: SERVICE_NAME, logger }),
        RedisStreamsModule.forRoot({
          group: config.CONSUMER_GROUP,
          consumer: config.CONSUMER_NAME,
          deadLetterStream: config.CHAT_DLQ_STREAM,
          // Source order does not depend on how batches are split or in flight: routing follows a
          // per-stream watermark (RoutedStreamWriter), whichever replica got which entries.
          readCount: 100,
          blockMs: 1000,
          // Routing takes milliseconds; an entry idle this long belongs to a replica that died.
          claimMinIdleMs: 15_000,
          claimIntervalMs: 5_000,
          shutdownTimeoutMs: Math.max(1000, config.SHUTDOWN_GRACE_PERIOD_MS - 2000),
        }),
      ],
      controllers: [DemoController, IngestListener],
      providers: [
        { provide: EVENT_ROUTER_CONFIG, useValue: config },
        { provide: INGEST_STREAMS.chat, useValue: config.CHAT_EVENT_STREAMS },
        { provide: INGEST_STREAMS.alerts, useValue: [config.ALERTS_STREAM] },
        { provide: INGEST_STREAMS.pipelines, useValue: [config.PIPELINE_TRIGGERS_STREAM] },
        SseMetrics,
        SubscriptionService,
        SseRequestHandler,
        SseRouteMount,
        {
          provide: RoutedStreamWriter,
          useFactory: (redis: Redis) =>
            new RoutedStreamWriter(redis, new RoutedKeys(config.ROUTED_KEY_PREFIX), {
              jobMaxLen: config.ROUTED_JOB_MAXLEN,
              channelMaxLen: config.ROUTED_CHANNEL_MAXLEN,
              jobTtlSeconds: config.ROUTED_JOB_TTL_SECONDS,
            }),
          inject: [REDIS],
        },
      ],
    };
  }
}
