import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@app/platform';
import type { Logger } from 'pino';
import { BrokerConfig, SERVICE_NAME } from './config';
import { BROKER_DATA_DIR, DataDirReadinessCheck } from './health/data-dir.check';

/**
 * broker: the Kafka-protocol broker. Its HTTP side (health, metrics, admin) listens on
 * BROKER_HTTP_PORT; the Kafka protocol listens on BROKER_PORT.
 */
@Module({})
export class AppModule {
  static forRoot(config: BrokerConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ serviceName: SERVICE_NAME, logger, readinessChecks: [DataDirReadinessCheck] })],
      providers: [{ provide: BROKER_DATA_DIR, useValue: config.BROKER_DATA_DIR }, DataDirReadinessCheck],
    };
  }
}
