import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { HealthController } from './health/health.controller';
import { READINESS_CHECKS, ReadinessCheck } from './health/readiness-check';
import { ShutdownState } from './lifecycle/shutdown-state';
import { LoggingModule } from './logging/logging.module';
import { createMetricsRegistry } from './metrics/create-registry';
import { MetricsController } from './metrics/metrics.controller';

export interface PlatformOptions {
  serviceName: string;
  logger: Logger;
  /** Providers that readiness consults, from any module of the app (RedisModule, DbModule, the app's own). */
  readinessChecks: Type<ReadinessCheck>[];
}

/**
 * What every service has: JSON logging, `/health/live`, `/health/ready`, `/metrics` with a
 * per-instance prom-client registry, and the shutdown flag readiness reads.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [LoggingModule.forRoot(options.logger)],
      controllers: [HealthController, MetricsController],
      providers: [
        ShutdownState,
        { provide: Registry, useFactory: () => createMetricsRegistry(options.serviceName) },
        { provide: READINESS_CHECKS, useValue: options.readinessChecks },
      ],
      exports: [ShutdownState, Registry, LoggingModule],
    };
  }
}
