import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { uniqueName } from '@app/testing';
import { Registry } from 'prom-client';
import { CoordinatorModule } from '../src/coordinator/coordinator.module';
import type { CoordinatorEnv } from '../src/coordinator/config/coordinator-config';
import { GroupCoordinator } from '../src/coordinator/group-coordinator';
import { KafkaServer, KafkaServerModule } from '../src/server';
import { TopicRegistry } from '../src/storage/topics/topic-registry';
import { StorageModule } from '../src/storage/storage.module';

export interface GroupTestBroker {
  port: number;
  bootstrap: string;
  httpUrl: string;
  dataDir: string;
  eventsStream: string;
  app: INestApplication;
  coordinator: GroupCoordinator;
  topics: TopicRegistry;
  registry: Registry;
  /** Closes the app; the data dir stays so a restart can reuse it. */
  close(): Promise<void>;
  /** Closes the app and deletes the data dir. */
  stop(): Promise<void>;
}

export interface GroupTestBrokerOptions {
  dataDir?: string;
  /** Reuse this Kafka port (a restarted broker must come back where clients expect it). */
  port?: number;
  eventsStream?: string;
  redisUrl?: string;
  env?: Partial<CoordinatorEnv>;
}

/**
 * The broker's Kafka side plus the groups admin HTTP endpoints, on ephemeral ports with a temp data dir. Short
 * session timeouts are allowed (down to 1 s) so expiry tests stay fast; the initial rebalance delay is 0.
 */
export async function startGroupTestBroker(options: GroupTestBrokerOptions = {}): Promise<GroupTestBroker> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'broker-groups-')));
  const eventsStream = options.eventsStream ?? `${uniqueName('test')}:broker:group-events`;
  const registry = new Registry();
  const app = await NestFactory.create(
    {
      module: class GroupTestBrokerModule {},
      imports: [
        { module: class TestMetricsModule {}, global: true, providers: [{ provide: Registry, useValue: registry }], exports: [Registry] },
        KafkaServerModule.forRoot({ port: options.port ?? 0, host: '127.0.0.1', advertisedHost: '127.0.0.1' }),
        StorageModule.forRoot({ dataDir, defaultPartitions: 1, flushIntervalMs: 0 }),
        CoordinatorModule.register({
          dataDir,
          redis: { kind: 'single', url: options.redisUrl ?? 'redis://127.0.0.1:6379' },
          eventsStream,
          env: { BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: 0, BROKER_GROUP_MIN_SESSION_TIMEOUT_MS: 1_000, ...options.env },
        }),
      ],
    },
    { logger: ['error'] },
  );
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const port = app.get(KafkaServer).address()!.port;
  const http = app.getHttpServer().address() as { port: number };
  const close = () => app.close();
  return {
    port,
    bootstrap: `127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${http.port}`,
    dataDir,
    eventsStream,
    app,
    coordinator: app.get(GroupCoordinator),
    topics: app.get(TopicRegistry),
    registry,
    close,
    async stop() {
      await close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
