import { PIPELINES_QUEUE, pipelineTriggerEventSchema } from '@app/domain';
import { duplicateRedisClient } from '@app/platform';
import { createTestDatabase, RedisClusterSet, ServiceProcess, startBrokerProcess, uniqueName, waitFor, type BrokerProcess, type TestDatabase } from '@app/testing';
import { Queue, QueueEvents, Worker } from 'bullmq';
import type { Cluster } from 'ioredis';
import pino from 'pino';
import { Registry } from 'prom-client';
import { EngineMetrics } from '../src/engine/engine-metrics';
import { ReplicaWait } from '../src/engine/replica-wait';
import { TriggerPublisher } from '../src/engine/trigger-publisher';
import type { TriggerContext } from '../src/engine/trigger-event';
import { WindowStore } from '../src/engine/window-store';
import { PipelineFixture } from './support/pipeline-fixture';

/** A clock the test moves by hand. */
class TestClock {
  constructor(public ms = 1_800_000_000_000) {}
  now() {
    return this.ms;
  }
}

const offsets = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/**
 * The window script, the trigger publisher and the BullMQ `pipelines` queue (prefix `{bull}`, as
 * PIPELINE_QUEUE_PREFIX defaults) on a real three-master Redis Cluster: every script and every
 * multi-key command must stay in one slot, or the cluster answers CROSSSLOT.
 */
describe('pipeline-trigger windows and triggers on Redis Cluster', () => {
  let set: RedisClusterSet;
  let redis: Cluster;
  let queue: Queue;
  const clock = new TestClock();
  const triggersStream = uniqueName('pt-cluster-triggers');

  beforeAll(async () => {
    set = await RedisClusterSet.start();
    redis = set.client();
    queue = new Queue(PIPELINES_QUEUE, { connection: redis, prefix: '{bull}' });
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await set?.stop();
  });

  it('counts, closes on count and on time, and forgets a consumer, all in its one slot', async () => {
    const store = new WindowStore(redis, clock);
    // Consumers on different masters (random names all fall on one master one time in nine, so names are drawn
    // until the first one on each master is found); each one's keys share its count key's slot.
    const byMaster = new Map<number, string>();
    for (let n = 0; byMaster.size < set.ports.length && n < 100; n++) {
      const id = uniqueName(['orders-sync', 'audit', 'billing'][n % 3]);
      const port = await set.portOf(store.keys(id).events);
      if (!byMaster.has(port)) byMaster.set(port, id);
    }
    const ids = [...byMaster.values()];
    expect(new Set(await Promise.all(ids.map((id) => set.portOf(store.keys(id).events)))).size).toBe(set.ports.length);
    for (const id of ids) {
      expect(await store.countBatch(id, 100, 't', 0, offsets(0, 249))).toEqual({ counted: 250, skipped: 0, count: 50, closedEpochs: [1, 2] });
      expect(await store.countBatch(id, 100, 't', 0, offsets(200, 249))).toEqual({ counted: 0, skipped: 50, count: 50, closedEpochs: [] });
      expect(await redis.get(`consumer:${id}:events`)).toBe('50');
      expect(await store.tick(id, 5_000, 'replica-a', 10_000)).toEqual({ owned: true, closedEpoch: 0 });
    }
    clock.ms += 5_000;
    for (const id of ids) {
      expect(await store.tick(id, 5_000, 'replica-a', 10_000)).toEqual({ owned: true, closedEpoch: 3 });
      expect((await store.outbox(id)).map((window) => [window.epoch, window.reason])).toEqual([
        [1, 'count'],
        [2, 'count'],
        [3, 'time'],
      ]);
      await store.forget(id);
      expect(await store.state(id)).toMatchObject({ count: 0 });
    }
  });

  it('publishes closed windows as BullMQ jobs and trigger entries once, a worker runs them, and a window whose job BullMQ already holds gets no second job', async () => {
    const store = new WindowStore(redis, clock);
    const publisher = new TriggerPublisher(store, queue, redis, { triggersStream, triggersMaxLen: 1000, jobRetentionSeconds: 3600 }, clock, new EngineMetrics(new Registry()), pino({ level: 'silent' }), new ReplicaWait(redis, { replicas: 0, timeoutMs: 1000 }));
    const context: TriggerContext = { consumer_id: uniqueName('orders-sync'), pipeline_name: 'orders-etl', connection_id: 'warehouse', job_type: 'batch', kafka_topic: 'orders', group_id: 'pipeline-trigger-orders' };
    // BullMQ leaves connections it was handed open: these two are closed below.
    const [eventsConnection, workerConnection] = [0, 1].map(() => duplicateRedisClient(redis, { maxRetriesPerRequest: null }));
    const events = new QueueEvents(PIPELINES_QUEUE, { connection: eventsConnection, prefix: '{bull}' });
    const completed: string[] = [];
    events.on('completed', ({ jobId }) => void completed.push(jobId));
    await events.waitUntilReady();
    const worker = new Worker(PIPELINES_QUEUE, async (job) => job.data as unknown, { connection: workerConnection, prefix: '{bull}' });
    try {
      const { closedEpochs } = await store.countBatch(context.consumer_id, 10, 'orders', 0, offsets(0, 29));
      expect(closedEpochs).toEqual([1, 2, 3]);
      // The first send "crashes" after BullMQ took the job: the outbox still holds the window, and the sweep sends it again.
      const [first] = await store.outbox(context.consumer_id);
      await queue.add(context.pipeline_name, { early: true }, { jobId: `${context.consumer_id}-${first.inc}-w1` });
      await publisher.publishEpochs(context, closedEpochs, 0);
      clock.ms += 60_000;
      expect(await publisher.sweep(context, 0, 0)).toBe(0);

      const jobIds = closedEpochs.map((epoch) => `${context.consumer_id}-${first.inc}-w${epoch}`);
      await waitFor(() => jobIds.every((id) => completed.includes(id)), { what: 'three jobs run by the worker' });
      expect(completed.filter((id) => jobIds.includes(id))).toHaveLength(3);
      const entries = (await redis.xrange(triggersStream, '-', '+')).map(([, fields]) => pipelineTriggerEventSchema.parse(JSON.parse(fields[1])));
      expect(entries.map((entry) => entry.job_id)).toEqual(jobIds);
      expect(await store.outbox(context.consumer_id)).toEqual([]);
      expect(JSON.parse((await store.lastTrigger(context.consumer_id)) ?? '{}')).toMatchObject({ job_id: jobIds[2] });
    } finally {
      await worker.close();
      await events.close();
      await store.forget(context.consumer_id);
      eventsConnection.disconnect();
      workerConnection.disconnect();
    }
  });

  it('as the built service: a consumer created over REST counts Kafka events and its triggers become BullMQ jobs on the cluster', async () => {
    let broker: BrokerProcess | undefined;
    let db: TestDatabase | undefined;
    let fixture: PipelineFixture | undefined;
    let service: ServiceProcess | undefined;
    try {
      [broker, db] = await Promise.all([startBrokerProcess(), createTestDatabase()]);
      fixture = new PipelineFixture(broker.kafka);
      const topic = await fixture.createTopic(1);
      service = new ServiceProcess('pipeline-trigger', {
        ...fixture.env(broker.bootstrap),
        REDIS_CLUSTER_NODES: set.nodes,
        DATABASE_URL: db.url,
        HTTP_PORT: '0',
        API_WRITE_TOKENS: 'write-token-0123456789abcdef',
        CONSUMERS_SYNC_INTERVAL_MS: '500',
        PIPELINE_TIMER_INTERVAL_MS: '100',
        PIPELINE_KAFKA_SESSION_TIMEOUT_MS: '6000',
      });
      const baseUrl = `http://127.0.0.1:${await service.httpPort()}`;
      await waitFor(async () => (await fetch(`${baseUrl}/health/ready`)).status === 200, { what: 'pipeline-trigger ready on the cluster', timeoutMs: 20_000 });
      const id = uniqueName('cluster');
      const created = await fetch(`${baseUrl}/consumers`, {
        method: 'POST',
        headers: { authorization: 'Bearer write-token-0123456789abcdef', 'content-type': 'application/json' },
        body: JSON.stringify({ consumer_id: id, kafka_topic: topic, pipeline_name: 'orders-etl', connection_id: 'warehouse', max_event: 10, max_time: 3600, auto_offset_reset: 'earliest' }),
      });
      expect(created.status).toBe(201);
      await fixture.produce(topic, 25);

      // The queue the service wrote, read back from the cluster under the same {hash tag} prefix.
      const clusterQueue = new Queue(PIPELINES_QUEUE, { connection: redis, prefix: fixture.prefix });
      try {
        const jobs = await waitFor(async () => {
          const found = await clusterQueue.getJobs(['waiting']);
          return found.length === 2 ? found : undefined;
        }, { what: 'two jobs in the pipelines queue', timeoutMs: 20_000 });
        const windows = jobs.map((job) => pipelineTriggerEventSchema.parse(job.data)).map((event) => `${event.reason} ${event.event_count}: ${event.offsets['0'].first}..${event.offsets['0'].last}`);
        expect(windows.sort()).toEqual(['count 10: 0..9', 'count 10: 10..19']);
        expect(await redis.get(`consumer:${id}:events`)).toBe('5');
        // Each window's job is enqueued before its entry is added to the triggers stream.
        const stream = fixture.stream;
        await waitFor(async () => (await redis.xlen(stream)) >= 2, { what: 'both trigger entries on the cluster' });
        expect(await redis.xlen(stream)).toBe(2);
      } finally {
        await clusterQueue.close();
      }
      expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await service?.stop('SIGKILL');
      await fixture?.close();
      await broker?.stop();
      await db?.drop();
    }
  }, 60_000);
});
