import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ServiceProcess, TestDatabase, createTestDatabase, uniqueName, waitFor } from '@app/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';

/**
 * `npm start`'s demo traffic against the built services as real processes: chat jobs reach Postgres,
 * the two demo pipeline consumers exist and their BullMQ jobs both complete and fail, monitor-api
 * sees the demo's Kafka groups and the Redis groups, and the demo exits 0 on SIGTERM. Everything
 * it names is unique to this run (streams, topic, consumer ids, queue prefix, database, ports), so
 * it runs beside a developer's `npm start` on the same Redis.
 */
const prefix = uniqueName('e2e-demo');
const streams = [0, 1, 2, 3].map((shard) => `${prefix}:chat:events:${shard}`);
const topic = `${prefix}-events`;
const queuePrefix = `{${prefix}}`;
const streamEnv = {
  CHAT_EVENT_STREAMS: streams.join(','),
  CHAT_DLQ_STREAM: `${prefix}:dlq`,
  ALERTS_STREAM: `${prefix}:alerts`,
  PIPELINE_TRIGGERS_STREAM: `${prefix}:triggers`,
  ROUTED_KEY_PREFIX: `${prefix}:routed:`,
};

let db: TestDatabase;
let brokerDataDir: string;
let kafkaBootstrap: string;
const services: ServiceProcess[] = [];
let demo: ServiceProcess | undefined;
const ports: Record<string, number> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  brokerDataDir = await mkdtemp(path.join(tmpdir(), 'broker-demo-e2e-'));
  const broker = new ServiceProcess('broker', {
    BROKER_HTTP_PORT: '0',
    BROKER_PORT: '0',
    BROKER_DATA_DIR: brokerDataDir,
    BROKER_ADVERTISED_HOST: '127.0.0.1',
    BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
  });
  services.push(broker);
  const listener = await broker.waitForLine((l) => l.msg === 'kafka listener started');
  kafkaBootstrap = `127.0.0.1:${listener.port as number}`;

  const common = { HTTP_PORT: '0', DATABASE_URL: db.url, KAFKA_BROKERS: kafkaBootstrap, ...streamEnv };
  const env: Record<string, Record<string, string>> = {
    'chat-consumer': { ...common, FLUSH_INTERVAL_MS: '500' },
    'event-router': { ...common, SSE_AUTH_DISABLED: 'true' },
    'pipeline-trigger': { ...common, API_AUTH_DISABLED: 'true', PIPELINE_QUEUE_PREFIX: queuePrefix, CONSUMERS_SYNC_INTERVAL_MS: '1000' },
    'monitor-api': { ...common, API_AUTH_DISABLED: 'true', SWEEP_INTERVAL_MS: '2000', REDIS_STREAM_PATTERN: `${prefix}:*` },
  };
  await Promise.all(
    Object.entries(env).map(async ([app, appEnv]) => {
      const service = new ServiceProcess(app, appEnv);
      services.push(service);
      ports[app] = await service.httpPort();
    }),
  );
}, 60_000);

afterAll(async () => {
  await demo?.stop('SIGKILL');
  // Services before the broker, so none of them spends its grace period reconnecting to it.
  await Promise.all(services.slice(1).map((s) => s.stop('SIGTERM')));
  await services[0]?.stop('SIGTERM');
  await rm(brokerDataDir, { recursive: true, force: true });
  const redis = new Redis('redis://127.0.0.1:6379');
  for (const pattern of [`${prefix}:*`, `${queuePrefix}:*`, `consumer:${prefix}-*`, `{consumer:${prefix}-*`]) {
    const keys = await redis.keys(pattern);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
  await db?.drop();
}, 60_000);

it('runs demo traffic through every service and stops cleanly on SIGTERM', async () => {
  // As `npm start` runs it: node --import tsx, from the workspace root so tsx resolves the @app/* aliases.
  demo = new ServiceProcess({ nodeArgs: ['--import', 'tsx', 'tools/demo/src/main.ts'] }, {
    ...streamEnv,
    KAFKA_BROKERS: kafkaBootstrap,
    PIPELINE_API_URL: `http://127.0.0.1:${ports['pipeline-trigger']}`,
    PIPELINE_QUEUE_PREFIX: queuePrefix,
    DEMO_NAME: prefix,
    DEMO_TOPIC: topic,
    DEMO_RATE: '300',
    DEMO_MAX_EVENT: '50',
    DEMO_MAX_TIME_S: '2',
    DEMO_FAIL_EVERY: '3',
    // A short stall, so a stop in the middle of one is part of the run too.
    DEMO_STALL_AFTER_S: '3',
    DEMO_STALL_FOR_S: '4',
    DEMO_STALL_EVERY_S: '8',
  });
  const running = demo;
  await waitFor(() => running.lines.some((l) => l.msg === 'demo traffic flowing'), { timeoutMs: 40_000, what: 'demo traffic flowing' }).catch((error: Error) => {
    throw new Error(`${error.message}; ${running.tail()}`);
  });

  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const queueRedis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const queue = new Queue('pipelines', { connection: queueRedis, prefix: queuePrefix });
  try {
    const chatRows = await waitFor(
      async () => {
        const { rows } = await pg.query<{ n: string }>(`SELECT count(*) AS n FROM chat.messages WHERE job_id LIKE $1`, [`${prefix}-job-%`]);
        return Number(rows[0].n) >= 2 && Number(rows[0].n);
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'chat messages of demo jobs in Postgres' },
    );
    expect(chatRows).toBeGreaterThanOrEqual(2);

    // event-router fanned the same job out: its SSE stream replays the job's stages up to `done`.
    const { rows } = await pg.query<{ job_id: string }>(`SELECT job_id FROM chat.messages WHERE job_id LIKE $1 LIMIT 1`, [`${prefix}-job-%`]);
    const stages = await sseStages(`http://127.0.0.1:${ports['event-router']}/events/jobs/${encodeURIComponent(rows[0].job_id)}`, 'done');
    expect(stages).toEqual(expect.arrayContaining(['queued', 'generating', 'done']));

    const pipelineApi = `http://127.0.0.1:${ports['pipeline-trigger']}`;
    const { consumers } = (await (await fetch(`${pipelineApi}/consumers`)).json()) as { consumers: { consumer_id: string }[] };
    const ids = consumers.map((c) => c.consumer_id);
    expect(ids).toEqual(expect.arrayContaining([`${prefix}-count`, `${prefix}-time`]));

    const counts = await waitFor(
      async () => {
        const c = await queue.getJobCounts('completed', 'failed');
        return c.completed >= 1 && c.failed >= 1 && c;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'completed and failed pipeline jobs' },
    );
    expect(counts).toEqual({ completed: expect.any(Number), failed: expect.any(Number) });

    const monitorApi = `http://127.0.0.1:${ports['monitor-api']}/api/v1/consumers`;
    const groupIds = async (cluster: string) => {
      const body = (await (await fetch(`${monitorApi}/groups?cluster_id=${cluster}&page_size=100`)).json()) as { items: { group_id: string }[] };
      return body.items.map((g) => g.group_id);
    };
    const hasAll = async (cluster: string, wanted: string[]) => {
      const listed = await groupIds(cluster);
      return wanted.every((g) => listed.includes(g));
    };
    const kafkaGroups = [`pipeline-trigger-${topic}-count`, `pipeline-trigger-${topic}-time`, `${prefix}-stalling-reader`];
    await waitFor(() => hasAll('local', kafkaGroups), { timeoutMs: 20_000, intervalMs: 1000, what: `monitor-api listing ${kafkaGroups.join(', ')}` });
    await waitFor(() => hasAll('redis', ['chat-persistence', 'eventrouter']), { timeoutMs: 20_000, intervalMs: 1000, what: 'monitor-api listing chat-persistence and eventrouter' });
  } finally {
    await pg.end();
    await queue.close();
    await queueRedis.quit();
  }

  expect(await running.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  expect(running.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['demo stopping', 'demo stopped']));
  expect(running.lines.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
}, 90_000);

/** Reads an SSE stream's `event:` names until `last` arrives (or 15 s pass), then closes it. */
async function sseStages(url: string, last: string): Promise<string[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 15_000);
  const stages: string[] = [];
  try {
    const res = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('event: ')) stages.push(line.slice('event: '.length).trim());
      if (stages.includes(last)) break;
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return stages;
}
