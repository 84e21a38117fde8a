import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ServiceProcess } from '@app/testing';

export interface TestBroker {
  bootstrap: string;
  stop(): Promise<void>;
}

const BROKER_MAIN = path.resolve(__dirname, '../../../../dist/apps/broker/main.js');

/**
 * Our broker as a built process on ephemeral ports with its own data dir, the way monitor-api meets it in
 * production (`npx nx build broker` first). Group events go to the shared `broker:group-events` stream;
 * tests use unique group names, so other tests' events do not concern them.
 */
export async function startTestBroker(): Promise<TestBroker> {
  if (!existsSync(BROKER_MAIN)) throw new Error(`${BROKER_MAIN} is missing: run "npx nx build broker" first`);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'monitor-broker-'));
  const broker = new ServiceProcess('broker', {
    BROKER_PORT: '0',
    BROKER_HTTP_PORT: '0',
    BROKER_DATA_DIR: dataDir,
    BROKER_ADVERTISED_HOST: '127.0.0.1',
    BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    BROKER_GROUP_MIN_SESSION_TIMEOUT_MS: '1000',
    // Durability of commits is the broker's own tests' business; here an fsync per commit only slows them.
    BROKER_GROUP_LOG_FSYNC: 'false',
    // info: the listener's start line carries its port.
    LOG_LEVEL: 'info',
  });
  const listener = await broker.waitForLine((l) => l.msg === 'kafka listener started');
  return {
    bootstrap: `127.0.0.1:${listener.port as number}`,
    stop: async () => {
      broker.kill('SIGTERM');
      await broker.exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
