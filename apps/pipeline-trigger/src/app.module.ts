import { DynamicModule, Module } from '@nestjs/common';
import { DbModule, PostgresReadinessCheck } from '@app/db';
import { ApiAuthModule, apiAuthConfigFrom, KafkaModule, KafkaReadinessCheck, PlatformModule, RedisModule, RedisReadinessCheck, redisTopologyFrom } from '@app/platform';
import type { Logger } from 'pino';
import { API_SCOPES } from './api/api-scopes';
import { ConsumerApiModule } from './api/consumer-api.module';
import { PipelineTriggerConfig, SERVICE_NAME } from './config';
import { loadConsumersFile } from './config-model/consumers-file';
import { ConsumerSupervisor } from './engine/consumer-supervisor';
import { EngineModule, PIPELINES_QUEUE_TOKEN } from './engine/engine.module';
import { replicaWaitSettings } from './engine/replica-wait-settings';
import { CONSUMER_RUNTIME, type ConsumerRuntime } from './registry/consumer-runtime';
import { StatusTrackingModule, TRIGGER_SOURCE, type TriggerSource } from './status/status-tracking.module';

/** pipeline-trigger: counts Kafka events against thresholds and enqueues BullMQ pipeline jobs. */
@Module({})
export class AppModule {
  static forRoot(config: PipelineTriggerConfig, logger: Logger): DynamicModule {
    // Read before anything connects: a bad consumers file stops start-up naming the consumer and field.
    const fileConsumers = loadConsumersFile(config.PIPELINE_CONSUMERS_FILE);
    const topology = redisTopologyFrom(config);
    const engine = EngineModule.forRoot({ config, logger, replicaWait: replicaWaitSettings(config, topology.kind) });
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, logger, readinessChecks: [RedisReadinessCheck, PostgresReadinessCheck, KafkaReadinessCheck] }),
        RedisModule.forRoot({ topology, connectionName: SERVICE_NAME, logger }),
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID, logger }),
        engine,
        ApiAuthModule.forRoot({ config: apiAuthConfigFrom(config), scopes: API_SCOPES, realm: SERVICE_NAME }),
        ConsumerApiModule.forRoot({
          fileConsumers,
          syncIntervalMs: config.CONSUMERS_SYNC_INTERVAL_MS,
          logger,
          imports: [engine],
          // A factory rather than useExisting, so the compiler checks the supervisor fits the port.
          runtime: { provide: CONSUMER_RUNTIME, inject: [ConsumerSupervisor], useFactory: (supervisor: ConsumerSupervisor): ConsumerRuntime => supervisor },
        }),
        StatusTrackingModule.forRoot({
          queuePrefix: config.PIPELINE_QUEUE_PREFIX,
          logger,
          imports: [engine],
          triggerSource: { provide: TRIGGER_SOURCE, inject: [ConsumerSupervisor], useFactory: (supervisor: ConsumerSupervisor): TriggerSource => supervisor },
          queueToken: PIPELINES_QUEUE_TOKEN,
        }),
      ],
    };
  }
}
