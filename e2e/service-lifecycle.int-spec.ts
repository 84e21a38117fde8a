import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ServiceProcess, uniqueName, waitFor } from '@app/testing';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';

/**
 * Every app as a real process, built as `npm start` runs it: JSON logs with the service name,
 * health and metrics endpoints, readiness naming a missing dependency, exit 0 on SIGTERM, and a
 * one-line refusal of a bad configuration.
 */
const NO_KAFKA = '127.0.0.1:1';

/** Streams of these tests' own, so no test touches the contract's real keys on the shared Redis. */
const prefix = uniqueName('e2e-lifecycle');
const streamEnv = {
  CHAT_EVENT_STREAMS: `${prefix}:chat:{0},${prefix}:chat:{1}`,
  CHAT_DLQ_STREAM: `${prefix}:dlq`,
  ALERTS_STREAM: `${prefix}:alerts`,
  PIPELINE_TRIGGERS_STREAM: `${prefix}:triggers`,
  ROUTED_KEY_PREFIX: `${prefix}:routed:`,
};

let broker: ServiceProcess;
let brokerDataDir: string;
let kafkaBootstrap: string;

beforeAll(async () => {
  brokerDataDir = await mkdtemp(path.join(tmpdir(), 'broker-e2e-'));
  broker = new ServiceProcess('broker', { BROKER_HTTP_PORT: '0', BROKER_PORT: '0', BROKER_DATA_DIR: brokerDataDir, BROKER_ADVERTISED_HOST: '127.0.0.1' });
  const listener = await broker.waitForLine((l) => l.msg === 'kafka listener started');
  kafkaBootstrap = `127.0.0.1:${listener.port as number}`;
});

afterAll(async () => {
  broker.kill('SIGTERM');
  await broker.exited;
  await rm(brokerDataDir, { recursive: true, force: true });
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const apps: { app: string; env: () => Record<string, string>; ready: Record<string, 'up' | 'down'> }[] = [
  { app: 'chat-consumer', env: () => streamEnv, ready: { redis: 'up', postgres: 'up', 'chat-persistence': 'up' } },
  { app: 'event-router', env: () => ({ ...streamEnv, SSE_AUTH_DISABLED: 'true' }), ready: { redis: 'up' } },
  { app: 'monitor-api', env: () => ({ KAFKA_BROKERS: kafkaBootstrap }), ready: { redis: 'up', postgres: 'up', kafka: 'up', 'first-sweep': 'up' } },
  { app: 'pipeline-trigger', env: () => ({ KAFKA_BROKERS: NO_KAFKA }), ready: { redis: 'up', postgres: 'up', kafka: 'down' } },
];

describe.each(apps)('$app as a process', ({ app, env, ready }) => {
  it('serves health and metrics, names its dependencies in readiness, and exits 0 on SIGTERM', async () => {
    const service = new ServiceProcess(app, { HTTP_PORT: '0', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres', ...env() });
    const base = `http://127.0.0.1:${await service.httpPort()}`;

    expect((await fetch(`${base}/health/live`)).status).toBe(200);

    const readiness = await waitFor(async () => {
      const res = await fetch(`${base}/health/ready`);
      const body = (await res.json()) as { checks: Record<string, { status: string }> };
      const statuses = Object.fromEntries(Object.entries(body.checks).map(([name, check]) => [name, check.status]));
      return JSON.stringify(statuses) === JSON.stringify(ready) && { status: res.status, statuses };
    }, { what: `readiness ${JSON.stringify(ready)}` });
    expect(readiness.status).toBe(Object.values(ready).includes('down') ? 503 : 200);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(`process_resident_memory_bytes{service="${app}"}`);

    service.kill('SIGTERM');
    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(service.lines.length).toBeGreaterThan(0);
    for (const line of service.lines) expect(line).toMatchObject({ service: app, level: expect.any(String), msg: expect.any(String) });
    expect(service.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
  });
});

describe('broker as a process', () => {
  it('answers the Kafka protocol and is ready while its data directory is writable', async () => {
    const base = `http://127.0.0.1:${await broker.httpPort()}`;
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const kafka = new Kafka({ clientId: 'e2e-lifecycle', brokers: [kafkaBootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    expect(cluster.brokers).toEqual([expect.objectContaining({ host: '127.0.0.1', port: Number(kafkaBootstrap.split(':')[1]) })]);
  });
});

describe('configuration errors', () => {
  it('stop the process with one line per bad variable naming the value and what was expected', async () => {
    const service = new ServiceProcess('chat-consumer', { HTTP_PORT: 'eighty', FLUSH_INTERVAL_MS: '', REDIS_URL: 'localhost:6379' });
    expect((await service.exited).code).toBe(1);
    const problems = service.stderr.map((line) => JSON.parse(line) as { level: string; msg: string });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'fatal', msg: 'invalid configuration: REDIS_URL="localhost:6379": expected a URL starting with redis:// or rediss://' }),
        expect.objectContaining({ level: 'fatal', msg: 'invalid configuration: HTTP_PORT="eighty": expected a TCP port from 0 to 65535' }),
      ]),
    );
  });
});
