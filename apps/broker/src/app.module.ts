import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, redisTopologyFrom } from '@app/platform';
import type { Logger } from 'pino';
import { BrokerConfig, SERVICE_NAME } from './config';
import { CoordinatorModule } from './coordinator/coordinator.module';
import { BROKER_DATA_DIR, DataDirReadinessCheck } from './health/data-dir.check';
import { saslOptionsFrom } from './server/sasl/sasl-config';
import { KafkaServerModule } from './server';
import { storageSettingsFrom } from './storage/topics/storage-settings';
import { StorageModule } from './storage/storage.module';

/**
 * broker: the Kafka-protocol broker. The Kafka protocol listens on BROKER_PORT (listener,
 * data-plane handlers over the partition logs, group coordinator); health, metrics and the admin
 * API listen on BROKER_HTTP_PORT.
 */
@Module({})
export class AppModule {
  static forRoot(config: BrokerConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, logger, readinessChecks: [DataDirReadinessCheck] }),
        StorageModule.forRoot(storageSettingsFrom(config)),
        KafkaServerModule.forRoot({
          port: config.BROKER_PORT,
          advertisedHost: config.BROKER_ADVERTISED_HOST,
          maxRequestBytes: config.BROKER_SOCKET_REQUEST_MAX_BYTES,
          sasl: saslOptionsFrom(config),
        }),
        CoordinatorModule.register({ dataDir: config.BROKER_DATA_DIR, redis: redisTopologyFrom(config), env: config }),
      ],
      providers: [{ provide: BROKER_DATA_DIR, useValue: config.BROKER_DATA_DIR }, DataDirReadinessCheck],
    };
  }
}
