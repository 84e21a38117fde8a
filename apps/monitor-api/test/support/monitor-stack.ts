import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, ServiceProcess, TestDatabase, uniqueName, waitFor } from '@app/testing';
import { Kafka, logLevel } from 'kafkajs';

export interface BrokerUnderTest {
  bootstrap: string;
  kafka: Kafka;
  stop(): Promise<void>;
}

/**
 * Our broker as production runs it (`dist/apps/broker/main.js`, `npx nx build broker`) on a free port
 * it picks itself, with a fresh data dir and groups rebalancing without the initial delay.
 */
export async function startBroker(): Promise<BrokerUnderTest> {
  const dataDir = await mkdtemp(join(tmpdir(), 'monitor-broker-'));
  const broker = new ServiceProcess('broker', {
    BROKER_PORT: '0',
    BROKER_HTTP_PORT: '0',
    BROKER_DATA_DIR: dataDir,
    BROKER_ADVERTISED_HOST: '127.0.0.1',
    BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    BROKER_GROUP_MIN_SESSION_TIMEOUT_MS: '1000',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    LOG_LEVEL: 'info',
  });
  const listener = await broker.waitForLine((l) => l.msg === 'kafka listener started');
  const bootstrap = `127.0.0.1:${listener.port as number}`;
  return {
    bootstrap,
    kafka: new Kafka({ clientId: 'monitor-test', brokers: [bootstrap], logLevel: logLevel.NOTHING }),
    async stop() {
      broker.kill('SIGTERM');
      await broker.exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface MonitorUnderTest {
  process: ServiceProcess;
  baseUrl: string;
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * The built monitor-api (`npx nx build monitor-api`) against `bootstrap`, on a throw-away database,
 * sweeping twice a second, with its own alerts and group-events streams so other tests' brokers do
 * not show up in its rebalance history. Redis stream groups are off unless `env` turns them on:
 * the shared test Redis holds every other test's streams.
 */
export async function startMonitorApi(bootstrap: string, env: Record<string, string> = {}): Promise<MonitorUnderTest> {
  const database = await createTestDatabase();
  const prefix = uniqueName('monitor-it');
  const monitor = new ServiceProcess('monitor-api', {
    HTTP_PORT: '0',
    KAFKA_BROKERS: bootstrap,
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    SWEEP_INTERVAL_MS: '500',
    REDIS_STREAMS_ENABLED: 'false',
    GROUP_EVENTS_STREAM: `${prefix}:group-events`,
    ALERTS_STREAM: `${prefix}:alerts`,
    ...env,
  });
  const port = await monitor.httpPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${baseUrl}/health/ready`).catch(() => undefined))?.status === 200, { what: 'monitor-api ready', timeoutMs: 20_000 });
  return {
    process: monitor,
    baseUrl,
    database,
    async stop() {
      monitor.kill('SIGTERM');
      await monitor.exited;
      await database.drop();
    },
  };
}
