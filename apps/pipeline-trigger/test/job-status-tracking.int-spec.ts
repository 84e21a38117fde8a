import { createPrismaClient, DbClient } from '@app/db';
import { PIPELINES_QUEUE, type PipelineTriggerEvent } from '@app/domain';
import { createTestDatabase, TestDatabase, uniqueName, waitFor } from '@app/testing';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import Redis from 'ioredis';
import pino from 'pino';
import { JobStatusTracker } from '../src/status/job-status-tracker';
import { TriggerHistorySink } from '../src/status/trigger-history-sink';
import { TriggerHistoryStore } from '../src/store/trigger-history-store';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function triggerEvent(jobId: string): PipelineTriggerEvent {
  return {
    trigger_id: jobId,
    job_id: jobId,
    consumer_id: 'tracked',
    pipeline_name: 'index-orders',
    connection_id: 'pg-main',
    job_type: 'async',
    topic: 'orders',
    group_id: 'pipeline-trigger-orders',
    window_epoch: 1,
    reason: 'count',
    event_count: 10,
    window_started_at: '2026-01-01T00:00:00.000Z',
    window_ended_at: '2026-01-01T00:00:01.000Z',
    triggered_at: '2026-01-01T00:00:01.010Z',
    offsets: { '0': { first: '0', last: '9' } },
  };
}

/** Real BullMQ (queue, worker, queue events) on Redis and the history in Postgres: a worker completes one job and fails one. */
describe('pipeline job status tracking (BullMQ events into the trigger history)', () => {
  const prefix = `{${uniqueName('pt-status')}}`;
  const logger = pino({ level: 'silent' });
  let db: TestDatabase;
  let prisma: DbClient;
  let redis: Redis;
  let queue: Queue;
  let events: QueueEvents;
  let worker: Worker | undefined;
  // BullMQ leaves connections it was handed open; the test closes its own.
  const connections: Redis[] = [];
  const connection = () => {
    const duplicate = redis.duplicate({ maxRetriesPerRequest: null });
    connections.push(duplicate);
    return duplicate;
  };
  let history: TriggerHistoryStore;
  let tracker: JobStatusTracker;
  let sink: TriggerHistorySink;

  /** As the engine does it: the job first, then the trigger listener. */
  const trigger = async (jobId: string, options: { attempts?: number } = {}) => {
    await queue.add('index-orders', triggerEvent(jobId), { jobId, attempts: options.attempts ?? 1, backoff: { type: 'fixed', delay: 50 } });
    await sink.onTrigger(triggerEvent(jobId));
  };

  const statusOf = async (jobId: string) => (await history.list('tracked', { limit: 100 })).items.find((t) => t.jobId === jobId);

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url, 2);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(PIPELINES_QUEUE, { connection: redis, prefix });
    events = new QueueEvents(PIPELINES_QUEUE, { connection: connection(), prefix });
    history = new TriggerHistoryStore(prisma);
    tracker = new JobStatusTracker(history, queue, () => Date.now(), logger);
    sink = new TriggerHistorySink(history, tracker, queue, logger);
    tracker.attach(events);
    await events.waitUntilReady();
  });

  afterAll(async () => {
    tracker.detach();
    await worker?.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    for (const c of connections) c.disconnect();
    redis.disconnect();
    await prisma.$disconnect();
    await db.drop();
  });

  it('records each trigger once, waiting until a worker picks it up', async () => {
    await trigger('tracked-w1');
    await sink.onTrigger(triggerEvent('tracked-w1'));
    const rows = (await history.list('tracked', { limit: 100 })).items.filter((t) => t.jobId === 'tracked-w1');
    expect(rows).toEqual([expect.objectContaining({ status: 'waiting', pipelineName: 'index-orders', offsets: { '0': { first: '0', last: '9' } } })]);
  });

  it('follows a completed job and a failed one (after its retries, with the reason)', async () => {
    await trigger('tracked-fail', { attempts: 2 });
    const seen: string[] = [];
    worker = new Worker(
      PIPELINES_QUEUE,
      async (job: Job) => {
        seen.push(`${job.id}#${job.attemptsMade}`);
        if (job.id === 'tracked-fail') throw new Error('warehouse connection refused');
        return { rows: 10 };
      },
      { connection: connection(), prefix },
    );
    await waitFor(async () => (await statusOf('tracked-w1'))?.status === 'completed', { what: 'tracked-w1 completed' });
    const failed = await waitFor(async () => {
      const row = await statusOf('tracked-fail');
      return row?.status === 'failed' ? row : undefined;
    }, { what: 'tracked-fail failed' });
    expect(failed).toMatchObject({ failureReason: 'warehouse connection refused', attemptsMade: 2, finishedAt: expect.any(Date) });
    expect(seen.filter((s) => s.startsWith('tracked-fail'))).toHaveLength(2);
    expect(await statusOf('tracked-w1')).toMatchObject({ status: 'completed', failureReason: null, attemptsMade: 1, finishedAt: expect.any(Date) });
  });

  it('writes from the queue the rows of triggers whose report found no Postgres, with their status', async () => {
    // As after a trigger reported while Postgres was down, or by a replica that stopped meanwhile: jobs, no rows.
    await queue.add('index-orders', triggerEvent('tracked-unreported-1'), { jobId: 'tracked-unreported-1' });
    await queue.add('index-orders', triggerEvent('tracked-unreported-2'), { jobId: 'tracked-unreported-2' });
    await waitFor(async () => (await queue.getJobState('tracked-unreported-1')) === 'completed', { what: 'the worker to finish tracked-unreported-1' });
    expect(await statusOf('tracked-unreported-1')).toBeUndefined();

    expect(await sink.backfill()).toBeGreaterThanOrEqual(2);
    expect(await statusOf('tracked-unreported-1')).toMatchObject({ status: 'completed', pipelineName: 'index-orders', eventCount: 10 });
    expect(await statusOf('tracked-unreported-2')).toBeDefined();
    // Rows that exist are left as they are: a second pass writes nothing.
    expect(await sink.backfill()).toBe(0);
  });

  it('catches up on a job that finished while nobody was listening', async () => {
    tracker.detach();
    await queue.add('index-orders', triggerEvent('tracked-missed'), { jobId: 'tracked-missed' });
    await waitFor(async () => (await queue.getJobState('tracked-missed')) === 'completed', { what: 'the worker to finish tracked-missed' });
    await sink.onTrigger(triggerEvent('tracked-missed'));
    expect(await statusOf('tracked-missed')).toMatchObject({ status: 'completed' });

    await queue.add('index-orders', triggerEvent('tracked-late'), { jobId: 'tracked-late' });
    const missed = await statusOf('tracked-missed');
    if (!missed) throw new Error('tracked-missed has no row');
    await history.record({ ...missed, jobId: 'tracked-late' });
    await history.setStatus('tracked-late', { status: 'waiting', at: new Date() });
    await waitFor(async () => (await queue.getJobState('tracked-late')) === 'completed', { what: 'the worker to finish tracked-late' });
    expect(await tracker.resyncUnfinished()).toBeGreaterThanOrEqual(1);
    expect(await statusOf('tracked-late')).toMatchObject({ status: 'completed' });
  });
});
