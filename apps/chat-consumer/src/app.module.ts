import { DynamicModule, Module } from '@nestjs/common';
import { DbModule, PostgresReadinessCheck } from '@app/db';
import { PlatformModule, RedisModule, RedisReadinessCheck, redisTopologyFrom } from '@app/platform';
import { RedisStreamsModule } from '@app/redis-streams';
import type { Logger } from 'pino';
import { checkChatConsumerConfig, ChatConsumerConfig, SERVICE_NAME } from './config';
import { CHAT_EVENT_STREAMS } from './persistence/chat-events.listener';
import { ChatPersistenceModule } from './persistence/chat-persistence.module';
import { ChatPersistenceReadinessCheck } from './persistence/chat-persistence.readiness';

/** chat-consumer: persists chat done events from Redis Streams to Postgres (ChatEventsListener says which). */
@Module({})
export class AppModule {
  static forRoot(config: ChatConsumerConfig, logger: Logger): DynamicModule {
    checkChatConsumerConfig(config);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, logger, readinessChecks: [RedisReadinessCheck, PostgresReadinessCheck, ChatPersistenceReadinessCheck] }),
        RedisModule.forRoot({ topology: redisTopologyFrom(config), connectionName: SERVICE_NAME, logger }),
        // Prisma serves the readiness check only; the batches have their own pool (ChatPersistenceModule).
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL, poolSize: 2 }),
        RedisStreamsModule.forRoot({
          group: config.CONSUMER_GROUP,
          consumer: config.CONSUMER_NAME,
          deadLetterStream: config.CHAT_DLQ_STREAM,
          readCount: config.BATCH_SIZE,
          maxInFlightPerStream: 2 * config.BATCH_SIZE,
          claimMinIdleMs: config.CLAIM_MIN_IDLE_MS,
          claimIntervalMs: config.CLAIM_INTERVAL_MS,
          maxDeliveries: config.MAX_DELIVERIES,
          retryMaxMs: config.RETRY_MAX_MS,
          // Leave the rest of the grace period for closing connections; what is unfinished stays pending for a replica.
          shutdownTimeoutMs: Math.max(500, config.SHUTDOWN_GRACE_PERIOD_MS - 2_000),
        }),
        ChatPersistenceModule.forRoot(
          { batchSize: config.BATCH_SIZE, flushIntervalMs: config.FLUSH_INTERVAL_MS, maxConcurrentFlushes: config.FLUSH_CONCURRENCY },
          { databaseUrl: config.DATABASE_URL, size: config.FLUSH_CONCURRENCY },
        ),
      ],
      providers: [{ provide: CHAT_EVENT_STREAMS, useValue: config.CHAT_EVENT_STREAMS }],
    };
  }
}
