import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { batchOf, decodeAll, tempDir, testLogConfig } from '../log/testing/log-fixtures';
import { StorageSettings } from './storage-settings';
import { TopicRegistry } from './topic-registry';

describe('TopicRegistry', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let registry: TopicRegistry;
  const settings = (over: Partial<StorageSettings> = {}): StorageSettings => ({
    dataDir: dir.path,
    flushIntervalMs: 0,
    autoCreateTopics: true,
    defaultPartitions: 2,
    maxPartitionsPerTopic: 100,
    retentionCheckIntervalMs: 60_000,
    defaults: testLogConfig(),
    ...over,
  });

  beforeEach(async () => {
    dir = await tempDir('registry-');
    registry = new TopicRegistry(settings());
    await registry.start();
  });
  afterEach(async () => {
    await registry.stop();
    await dir.cleanup();
  });

  it('creates a topic with N partitions, each in its own directory', async () => {
    const t = await registry.createTopic({ name: 'orders', numPartitions: 3, replicationFactor: 1 });
    expect(t).toMatchObject({ name: 'orders', partitions: 3, configs: {} });
    expect(t.topicId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await readdir(dir.path)).filter((n) => n.startsWith('orders-')).sort()).toEqual(['orders-0', 'orders-1', 'orders-2']);
    expect(registry.partition('orders', 2)).toBeDefined();
    expect(registry.partition('orders', 3)).toBeUndefined();
  });

  it('validates names, partition counts, replication factors, configs and duplicates with Kafka error codes', async () => {
    const create = (over: object) => registry.createTopic({ name: 'ok', numPartitions: 1, replicationFactor: 1, ...over });
    await expect(create({ name: '' })).rejects.toMatchObject({ errorCode: 17 });
    await expect(create({ name: 'bad/name' })).rejects.toMatchObject({ errorCode: 17 });
    await expect(create({ name: '..' })).rejects.toMatchObject({ errorCode: 17 });
    await expect(create({ name: 'x'.repeat(250) })).rejects.toMatchObject({ errorCode: 17 });
    await expect(create({ numPartitions: 0 })).rejects.toMatchObject({ errorCode: 37 });
    await expect(create({ numPartitions: -5 })).rejects.toMatchObject({ errorCode: 37 });
    await expect(create({ numPartitions: 101 })).rejects.toMatchObject({ errorCode: 37 });
    await expect(create({ numPartitions: 1.5 })).rejects.toMatchObject({ errorCode: 37 });
    await expect(create({ replicationFactor: 3 })).rejects.toMatchObject({ errorCode: 38 });
    await expect(create({ configs: { 'retention.ms': 'soon' } })).rejects.toMatchObject({ errorCode: 40 });
    await expect(create({ configs: { 'no.such.config': '1' } })).rejects.toMatchObject({ errorCode: 40 });
    await expect(create({ configs: { 'cleanup.policy': 'compact' } })).rejects.toMatchObject({ errorCode: 40 });
    expect(registry.listTopics()).toEqual([]);
    await create({});
    await expect(create({})).rejects.toMatchObject({ errorCode: 36 });
  });

  it('uses the broker default for -1 partitions and creates nothing with validateOnly', async () => {
    expect((await registry.createTopic({ name: 'v', numPartitions: -1, replicationFactor: -1, validateOnly: true })).partitions).toBe(2);
    expect(registry.describeTopic('v')).toBeUndefined();
    expect((await registry.createTopic({ name: 'd', numPartitions: -1, replicationFactor: -1 })).partitions).toBe(2);
  });

  it('persists topics and their configs across a restart, data included', async () => {
    await registry.createTopic({ name: 'kept', numPartitions: 2, replicationFactor: 1, configs: { 'retention.ms': '1000', 'segment.bytes': null } });
    await registry.partition('kept', 1)!.append(batchOf('v', 2));
    const id = registry.describeTopic('kept')!.topicId;
    await registry.stop();
    registry = new TopicRegistry(settings());
    await registry.start();
    expect(registry.describeTopic('kept')).toEqual({ name: 'kept', topicId: id, partitions: 2, configs: { 'retention.ms': '1000' } });
    expect(registry.topicNameById(id)).toBe('kept');
    const log = registry.partition('kept', 1)!;
    expect(log.highWatermark).toBe(2n);
    expect(log.config.retentionMs).toBe(1000);
    expect(decodeAll((await log.read(0n, 1 << 20)).records).map((r) => r.value)).toEqual(['v-0', 'v-1']);
  });

  it('finds a topic by its id until it is deleted; a re-created topic of that name has a new id', async () => {
    const first = await registry.createTopic({ name: 'by-id', numPartitions: 1, replicationFactor: 1 });
    expect(registry.topicNameById(first.topicId)).toBe('by-id');
    await registry.deleteTopic('by-id');
    expect(registry.topicNameById(first.topicId)).toBeUndefined();
    const second = await registry.createTopic({ name: 'by-id', numPartitions: 1, replicationFactor: 1 });
    expect(second.topicId).not.toBe(first.topicId);
    expect(registry.topicNameById(second.topicId)).toBe('by-id');
  });

  it('adds partitions to a topic, keeping its data, id and configs, across a restart; refuses shrinking and unknown topics', async () => {
    const t = await registry.createTopic({ name: 'grow', numPartitions: 1, replicationFactor: 1, configs: { 'retention.ms': '5000' } });
    await registry.partition('grow', 0)!.append(batchOf('g', 2));
    await expect(registry.createPartitions('grow', 1)).rejects.toMatchObject({ errorCode: 37 });
    await expect(registry.createPartitions('missing', 3)).rejects.toMatchObject({ errorCode: 3 });
    expect((await registry.createPartitions('grow', 3, true)).partitions).toBe(3);
    expect(registry.partitions('grow')).toHaveLength(1);
    expect(await registry.createPartitions('grow', 3)).toEqual({ name: 'grow', topicId: t.topicId, partitions: 3, configs: { 'retention.ms': '5000' } });
    await registry.partition('grow', 2)!.append(batchOf('n', 1));
    await registry.stop();
    registry = new TopicRegistry(settings());
    await registry.start();
    expect(registry.describeTopic('grow')).toMatchObject({ topicId: t.topicId, partitions: 3 });
    expect(registry.partitions('grow').map((l) => l.highWatermark)).toEqual([2n, 0n, 1n]);
    expect(registry.partition('grow', 2)!.config.retentionMs).toBe(5000);
  });

  it('deletes a topic with its data, and the name can be used again', async () => {
    await registry.createTopic({ name: 'gone', numPartitions: 2, replicationFactor: 1 });
    await registry.partition('gone', 0)!.append(batchOf('x', 1));
    await registry.deleteTopic('gone');
    expect(registry.describeTopic('gone')).toBeUndefined();
    expect((await readdir(dir.path)).filter((n) => n.startsWith('gone-'))).toEqual([]);
    await expect(registry.deleteTopic('gone')).rejects.toMatchObject({ errorCode: 3 });
    await registry.createTopic({ name: 'gone', numPartitions: 1, replicationFactor: 1 });
    expect(registry.partition('gone', 0)!.highWatermark).toBe(0n);
  });

  it('auto-creates only when the request allows it and the broker has it on', async () => {
    expect(await registry.getOrCreate('auto', false)).toBeUndefined();
    const [a, b] = await Promise.all([registry.getOrCreate('auto', true), registry.getOrCreate('auto', true)]);
    expect(a).toEqual(b);
    expect(a?.partitions).toBe(2);
    await expect(registry.getOrCreate('bad name', true)).rejects.toMatchObject({ errorCode: 17 });
    await registry.stop();
    registry = new TopicRegistry(settings({ autoCreateTopics: false }));
    await registry.start();
    expect(await registry.getOrCreate('other', true)).toBeUndefined();
    expect(await registry.getOrCreate('auto', true)).toMatchObject({ name: 'auto' });
  });

  it('describes every supported config with its source', async () => {
    await registry.createTopic({ name: 'c', numPartitions: 1, replicationFactor: 1, configs: { 'message.timestamp.type': 'LogAppendTime' } });
    const entries = registry.describeConfigs('c');
    expect(entries.find((e) => e.name === 'message.timestamp.type')).toMatchObject({ value: 'LogAppendTime', source: 'TOPIC_CONFIG', isDefault: false });
    expect(entries.find((e) => e.name === 'retention.ms')).toMatchObject({ source: 'DEFAULT_CONFIG', isDefault: true });
    expect(() => registry.describeConfigs('nope')).toThrow(expect.objectContaining({ errorCode: 3 }));
  });

  it('removes partition directories of topics the topic list does not know at start', async () => {
    await registry.stop();
    await mkdir(join(dir.path, 'orphan-0'));
    await mkdir(join(dir.path, 'not_a_partition_dir'));
    registry = new TopicRegistry(settings());
    await registry.start();
    const names = await readdir(dir.path);
    expect(names).not.toContain('orphan-0');
    expect(names).toContain('not_a_partition_dir');
  });

  it('refuses to start on an unreadable topic list rather than forgetting the topics', async () => {
    await registry.stop();
    await writeFile(join(dir.path, 'topics.json'), '{"version": 1, "topics": [');
    registry = new TopicRegistry(settings());
    await expect(registry.start()).rejects.toThrow(/topics.json is not valid JSON/);
    expect(await readFile(join(dir.path, 'topics.json'), 'utf8')).toContain('"topics": [');
  });

  it('refuses a second registry on the same data directory while the first runs, and takes over a dead owner\'s lock', async () => {
    const second = new TopicRegistry(settings());
    await expect(second.start()).rejects.toThrow(/in use by process/);
    await registry.stop();
    await writeFile(join(dir.path, '.lock'), '999999999\n');
    await second.start();
    await second.stop();
    registry = new TopicRegistry(settings());
    await registry.start();
  });
});
