import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@app/platform';
import type { Logger } from 'pino';
import { BrokerConfig, SERVICE_NAME } from './config';
import { CoordinatorModule } from './coordinator/coordinator.module';
import { DataPlaneHandlersModule } from './handlers/data-plane-handlers.module';
import { BROKER_DATA_DIR, DataDirReadinessCheck } from './health/data-dir.check';
import { saslOptionsFrom } from './sasl/sasl-config';
import { KafkaServerModule } from './server';
import { storageSettingsFrom } from './topics/storage-settings';
import { TopicsModule } from './topics/topics.module';

/**
 * broker: the Kafka-protocol broker. The Kafka protocol listens on BROKER_PORT (listener,
 * data-plane handlers over the partition logs, group coordinator); health, metrics and the admin
 * API listen on BROKER_HTTP_PORT.
 */
@Module({})
export class AppModule {
  static forRoot(config: BrokerConfig, logger: Logger): DynamicModule {
    const storage = TopicsModule.forRoot(storageSettingsFrom(config));
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, logger, readinessChecks: [DataDirReadinessCheck] }),
        storage,
        KafkaServerModule.forRoot({
          port: config.BROKER_PORT,
          advertisedHost: config.BROKER_ADVERTISED_HOST,
          maxRequestBytes: config.BROKER_SOCKET_REQUEST_MAX_BYTES,
          sasl: saslOptionsFrom(config),
        }),
        DataPlaneHandlersModule.register([storage]),
        CoordinatorModule.register({ dataDir: config.BROKER_DATA_DIR, redisUrl: config.REDIS_URL, storage: [storage], env: config }),
      ],
      providers: [{ provide: BROKER_DATA_DIR, useValue: config.BROKER_DATA_DIR }, DataDirReadinessCheck],
    };
  }
}
