import { ServiceProcess } from '@app/testing';

/**
 * The built broker (`dist/apps/broker/main.js`, built by `nx int-test broker` or `npm test` before the tests run) running as
 * its own process on ephemeral ports, so tests can kill -9 it and start it again on the same data.
 */
export interface BrokerChild {
  proc: ServiceProcess;
  /** Kafka bootstrap address. */
  bootstrap: string;
  /** Base URL of the HTTP side (health, metrics, /v1/topics). */
  http: string;
}

const running = new Set<ServiceProcess>();

/** Starts the broker with `env` (BROKER_DATA_DIR at least) and waits until both listeners are up. */
export async function startBrokerChild(env: Record<string, string>): Promise<BrokerChild> {
  const proc = new ServiceProcess('broker', {
    BROKER_PORT: '0',
    BROKER_HTTP_PORT: '0',
    BROKER_ADVERTISED_HOST: '127.0.0.1',
    ...env,
  });
  running.add(proc);
  void proc.exited.then(() => running.delete(proc));
  const kafka = await proc.waitForLine((l) => l.msg === 'kafka listener started', 30_000);
  // not proc.httpPort(): the Kafka listener's "kafka listener started" line also carries a port
  const http = await proc.waitForLine((l) => l.msg === 'broker started' && typeof l.port === 'number', 30_000);
  return { proc, bootstrap: `127.0.0.1:${kafka.port as number}`, http: `http://127.0.0.1:${http.port as number}` };
}

export async function kill9(b: BrokerChild): Promise<void> {
  b.proc.kill('SIGKILL');
  await b.proc.exited;
}

/** Kills every broker still running, including one whose start failed (for afterAll). */
export async function killAllBrokerChildren(): Promise<void> {
  await Promise.all(
    [...running].map((proc) => {
      proc.kill('SIGKILL');
      return proc.exited;
    }),
  );
}

/** Generous start timeout for hooks: the machine may be busy with other suites. */
export const BROKER_START_TIMEOUT_MS = 60_000;
