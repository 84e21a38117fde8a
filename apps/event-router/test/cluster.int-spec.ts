import { deadLetterSchema, fieldsToRecord, shardForJob } from '@app/domain';
import { RedisStreamsClient } from '@app/redis-streams';
import { RedisClusterSet, ServiceProcess, waitFor } from '@app/testing';
import type { Cluster } from 'ioredis';
import { routeChatEvent } from '../src/routing/route-event';
import { RoutedKeys } from '../src/routing/routed-keys';
import { RoutedStreamWriter } from '../src/routing/routed-stream-writer';
import { chatEventSchema, decodeStreamEntry } from '@app/domain';
import { doneEvent } from './support/router-fixture';
import { SseTestClient } from './support/sse-test-client';

const SHARDS = 4;
const JOBS = ['job-a', 'job-b', 'job-c', 'job-d', 'job-e', 'job-f'];

/**
 * Two built routers (`node dist/apps/event-router/main.js`) on a real three-master Redis Cluster,
 * with the shards named as the users name theirs (no hash tags, so they sit in different slots),
 * job streams spread over every master, and announcements on sharded Pub/Sub. One router is
 * killed with SIGKILL mid-stream; its clients resume on the other with `Last-Event-ID`.
 */
describe('event-router on Redis Cluster (two replicas as child processes)', () => {
  let set: RedisClusterSet;
  let redis: Cluster;
  const routers: ServiceProcess[] = [];
  const clients: SseTestClient[] = [];
  const prefix = `erc${Date.now().toString(36)}`;
  const shards = Array.from({ length: SHARDS }, (_, shard) => `${prefix}:chat:events:${shard}`);

  beforeAll(async () => {
    set = await RedisClusterSet.start();
    redis = set.client();
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(routers.map((router) => router.stop('SIGTERM')));
    redis?.disconnect();
    await set?.stop();
  });

  async function startRouter(name: string): Promise<{ process: ServiceProcess; baseUrl: string }> {
    const process = new ServiceProcess('event-router', {
      REDIS_CLUSTER_NODES: set.nodes,
      HTTP_PORT: '0',
      SSE_AUTH_DISABLED: 'true',
      SSE_RETRY_MS: '200',
      CHAT_EVENT_STREAMS: shards.join(','),
      ALERTS_STREAM: `${prefix}:alerts`,
      PIPELINE_TRIGGERS_STREAM: `${prefix}:pipelines`,
      CHAT_DLQ_STREAM: `${prefix}:chat:events:dlq`,
      ROUTED_KEY_PREFIX: `${prefix}:routed:`,
      CONSUMER_NAME: name,
    });
    routers.push(process);
    const baseUrl = `http://127.0.0.1:${await process.httpPort()}`;
    await waitFor(async () => (await fetch(`${baseUrl}/health/ready`)).status === 200, { what: `${name} ready on the cluster` });
    return { process, baseUrl };
  }

  /** Writes as the producers do (a client is only an object around the connection, made once `redis` is). */
  const producer = () => new RedisStreamsClient(redis);
  const publish = (event: { stage: string; job_id: string; [field: string]: unknown }) => producer().add(shards[shardForJob(event.job_id, SHARDS)], event);

  async function open(url: string, headers: Record<string, string> = {}): Promise<SseTestClient> {
    const client = await SseTestClient.open(url, headers);
    clients.push(client);
    expect(client.status).toBe(200);
    return client;
  }

  it('spreads the job streams over several masters', async () => {
    const masters = new Set(await Promise.all(JOBS.map((job) => set.portOf(`${prefix}:routed:job:${job}`))));
    expect(masters.size).toBeGreaterThan(1);
  });

  it('routes every job\'s entries once and in source order while replicas race over overlapping runs', async () => {
    const source = `${prefix}:race:chat:events:0`;
    const keys = new RoutedKeys(`${prefix}:race:`);
    const jobs = JOBS.map((job) => `race-${job}`);
    const ids = (await producer().addAll(source, Array.from({ length: 300 }, (_, i) => ({ stage: 'token', progress: i % 100, job_id: jobs[i % jobs.length] })))).map((id) => {
      if (id instanceof Error) throw id;
      return id;
    });
    const route = (fields: Record<string, string>) => {
      const decoded = decodeStreamEntry(fields, chatEventSchema);
      return decoded.ok ? routeChatEvent(decoded.event) : undefined;
    };
    // Three "replicas", each with its own connections, asked to route up to ids in scrambled order at once.
    const replicas = [set.client(), set.client(), set.client()];
    try {
      const writers = replicas.map((connection) => new RoutedStreamWriter(connection, keys, { jobMaxLen: 1000, channelMaxLen: 1000, jobTtlSeconds: 3600 }));
      const asks = ids.filter((_, i) => i % 7 === 3 || i === ids.length - 1);
      await Promise.all(asks.flatMap((upto, i) => [writers[i % 3].routeUpTo(source, upto, route), writers[(i + 1) % 3].routeUpTo(source, asks[asks.length - 1 - i], route)]));
      for (const [j, job] of jobs.entries()) {
        const routed = (await redis.xrange(keys.forTopic({ kind: 'job', jobId: job }), '-', '+')).map(([id]) => id);
        expect(routed).toEqual(ids.filter((_, i) => i % jobs.length === j));
      }
    } finally {
      for (const connection of replicas) connection.disconnect();
    }
  });

  it('delivers every job to clients on both replicas in order, once; a client of a killed replica resumes on the other with Last-Event-ID', async () => {
    const a = await startRouter('router-a');
    const b = await startRouter('router-b');
    const onA = new Map<string, SseTestClient>();
    const onB = new Map<string, SseTestClient>();
    for (const job of JOBS) {
      onA.set(job, await open(`${a.baseUrl}/events/jobs/${job}`));
      onB.set(job, await open(`${b.baseUrl}/events/jobs/${job}`));
    }
    const alerts = await open(`${b.baseUrl}/events/channels/alerts`);

    const published = new Map<string, string[]>(JOBS.map((job) => [job, []]));
    for (let i = 0; i < 20; i++) for (const job of JOBS) published.get(job)?.push(await publish({ stage: 'token', progress: i, job_id: job, token: `t${i}` }));
    // Each client has seen part of its job: the rest comes after the crash.
    await waitFor(() => JOBS.every((job) => (onA.get(job)?.ids().length ?? 0) >= 5), { what: 'clients on router-a receiving' });

    a.process.kill('SIGKILL');
    await a.process.exited;
    await Promise.all([...onA.values()].map((client) => client.closed));
    const resumed = new Map<string, SseTestClient>();
    for (const job of JOBS) {
      const before = onA.get(job) as SseTestClient;
      resumed.set(job, await open(`${b.baseUrl}/events/jobs/${job}`, before.lastEventId ? { 'Last-Event-ID': before.lastEventId } : {}));
    }

    for (let i = 20; i < 40; i++) for (const job of JOBS) published.get(job)?.push(await publish({ stage: 'token', progress: i, job_id: job, token: `t${i}` }));
    // An entry failing its schema is dead-lettered and holds nothing up.
    await publish({ stage: '', job_id: JOBS[0] });
    for (const job of JOBS) published.get(job)?.push(await publish(doneEvent(job)));
    const alertId = await producer().add(`${prefix}:alerts`, { id: 'a1', type: 'lag_spike', severity: 'warning', state: 'firing', source: 'redis', group_id: 'g', message: 'lag', at: new Date().toISOString() });

    await Promise.all([...onB.values(), ...resumed.values()].map((client) => client.closed));
    for (const job of JOBS) {
      const expected = published.get(job);
      expect(onB.get(job)?.ids()).toEqual(expected);
      // Before the crash on router-a, after it on router-b: together every event once, in order.
      expect([...(onA.get(job)?.ids() ?? []), ...(resumed.get(job)?.ids() ?? [])]).toEqual(expected);
      expect(resumed.get(job)?.events.at(-1)?.event).toBe('done');
    }
    await waitFor(() => alerts.ids().includes(alertId), { what: 'the alert on its channel' });

    const dead = await waitFor(async () => {
      const entries = await redis.xrange(`${prefix}:chat:events:dlq`, '-', '+');
      return entries.length > 0 ? entries : undefined;
    }, { what: 'the invalid entry in the DLQ' });
    expect(dead).toHaveLength(1);
    expect(deadLetterSchema.parse(JSON.parse(fieldsToRecord(dead[0][1]).data))).toMatchObject({ group: 'eventrouter', reason: expect.stringContaining('stage') });
  }, 60_000);

  it('keeps a client whole while the sharded subscriber connections are killed on every master: each event once, in order', async () => {
    const serving = await startRouter('router-serving');
    await startRouter('router-other');
    const job = 'job-pubsub-kill';
    const client = await open(`${serving.baseUrl}/events/jobs/${job}`);
    const published: string[] = [];
    let stop = false;
    const producing = (async () => {
      for (let i = 0; !stop; i++) {
        published.push(await publish({ stage: 'token', progress: i % 100, job_id: job }));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    try {
      for (let round = 0; round < 3; round++) {
        await waitFor(() => client.ids().length >= published.length - 2 && published.length > 10 * (round + 1), { what: `live delivery before kill ${round + 1}` });
        // Every Pub/Sub connection on every master: ioredis must replace the router's subscribers and subscribe again.
        await Promise.all(set.ports.map((port) => set.nodeCall(port, 'CLIENT', 'KILL', 'TYPE', 'pubsub')));
      }
      await waitFor(() => published.length > 60, { what: 'more events after the last kill' });
    } finally {
      stop = true;
      await producing;
    }
    published.push(await publish(doneEvent(job)));
    await client.closed;
    // Whatever was announced while a subscriber was gone was read back from the job stream.
    expect(client.ids()).toEqual(published);
  }, 30_000);
});
