import { DynamicModule, Module } from '@nestjs/common';
import { DbModule, PostgresReadinessCheck } from '@app/db';
import { ApiAuthModule, apiAuthConfigFrom, KafkaModule, KafkaReadinessCheck, PlatformModule, RedisModule, RedisReadinessCheck, redisTopologyFrom } from '@app/platform';
import type { Logger } from 'pino';
import { MonitorApiConfig, SERVICE_NAME } from './config';
import { DashboardModule } from './dashboard/dashboard.module';
import { ConsumersApiModule } from './api/consumers-api.module';
import { FirstSweepReadinessCheck, SnapshotsModule } from './snapshots/snapshots.module';
import { liveFeedOptionsFrom } from './live/live-env';
import { LiveModule } from './live/live.module';
import { governanceMetricsOptionsFrom } from './metrics/metrics-env';
import { GovernanceMetricsModule } from './metrics/governance-metrics.module';

/** monitor-api: consumer-group governance: lag, SLO, stuck partitions, rebalance score, fairness, alerts. */
@Module({})
export class AppModule {
  static forRoot(config: MonitorApiConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, logger, readinessChecks: [RedisReadinessCheck, PostgresReadinessCheck, KafkaReadinessCheck, FirstSweepReadinessCheck] }),
        RedisModule.forRoot({ topology: redisTopologyFrom(config), connectionName: SERVICE_NAME, logger }),
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID, logger }),
        ApiAuthModule.forRoot({ config: apiAuthConfigFrom(config), scopes: { read: 'monitor:read', write: 'monitor:write' }, realm: SERVICE_NAME }),
        DashboardModule,
        SnapshotsModule.forRoot(config, logger),
        ConsumersApiModule,
        LiveModule.forRoot(liveFeedOptionsFrom(config)),
        GovernanceMetricsModule.forRoot(governanceMetricsOptionsFrom(config)),
      ],
    };
  }
}
