import { KafkaModule, PlatformModule, RedisModule, commonEnv, kafkaEnv, redisEnv, redisTopologyFrom, type ServiceDefinition } from '@app/platform';
import { startTestService, type TestService } from '@app/testing';
import { Module, type DynamicModule } from '@nestjs/common';
import { ConsumerSupervisor } from '../../src/engine/consumer-supervisor';
import { engineEnv } from '../../src/engine/engine-env';
import { EngineModule } from '../../src/engine/engine.module';
import { replicaWaitSettings } from '../../src/engine/replica-wait-settings';

const env = { ...commonEnv('pipeline-trigger'), ...redisEnv, ...kafkaEnv, ...engineEnv };

@Module({})
class EngineReplicaModule {}

export interface EngineReplica {
  service: TestService<unknown>;
  supervisor: ConsumerSupervisor;
  /** SIGTERM as the process would get it: consumers finish, commit and leave. */
  stop(): Promise<number>;
}

/**
 * One pipeline-trigger replica's engine, wired as the service wires it (Redis, Kafka, metrics, the engine
 * module) and run in the test process; several of them make a multi-replica deployment.
 */
export async function startEngineReplica(vars: Record<string, string>): Promise<EngineReplica> {
  const definition: ServiceDefinition<typeof env> = {
    serviceName: 'pipeline-trigger',
    env,
    module: (config, logger): DynamicModule => ({
      module: EngineReplicaModule,
      imports: [
        PlatformModule.forRoot({ serviceName: 'pipeline-trigger', logger, readinessChecks: [] }),
        RedisModule.forRoot({ topology: redisTopologyFrom(config), connectionName: 'pipeline-trigger', logger }),
        KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID, logger }),
        EngineModule.forRoot({ config, logger, replicaWait: replicaWaitSettings(config, redisTopologyFrom(config).kind) }),
      ],
    }),
    httpPort: () => 0,
  };
  const service = await startTestService(definition, { PIPELINE_KAFKA_SESSION_TIMEOUT_MS: '6000', PIPELINE_TIMER_INTERVAL_MS: '100', ...vars });
  return { service, supervisor: service.app.get(ConsumerSupervisor), stop: () => service.sigterm() };
}
