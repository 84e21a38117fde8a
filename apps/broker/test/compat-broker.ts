import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { Registry } from 'prom-client';
import { NestFactory } from '@nestjs/core';
import { CoordinatorModule } from '../src/coordinator/coordinator.module';
import type { SaslOptions } from '../src/server/sasl/sasl-config';
import { KafkaServer, KafkaServerModule, type KafkaServerOptions } from '../src/server';
import { TopicRegistry } from '../src/storage/topics/topic-registry';
import { StorageModule } from '../src/storage/storage.module';

export interface TestBroker {
  port: number;
  bootstrap: string;
  dataDir: string;
  app: INestApplicationContext;
  topics: TopicRegistry;
  stop(): Promise<void>;
}

/** Stands in for PlatformModule's global prom-client Registry. */
@Global()
@Module({})
class MetricsRegistryModule {
  static with(registry: Registry): DynamicModule {
    return { module: MetricsRegistryModule, providers: [{ provide: Registry, useValue: registry }], exports: [Registry] };
  }
}

/**
 * Starts the broker's Kafka side (listener, data plane, group coordinator) on an ephemeral port with a
 * fresh data dir. Group events go to an unreachable Redis on purpose: these tests are about the wire
 * protocol, and the coordinator counts and drops events it cannot publish.
 */
export async function startTestBroker(
  opts: {
    sasl?: SaslOptions;
    registry?: Registry;
    autoCreateTopics?: boolean;
    server?: Pick<KafkaServerOptions, 'frameBuffers' | 'pooledFrameMinBytes'>;
    /** Reuse this data dir (a restart); stop() then leaves it in place for the caller to remove. */
    dataDir?: string;
  } = {},
): Promise<TestBroker> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'broker-compat-')));
  const app = await NestFactory.createApplicationContext(
    {
      module: class CompatBrokerModule {},
      imports: [
        MetricsRegistryModule.with(opts.registry ?? new Registry()),
        KafkaServerModule.forRoot({ port: 0, host: '127.0.0.1', advertisedHost: '127.0.0.1', sasl: opts.sasl, ...opts.server }),
        StorageModule.forRoot({ dataDir, defaultPartitions: 1, flushIntervalMs: 0, autoCreateTopics: opts.autoCreateTopics ?? true }),
        CoordinatorModule.register({
          dataDir,
          redis: { kind: 'single', url: 'redis://127.0.0.1:1' },
          env: { BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: 0 },
        }),
      ],
    },
    { logger: ['error'] },
  );
  await app.init();
  const port = app.get(KafkaServer).address()!.port;
  return {
    port,
    bootstrap: `127.0.0.1:${port}`,
    dataDir,
    app,
    topics: app.get(TopicRegistry),
    async stop() {
      await app.close();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
