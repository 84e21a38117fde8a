import { createPrismaClient, DbClient } from '@app/db';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { ConsumerConfig, parseConsumerConfig } from '../src/config-model/consumer-config';
import { ConsumerStore } from '../src/store/consumer-store';

function config(id: string, overrides: Record<string, unknown> = {}): ConsumerConfig {
  const result = parseConsumerConfig({ consumer_id: id, kafka_topic: 'orders', pipeline_name: 'p', connection_id: 'c', max_event: 10, max_time: 60, ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.fields));
  return result.config;
}

describe('ConsumerStore (Postgres)', () => {
  let db: TestDatabase;
  let prisma: DbClient;
  let store: ConsumerStore;
  const invalid: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url, 2);
    store = new ConsumerStore(prisma, undefined, (id, problem) => invalid.push(`${id}: ${problem}`));
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await db.drop();
  });

  it('creates a REST consumer once and reports the duplicate with its source', async () => {
    const created = await store.create(config('api-1', { security: { mechanism: 'plain', username: 'u', password: 'p' } }));
    expect(created).toMatchObject({ created: true, consumer: { source: 'api', paused: false, version: 1 } });
    expect(await store.create(config('api-1', { max_event: 99 }))).toEqual({ created: false, existing: 'api' });
    expect((await store.get('api-1'))?.config).toEqual(config('api-1', { security: { mechanism: 'plain', username: 'u', password: 'p' } }));
  });

  it('updates, pauses and deletes REST consumers, each change a new version', async () => {
    await store.create(config('api-2'));
    expect(await store.update(config('api-2', { max_event: 500 }))).toMatchObject({ version: 2, config: { max_event: 500 } });
    expect(await store.setPaused('api-2', true)).toMatchObject({ version: 3, paused: true });
    expect(await store.update(config('absent'))).toBeUndefined();
    expect(await store.setPaused('absent', true)).toBeUndefined();
    expect(await store.delete('api-2')).toBe(true);
    expect(await store.delete('api-2')).toBe(false);
    expect(await store.get('api-2')).toBeUndefined();
  });

  it('mirrors the config file: inserts, replaces changed entries only, takes over a REST id, removes dropped ones', async () => {
    await store.create(config('shared-id'));
    expect(await store.syncFileConsumers([config('file-a'), config('file-b'), config('shared-id', { max_event: 7 })])).toEqual({ takenOver: ['shared-id'], removed: [] });
    expect(await store.get('shared-id')).toMatchObject({ source: 'file', config: { max_event: 7 } });

    await store.setPaused('file-a', true);
    const before = await store.get('file-b');
    expect(await store.syncFileConsumers([config('file-a'), config('file-b'), config('shared-id', { max_event: 7 })])).toEqual({ takenOver: [], removed: [] });
    expect((await store.get('file-b'))?.version).toBe(before?.version);

    expect(await store.syncFileConsumers([config('file-a', { max_time: 5 })])).toEqual({ takenOver: [], removed: ['file-b', 'shared-id'] });
    expect(await store.get('file-a')).toMatchObject({ paused: true, config: { max_time: 5 } });
    expect(await store.get('file-b')).toBeUndefined();
  });

  it('never updates or deletes a file consumer through the REST paths', async () => {
    await store.syncFileConsumers([config('file-x')]);
    expect(await store.update(config('file-x', { max_event: 1 }))).toBeUndefined();
    expect(await store.delete('file-x')).toBe(false);
    expect(await store.create(config('file-x'))).toEqual({ created: false, existing: 'file' });
    expect((await store.get('file-x'))?.config.max_event).toBe(10);
  });

  it('skips and reports a row whose configuration the schema refuses, instead of failing the whole list', async () => {
    await prisma.pipelineConsumer.create({ data: { consumerId: 'hand-edited', source: 'api', config: { consumer_id: 'hand-edited', max_event: 0 } } });
    const ids = (await store.list()).map((c) => c.config.consumer_id);
    expect(ids).not.toContain('hand-edited');
    expect(ids.length).toBeGreaterThan(0);
    expect(invalid).toEqual([expect.stringMatching(/^hand-edited: kafka_topic: expected .*max_event: expected an integer from 1/)]);
    await prisma.pipelineConsumer.delete({ where: { consumerId: 'hand-edited' } });
  });

  it('lists every consumer by id', async () => {
    const ids = (await store.list()).map((c) => c.config.consumer_id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['api-1', 'file-x']));
  });
});
