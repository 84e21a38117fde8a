import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, RedisModule, RedisReadinessCheck } from '@app/platform';
import type { Logger } from 'pino';
import { EventRouterConfig, SERVICE_NAME } from './config';

/** event-router: Server-Sent Events fan-out of Redis stream events to browsers. */
@Module({})
export class AppModule {
  static forRoot(config: EventRouterConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, logger, readinessChecks: [RedisReadinessCheck] }),
        RedisModule.forRoot({ url: config.REDIS_URL, connectionName: SERVICE_NAME, logger }),
      ],
    };
  }
}
