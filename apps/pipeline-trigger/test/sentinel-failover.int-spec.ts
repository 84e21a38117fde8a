import { PIPELINES_QUEUE, pipelineTriggerEventSchema, type PipelineTriggerEvent } from '@app/domain';
import { createTestDatabase, RedisSentinelSet, ServiceProcess, startBrokerProcess, uniqueName, waitFor, type BrokerProcess, type TestDatabase } from '@app/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { countedOffsets } from './support/pipeline-fixture';

const MAX_EVENT = 10;
/** Events are produced in bursts of this size (a multiple of MAX_EVENT), so the last window is full at the end. */
const BURST = 20;

/**
 * pipeline-trigger (built, as a process) on a Sentinel-managed Redis with our broker. The master is killed
 * with SIGKILL while events are being counted and produced; the service follows the promotion by itself
 * and every event ends up counted in exactly one triggered window, each window a BullMQ job once.
 *
 * Redis replication is asynchronous: a script call the old master acknowledged but had not replicated
 * is lost with it. The service, with REDIS_WAIT_REPLICAS at its Sentinel default of 1, commits a batch's
 * offsets and queues a window only once the replica has acknowledged them, so the kill lands with
 * whatever was in flight (no `CLIENT PAUSE` beforehand): what was lost was never committed, is counted
 * again from Kafka on the promoted master, and no worker saw a job for a window closed only on the old
 * master. The promoted master gets a fresh replica, as a restarted pod would give it, so WAITs succeed
 * again.
 */
describe('pipeline-trigger on Redis Sentinel (real master, replica and three Sentinels)', () => {
  let set: RedisSentinelSet;
  let broker: BrokerProcess;
  let db: TestDatabase;
  let service: ServiceProcess | undefined;
  const connections: Redis[] = [];
  const queues: Queue[] = [];
  const prefix = `{${uniqueName('pt-q')}}`;

  beforeAll(async () => {
    [set, broker, db] = await Promise.all([RedisSentinelSet.start(), startBrokerProcess(), createTestDatabase()]);
  }, 60_000);

  afterAll(async () => {
    service?.kill('SIGKILL');
    await service?.exited;
    for (const queue of queues) await queue.close().catch(() => undefined);
    for (const redis of connections) redis.disconnect();
    await broker?.stop();
    await db?.drop();
    await set?.stop();
  }, 30_000);

  const node = (port: number): Redis => {
    const redis = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    connections.push(redis);
    return redis;
  };

  /** The `pipelines` queue as the service writes it (PIPELINE_QUEUE_PREFIX), read on the node `redis`. */
  function jobsOn(redis: Redis): () => Promise<PipelineTriggerEvent[]> {
    const queue = new Queue(PIPELINES_QUEUE, { connection: redis, prefix });
    // The queue on the killed master keeps failing to reconnect; that is expected here.
    queue.on('error', () => undefined);
    queues.push(queue);
    return async () => {
      const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized']);
      return jobs.map((job) => {
        expect(job.id).toBe(job.data.job_id);
        return pipelineTriggerEventSchema.parse(job.data);
      });
    };
  }

  it('follows a master killed mid-run and triggers every window once, each event counted in exactly one', async () => {
    const admin = broker.kafka.admin();
    await admin.connect();
    const topic = uniqueName('pt-topic');
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();

    service = new ServiceProcess('pipeline-trigger', {
      HTTP_PORT: '0',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.bootstrap,
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_SENTINELS: set.sentinels,
      REDIS_SENTINEL_NAME: set.name,
      API_AUTH_DISABLED: 'true',
      PIPELINE_QUEUE_PREFIX: prefix,
      PIPELINE_TRIGGERS_STREAM: `${uniqueName('pt')}:pipeline:triggers`,
      PIPELINE_BASE_GROUP_ID: uniqueName('pt-base'),
      PIPELINE_KAFKA_SESSION_TIMEOUT_MS: '6000',
      PIPELINE_TIMER_INTERVAL_MS: '100',
      PIPELINE_OUTBOX_RESEND_AFTER_MS: '200',
    });
    const baseUrl = `http://127.0.0.1:${await service.httpPort()}`;
    const ready = async () => (await fetch(`${baseUrl}/health/ready`)).status;
    await waitFor(async () => (await ready()) === 200, { what: 'ready on the first master', timeoutMs: 20_000 });

    const consumerId = uniqueName('pt-sentinel');
    // batch_size 5: several window-script calls per fetched batch, so the crash lands between them.
    const created = await fetch(`${baseUrl}/consumers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consumer_id: consumerId, kafka_topic: topic, pipeline_name: 'orders-etl', connection_id: 'warehouse', max_event: MAX_EVENT, max_time: 3600, batch_size: 5, auto_offset_reset: 'earliest' }),
    });
    expect(created.status).toBe(201);

    const producer = broker.kafka.producer();
    await producer.connect();
    let produced = 0;
    let stop = false;
    const produce = (async () => {
      while (!stop) {
        const messages = Array.from({ length: BURST }, (_, i) => ({ key: `k${produced + i}`, value: JSON.stringify({ n: produced + i }) }));
        await producer.send({ topic, messages });
        produced += BURST;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();

    try {
      const master = node(set.masterPort);
      const jobsOnFirstMaster = jobsOn(master);
      await waitFor(async () => (await jobsOnFirstMaster()).length >= 3, { what: 'three windows triggered before the crash', timeoutMs: 20_000 });

      // SIGKILL with counting and producing under way: the service's next calls are in flight or queued.
      const producedAtKill = produced;
      const oldMaster = await set.killMaster();
      const promoted = await set.waitForPromotion(oldMaster);
      expect(promoted).toBe(set.replicaPort);
      await set.addReplica();
      const jobsAfter = jobsOn(node(promoted));
      const jobsAtKill = (await jobsAfter()).length;
      expect(jobsAtKill).toBeGreaterThanOrEqual(3);

      // Keep producing after the promotion too, then stop on a burst boundary.
      await waitFor(() => produced >= producedAtKill + 200, { what: 'events produced across the failover', timeoutMs: 20_000 });
      stop = true;
      await produce;
      const expectedWindows = produced / MAX_EVENT;
      expect(expectedWindows).toBeGreaterThan(jobsAtKill);

      await waitFor(async () => (await ready()) === 200, { what: 'ready on the promoted master', timeoutMs: 30_000 });
      const promotedRedis = node(promoted);
      const jobs = await waitFor(async () => {
        const found = await jobsAfter();
        return found.length >= expectedWindows && (await promotedRedis.get(`consumer:${consumerId}:events`)) === '0' && found;
      }, { what: `${expectedWindows} windows of ${MAX_EVENT} and an empty open window`, timeoutMs: 30_000 }).catch(async (error: Error) => {
        throw new Error(`${error.message} (jobs: ${(await jobsAfter()).length}, open count: ${await promotedRedis.get(`consumer:${consumerId}:events`)}, produced ${produced})`);
      });

      // Each window triggered once: epochs 1..N, one job each, all of one incarnation, each full.
      const inc = jobs[0].job_id.split('-').at(-2);
      expect(jobs.map((job) => job.job_id).sort()).toEqual(Array.from({ length: expectedWindows }, (_, i) => `${consumerId}-${inc}-w${i + 1}`).sort());
      expect(jobs.filter((job) => job.event_count !== MAX_EVENT || job.reason !== 'count')).toEqual([]);
      // Every produced event in exactly one window: per partition the windows cover offsets 0..n-1, none twice.
      const perPartition = countedOffsets(jobs);
      expect([...perPartition.values()].flat()).toHaveLength(produced);
      for (const offsets of perPartition.values()) expect(offsets).toEqual(offsets.map((_, i) => i));
      // Nothing left to re-send, and the service still answers for the consumer.
      expect(await promotedRedis.hlen(`{consumer:${consumerId}:events}:outbox`)).toBe(0);
      const info = (await (await fetch(`${baseUrl}/consumer/info/${consumerId}`)).json()) as { running: boolean; runtime?: { state: string } };
      expect(info).toMatchObject({ running: true, runtime: { state: 'running' } });
      expect(await ready()).toBe(200);
    } finally {
      stop = true;
      await produce.catch(() => undefined);
      await producer.disconnect();
    }
  }, 90_000);
});
