import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { ServiceProcess } from './service-process';
import { waitFor } from './wait-for';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';

export interface BrokerProcess {
  bootstrap: string;
  kafka: Kafka;
  stop(): Promise<void>;
}

/**
 * Our broker as production runs it: the built `dist/apps/broker/main.js` (`npx nx build broker`) on free
 * ports with a fresh data dir, groups rebalancing without the initial delay. `kafka` is a client for it,
 * authenticating with `client.sasl` when the broker requires SASL (BROKER_SASL_ENABLED in `env`).
 */
export async function startBrokerProcess(env: Record<string, string> = {}, client: { sasl?: SASLOptions } = {}): Promise<BrokerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pt-broker-'));
  const port = await freePort();
  const broker = new ServiceProcess('broker', {
    BROKER_PORT: String(port),
    BROKER_HTTP_PORT: String(await freePort()),
    BROKER_DATA_DIR: dataDir,
    BROKER_ADVERTISED_HOST: '127.0.0.1',
    BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    BROKER_GROUP_MIN_SESSION_TIMEOUT_MS: '1000',
    REDIS_URL: 'redis://127.0.0.1:6379',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const bootstrap = `127.0.0.1:${port}`;
  const kafka = new Kafka({ clientId: 'test', brokers: [bootstrap], sasl: client.sasl, logLevel: logLevel.NOTHING, retry: { retries: 3 } });
  const admin = kafka.admin();
  await waitFor(
    async () => {
      try {
        await admin.connect();
        await admin.describeCluster();
        return true;
      } catch {
        return false;
      }
    },
    { what: `the broker on ${bootstrap}`, timeoutMs: 15_000 },
  );
  await admin.disconnect();
  return {
    bootstrap,
    kafka,
    async stop() {
      broker.kill('SIGTERM');
      await broker.exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
