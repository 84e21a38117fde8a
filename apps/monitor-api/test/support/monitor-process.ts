import { createTestDatabase, ServiceProcess, TestDatabase, uniqueName, waitFor } from '@app/testing';
import type { Kafka } from 'kafkajs';

export interface MonitorProcess {
  process: ServiceProcess;
  baseUrl: string;
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * The built monitor-api (`npx nx build monitor-api`) as production runs it, so the dashboard's files are
 * served from beside dist/apps/monitor-api/main.js: against `bootstrap`, on a throw-away database,
 * sweeping twice a second, with its own alerts and group-events streams. Redis stream groups are off
 * unless `env` turns them on: the shared test Redis holds every other test's streams.
 */
export async function startMonitorProcess(bootstrap: string, env: Record<string, string> = {}): Promise<MonitorProcess> {
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
  const baseUrl = `http://127.0.0.1:${await monitor.httpPort()}`;
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

/** Waits until `groupId` has committed `total` offsets on `topic` in all (a consumer's auto-commit lags its reads). */
export async function waitForCommitted(kafka: Kafka, groupId: string, topic: string, total: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(async () => {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return offsets.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0) === total;
    }, { what: `${groupId} committing ${total} offsets`, timeoutMs: 20_000 });
  } finally {
    await admin.disconnect();
  }
}
