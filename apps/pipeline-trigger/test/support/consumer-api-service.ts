import { DynamicModule, Module } from '@nestjs/common';
import { DbModule, PostgresReadinessCheck } from '@app/db';
import { ApiAuthModule, apiAuthConfigFrom, apiAuthEnv, commonEnv, databaseEnv, PlatformModule, ServiceDefinition } from '@app/platform';
import { startTestService, TestService } from '@app/testing';
import { ConsumerApiModule } from '../../src/api/consumer-api.module';
import type { ConsumerConfig } from '../../src/config-model/consumer-config';
import { API_SCOPES } from '../../src/api/api-scopes';
import { CONSUMER_RUNTIME, ConsumerRuntime } from '../../src/registry/consumer-runtime';

const env = { ...commonEnv('pipeline-trigger'), ...databaseEnv, ...apiAuthEnv };

@Module({})
class ConsumerApiTestModule {}

/**
 * The consumer API as the service wires it (platform, Postgres, API auth, stores, reconciler, sync)
 * over HTTP on an ephemeral port, with the engine replaced by the runtime the test passes.
 */
export function startConsumerApi(options: { env: Record<string, string>; runtime: ConsumerRuntime; fileConsumers?: ConsumerConfig[] }): Promise<TestService<unknown>> {
  const definition: ServiceDefinition<typeof env> = {
    serviceName: 'pipeline-trigger',
    env,
    module: (config, logger): DynamicModule => ({
      module: ConsumerApiTestModule,
      imports: [
        PlatformModule.forRoot({ serviceName: 'pipeline-trigger', logger, readinessChecks: [PostgresReadinessCheck] }),
        DbModule.forRoot({ databaseUrl: config.DATABASE_URL, poolSize: 2 }),
        ApiAuthModule.forRoot({ config: apiAuthConfigFrom(config), scopes: API_SCOPES, realm: 'pipeline-trigger' }),
        ConsumerApiModule.forRoot({
          fileConsumers: options.fileConsumers ?? [],
          syncIntervalMs: 200,
          logger,
          runtime: { provide: CONSUMER_RUNTIME, useValue: options.runtime },
        }),
      ],
    }),
    httpPort: () => 0,
  };
  return startTestService(definition, options.env);
}
