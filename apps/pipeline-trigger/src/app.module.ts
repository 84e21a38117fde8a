import { DynamicModule, Module } from '@nestjs/common';
import { DbModule, PostgresReadinessCheck } from '@app/db';
import { KafkaModule, KafkaReadinessCheck, PlatformModule, RedisModule, RedisReadinessCheck } from '@app/platform';
import type { Logger } from 'pino';
import { PipelineTriggerConfig, SERVICE_NAME } from './config';
import { EngineModule } from './engine/engine.module';

/** pipeline-trigger: counts Kafka events against thresholds and enqueues BullMQ pipeline jobs. */
@Module({})
export class AppModule {
  static forRoot(config: PipelineTriggerConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, logger, readinessChecks: [RedisReadinessCheck, PostgresReadinessCheck, KafkaReadinessCheck] }),
        RedisModule.forRoot({ url: config.REDIS_URL, connectionName: SERVICE_NAME, logger }),
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID, logger }),
        EngineModule.forRoot({ config, logger }),
      ],
    };
  }
}
