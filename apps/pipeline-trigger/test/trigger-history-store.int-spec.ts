import { createPrismaClient, DbClient } from '@app/db';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { TriggerHistoryStore, TriggerRecord } from '../src/store/trigger-history-store';

const trigger = (consumerId: string, n: number): TriggerRecord => ({
  jobId: `${consumerId}-inc-w${n}`,
  consumerId,
  topic: 'orders',
  groupId: 'pipeline-trigger-orders',
  pipelineName: 'index-orders',
  connectionId: 'pg-main',
  jobType: 'async',
  reason: n % 2 === 0 ? 'count' : 'time',
  eventCount: 100 + n,
  windowStartedAt: new Date(1_700_000_000_000 + n * 1000),
  windowEndedAt: new Date(1_700_000_000_500 + n * 1000),
  offsets: { '0': { first: String(n * 10), last: String(n * 10 + 9) } },
  triggeredAt: new Date(1_700_000_000_600 + n * 1000),
});

describe('TriggerHistoryStore (Postgres)', () => {
  let db: TestDatabase;
  let prisma: DbClient;
  let store: TriggerHistoryStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url, 2);
    store = new TriggerHistoryStore(prisma);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('records a trigger once per job id, starting as waiting', async () => {
    expect(await store.record(trigger('once', 1))).toBe(true);
    expect(await store.record({ ...trigger('once', 1), eventCount: 999 })).toBe(false);
    const latest = await store.latest('once');
    expect(latest).toEqual({ ...trigger('once', 1), status: 'waiting', failureReason: null, attemptsMade: 0, statusChangedAt: trigger('once', 1).triggeredAt, finishedAt: null });
  });

  it('follows a job to failed with its reason, and a late non-final status does not undo it', async () => {
    await store.record(trigger('status', 1));
    const at = (s: number) => new Date(1_800_000_000_000 + s);
    expect(await store.setStatus('status-inc-w1', { status: 'active', at: at(1) })).toBe(true);
    expect(await store.setStatus('status-inc-w1', { status: 'failed', at: at(2), failureReason: 'connection refused', attemptsMade: 3 })).toBe(true);
    expect(await store.setStatus('status-inc-w1', { status: 'active', at: at(3) })).toBe(false);
    expect(await store.latest('status')).toMatchObject({ status: 'failed', failureReason: 'connection refused', attemptsMade: 3, finishedAt: at(2), statusChangedAt: at(2) });
    expect(await store.setStatus('unknown-job', { status: 'completed', at: at(4) })).toBe(false);
  });

  it('pages newest first with a cursor, and lists unfinished jobs', async () => {
    for (let n = 1; n <= 5; n++) await store.record(trigger('paged', n));
    await store.setStatus('paged-inc-w2', { status: 'completed', at: new Date() });
    const first = await store.list('paged', { limit: 2 });
    expect(first.items.map((t) => t.jobId)).toEqual(['paged-inc-w5', 'paged-inc-w4']);
    const second = await store.list('paged', { limit: 2, before: first.nextCursor });
    expect(second.items.map((t) => t.jobId)).toEqual(['paged-inc-w3', 'paged-inc-w2']);
    const last = await store.list('paged', { limit: 2, before: second.nextCursor });
    expect(last).toEqual({ items: [expect.objectContaining({ jobId: 'paged-inc-w1' })] });
    expect(await store.unfinishedJobIds(100)).toEqual(expect.arrayContaining(['paged-inc-w1', 'paged-inc-w3']));
    expect(await store.unfinishedJobIds(100)).not.toContain('paged-inc-w2');
  });
});
