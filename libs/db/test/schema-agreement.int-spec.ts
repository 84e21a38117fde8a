import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createPrismaClient, DbClient } from '../src/create-prisma-client';
import { Prisma } from '../src/generated/prisma/client';
import { applyMigrations } from '../src/migrations/apply-migrations';
import { dropDatabase, ensureDatabase } from '../src/migrations/ensure-database';
import { readMigrations } from '../src/migrations/read-migrations';

/**
 * The Prisma schema and the SQL migrations are written separately; this proves they describe the
 * same database by writing and reading every model through the generated client against a
 * database built from the migrations alone.
 */
describe('Prisma schema and SQL migrations agree', () => {
  const db = { url: `postgresql://postgres@127.0.0.1:5432/t_schema_${randomBytes(4).toString('hex')}` };
  let prisma: DbClient;

  beforeAll(async () => {
    await ensureDatabase(db.url);
    await applyMigrations(db.url);
    prisma = createPrismaClient(db.url, 2);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await dropDatabase(db.url);
  });

  it('round-trips conversations and messages, and the idempotency key refuses a redelivered event', async () => {
    await prisma.conversation.create({ data: { id: 'chat-1', title: 'Capital of France?' } });
    const message = await prisma.message.create({
      data: { conversationId: 'chat-1', role: 'assistant', content: 'Paris.', intent: null, metadata: { model: 'm1' }, jobId: 'job-1', eventKey: 'chat:events:0/1-0' },
    });
    const read = await prisma.conversation.findUniqueOrThrow({ where: { id: 'chat-1' }, include: { messages: true } });
    expect(read.messages).toEqual([expect.objectContaining({ id: message.id, metadata: { model: 'm1' }, eventKey: 'chat:events:0/1-0' })]);

    const duplicate = prisma.message.create({ data: { conversationId: 'chat-1', role: 'assistant', content: 'again', eventKey: 'chat:events:0/1-0' } });
    await expect(duplicate).rejects.toMatchObject({ code: 'P2002' });
  });

  it('round-trips group snapshots with partition samples, rebalance events and alerts', async () => {
    const snapshot = await prisma.groupSnapshot.create({
      data: {
        source: 'kafka', groupId: 'orders', state: 'Stable', memberCount: 3,
        totalLag: 12_000_000_000n, lagP50: 10n, lagP95: 90n, lagMax: 12_000_000_000n, timeLagMaxMs: 1500n,
        sloCompliance: 0.995, rebalanceScore: 0.9, giniCoefficient: 0.12, stuckPartitions: 1,
        partitions: { create: [{ topic: 'orders', partition: 0, committedOffset: 5n, endOffset: 15n, lag: 10n, timeLagMs: 200n, memberId: 'm-1' }] },
      },
      include: { partitions: true },
    });
    expect(snapshot.partitions[0]).toMatchObject({ snapshotId: snapshot.id, lag: 10n });
    expect((await prisma.groupSnapshot.findFirstOrThrow({ where: { groupId: 'orders' } })).totalLag).toBe(12_000_000_000n);

    await prisma.rebalanceEvent.create({ data: { groupId: 'orders', generation: 4, kind: 'completed', reason: 'member joined', memberCount: 3, durationMs: 120, occurredAt: new Date() } });
    await prisma.alert.create({ data: { alertKey: 'orders/stuck/0', type: 'stuck_partition', severity: 'critical', source: 'kafka', groupId: 'orders', topic: 'orders', partition: 0, message: 'no progress', value: 10, threshold: 0, details: { since: 'x' } } });
    expect(await prisma.rebalanceEvent.count()).toBe(1);
    expect((await prisma.alert.findFirstOrThrow()).details).toEqual({ since: 'x' });
  });

  it('round-trips pipeline triggers with a unique BullMQ job id, and their status', async () => {
    const data = {
      jobId: 'etl-orders-7', consumer: 'etl', topic: 'orders', groupId: 'etl-orders-a', pipelineName: 'index-orders', connectionId: 'pg-main', jobType: 'batch',
      reason: 'count', eventCount: 100, windowStartedAt: new Date(), windowEndedAt: new Date(), offsets: { '0': { first: '1', last: '100' } },
    };
    await prisma.pipelineTrigger.create({ data });
    await expect(prisma.pipelineTrigger.create({ data })).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(await prisma.pipelineTrigger.findUniqueOrThrow({ where: { jobId: 'etl-orders-7' } })).toMatchObject({ eventCount: 100, status: 'waiting', attemptsMade: 0, finishedAt: null });
    await prisma.pipelineTrigger.update({ where: { jobId: 'etl-orders-7' }, data: { status: 'failed', failureReason: 'boom', attemptsMade: 3, finishedAt: new Date() } });
    expect(await prisma.pipelineTrigger.findUniqueOrThrow({ where: { jobId: 'etl-orders-7' } })).toMatchObject({ status: 'failed', failureReason: 'boom', offsets: data.offsets });
  });

  it('round-trips pipeline consumers with their configuration, pause flag and version', async () => {
    await prisma.pipelineConsumer.create({ data: { consumerId: 'etl', source: 'api', config: { consumer_id: 'etl', max_event: 10 } } });
    await expect(prisma.pipelineConsumer.create({ data: { consumerId: 'etl', source: 'file', config: {} } })).rejects.toMatchObject({ code: 'P2002' });
    await prisma.pipelineConsumer.update({ where: { consumerId: 'etl' }, data: { paused: true, version: { increment: 1 } } });
    expect(await prisma.pipelineConsumer.findUniqueOrThrow({ where: { consumerId: 'etl' } })).toMatchObject({ source: 'api', paused: true, version: 2, config: { max_event: 10 } });
  });

  it('records the migrations in _prisma_migrations as prisma migrate deploy does', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query('SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"');
    await client.end();
    const migrations = await readMigrations();
    expect(migrations[0].name).toBe('20261122080000_init');
    expect(rows).toEqual(expect.arrayContaining(migrations.map((m) => expect.objectContaining({ migration_name: m.name, checksum: m.checksum, applied_steps_count: 1, finished_at: expect.any(Date) }))));
    expect(rows).toHaveLength(migrations.length);
  });
});
