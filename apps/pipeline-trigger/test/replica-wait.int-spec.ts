import { PIPELINES_QUEUE, pipelineTriggerEventSchema, type PipelineTriggerEvent } from '@app/domain';
import { createTestDatabase, RedisSentinelSet, ServiceProcess, startBrokerProcess, uniqueName, waitFor, type BrokerProcess, type TestDatabase } from '@app/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { Admin } from 'kafkajs';
import { countedOffsets } from './support/pipeline-fixture';

const MAX_EVENT = 10;

/**
 * pipeline-trigger (built, as a process) on a Sentinel-managed Redis with REDIS_WAIT_REPLICAS left to
 * its Sentinel default of 1. The replica is stopped with SIGSTOP, so it neither applies nor acknowledges
 * what the master sends: the service still counts on the master, but no WAIT succeeds, so the batch's
 * Kafka offsets stay uncommitted (read with the admin client on our broker) and the windows it closed
 * stay in the outbox instead of becoming jobs a worker could take. Once the replica continues, the same
 * events are committed and each window becomes one job: every event counted exactly once.
 */
describe('pipeline-trigger waits for a Redis replica before committing (real master, replica, three Sentinels)', () => {
  let set: RedisSentinelSet;
  let broker: BrokerProcess;
  let db: TestDatabase;
  let admin: Admin;
  let service: ServiceProcess | undefined;
  const connections: Redis[] = [];
  const queues: Queue[] = [];

  beforeAll(async () => {
    [set, broker, db] = await Promise.all([RedisSentinelSet.start(), startBrokerProcess(), createTestDatabase()]);
    admin = broker.kafka.admin();
    await admin.connect();
  }, 60_000);

  afterAll(async () => {
    service?.kill('SIGKILL');
    await service?.exited;
    for (const queue of queues) await queue.close().catch(() => undefined);
    for (const redis of connections) redis.disconnect();
    await admin?.disconnect();
    await broker?.stop();
    await db?.drop();
    await set?.stop();
  }, 30_000);

  it('leaves offsets uncommitted and windows unqueued while no replica acknowledges, then commits and triggers each window once', async () => {
    const topic = uniqueName('pt-topic');
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    const base = uniqueName('pt-base');
    const prefix = `{${uniqueName('pt-q')}}`;
    service = new ServiceProcess('pipeline-trigger', {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.bootstrap,
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_SENTINELS: set.sentinels,
      REDIS_SENTINEL_NAME: set.name,
      REDIS_WAIT_TIMEOUT_MS: '200',
      API_AUTH_DISABLED: 'true',
      PIPELINE_QUEUE_PREFIX: prefix,
      PIPELINE_TRIGGERS_STREAM: `${uniqueName('pt')}:pipeline:triggers`,
      PIPELINE_BASE_GROUP_ID: base,
      PIPELINE_KAFKA_SESSION_TIMEOUT_MS: '6000',
      PIPELINE_TIMER_INTERVAL_MS: '100',
      PIPELINE_OUTBOX_RESEND_AFTER_MS: '200',
    });
    const baseUrl = `http://127.0.0.1:${await service.httpPort()}`;
    await waitFor(async () => (await fetch(`${baseUrl}/health/ready`)).status === 200, { what: 'ready', timeoutMs: 20_000 });

    const consumerId = uniqueName('pt-wait');
    const created = await fetch(`${baseUrl}/consumers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consumer_id: consumerId, kafka_topic: topic, pipeline_name: 'orders-etl', connection_id: 'warehouse', max_event: MAX_EVENT, max_time: 3600, batch_size: 5, auto_offset_reset: 'earliest' }),
    });
    expect(created.status).toBe(201);

    const master = new Redis({ host: '127.0.0.1', port: set.masterPort, maxRetriesPerRequest: 1 });
    connections.push(master);
    const queue = new Queue(PIPELINES_QUEUE, { connection: master, prefix });
    queues.push(queue);
    const jobs = async (): Promise<PipelineTriggerEvent[]> =>
      (await queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'])).map((job) => pipelineTriggerEventSchema.parse(job.data));
    const groupId = `${base}-${topic}`;
    const committed = async () => (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    const outbox = `{consumer:${consumerId}:events}:outbox`;
    const producer = broker.kafka.producer();
    await producer.connect();
    let produced = 0;
    const produce = async (n: number, partition?: number) => {
      await producer.send({ topic, messages: Array.from({ length: n }, (_, i) => ({ partition, key: `k${produced + i}`, value: JSON.stringify({ n: produced + i }) })) });
      produced += n;
    };

    try {
      // With the replica following, batches are committed and windows queued as usual.
      await produce(20);
      await waitFor(async () => (await jobs()).length === 2 && (await committed()) === 20, { what: 'two windows queued and 20 offsets committed', timeoutMs: 20_000 });

      set.freeze(set.replicaPort, true);
      // One partition, so the first batch fetched closes a window whatever order partitions come in.
      await produce(20, 0);
      // The consumer keeps counting its batch again and waiting (it stops there: no later batch could be
      // committed either), over several WAIT timeouts, without committing or handing a window to BullMQ.
      const failedWaits = async (step: string) => {
        const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
        return Number(new RegExp(`pipeline_trigger_replica_wait_failed_total\\{consumer_id="${consumerId}",step="${step}"[^}]*\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
      };
      await waitFor(async () => (await failedWaits('commit')) >= 3 && (await failedWaits('publish')) >= 1, { what: 'WAITs failing before a commit and before a publish', timeoutMs: 20_000 }).catch(async (error: Error) => {
        const metrics = (await (await fetch(`${baseUrl}/metrics`)).text()).split('\n').filter((l) => l.includes('replica_wait') || l.includes('events_counted'));
        throw new Error(`${error.message} (${metrics.join('; ')}; log ${JSON.stringify(service?.lines.slice(-6))})`);
      });
      expect(await committed()).toBe(20);
      expect(await jobs()).toHaveLength(2);
      expect(service.lines.some((l) => l.msg === 'batch not on enough Redis replicas; its offsets stay uncommitted and it is counted again' && l.level === 'warn')).toBe(true);

      set.freeze(set.replicaPort, false);
      const all = await waitFor(async () => {
        const found = await jobs();
        return found.length === 4 && (await committed()) === 40 && (await master.hlen(outbox)) === 0 && found;
      }, { what: 'four windows queued and 40 offsets committed once the replica continues', timeoutMs: 20_000 }).catch(async (error: Error) => {
        throw new Error(`${error.message} (jobs ${(await jobs()).length}, committed ${await committed()}, outbox ${await master.hlen(outbox)})`);
      });

      // Each window once, each full, and every event in exactly one window: the recount after a failed
      // WAIT was skipped by the offset guard.
      const inc = all[0].job_id.split('-').at(-2);
      expect(all.map((job) => job.job_id).sort()).toEqual([1, 2, 3, 4].map((epoch) => `${consumerId}-${inc}-w${epoch}`).sort());
      expect(all.filter((job) => job.event_count !== MAX_EVENT)).toEqual([]);
      const perPartition = countedOffsets(all);
      expect([...perPartition.values()].flat()).toHaveLength(40);
      for (const offsets of perPartition.values()) expect(offsets).toEqual(offsets.map((_, i) => i));
    } finally {
      await producer.disconnect();
    }
  }, 90_000);
});
