import { DynamicModule, Module } from '@nestjs/common';
import { DbModule, PostgresReadinessCheck } from '@app/db';
import { PlatformModule, RedisModule, RedisReadinessCheck } from '@app/platform';
import type { Logger } from 'pino';
import { ChatConsumerConfig, SERVICE_NAME } from './config';

/** chat-consumer: persists chat done events from Redis Streams to Postgres. */
@Module({})
export class AppModule {
  static forRoot(config: ChatConsumerConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, logger, readinessChecks: [RedisReadinessCheck, PostgresReadinessCheck] }),
        RedisModule.forRoot({ url: config.REDIS_URL, connectionName: SERVICE_NAME, logger }),
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
      ],
    };
  }
}
