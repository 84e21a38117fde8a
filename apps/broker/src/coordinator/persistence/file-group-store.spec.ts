import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileGroupStore, GROUP_LOG_FILE } from './file-group-store';
import type { StoredConsumerMember, StoredGroup, StoredOffset } from './group-store';

const offset = (topic: string, partition: number, value: bigint): StoredOffset => ({
  topic,
  partition,
  offset: value,
  leaderEpoch: 3,
  metadata: 'm',
  commitTimestamp: 1_700_000_000_000,
  expireTimestamp: null,
});

const group = (generationId: number): StoredGroup => ({
  groupId: 'g',
  protocolType: 'consumer',
  generationId,
  protocolName: 'range',
  leaderId: 'a',
  currentStateTimestamp: 5,
  members: [
    { memberId: 'a', groupInstanceId: 'i', clientId: 'c', clientHost: '/1.2.3.4', rebalanceTimeoutMs: 1, sessionTimeoutMs: 2, subscription: Buffer.from([0, 1, 2]), assignment: Buffer.from([9]) },
  ],
});

const consumerMember = (memberId: string, epoch: number, partitions: number[]): StoredConsumerMember => ({
  memberId,
  instanceId: null,
  rackId: null,
  clientId: 'c',
  clientHost: '/127.0.0.1',
  rebalanceTimeoutMs: 30_000,
  subscribedTopicNames: ['t'],
  subscribedTopicRegex: null,
  serverAssignor: null,
  epoch,
  previousEpoch: epoch - 1,
  state: 'stable',
  assigned: [{ topic: 't', partitions }],
  revoking: [],
  target: [{ topic: 't', partitions }],
  leftTemporarily: false,
});

describe('FileGroupStore', () => {
  let dir: string;
  const options = () => ({ dir, fsync: true, compactRatio: 4, compactMinBytes: 0 });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'group-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['replayed record by record', 1 << 30],
    ['compacted along the way', 0],
  ])('keeps KIP-848 groups member by member: %s', async (_name, compactMinBytes) => {
    const store = new FileGroupStore({ ...options(), compactMinBytes });
    await store.open();
    const metadata = (groupEpoch: number) => ({ groupEpoch, assignmentEpoch: groupEpoch, assignorName: 'uniform', subscribedTopics: [['t', 4]] as [string, number][] });
    await store.saveConsumerGroup('k', { metadata: metadata(1), members: [consumerMember('a', 1, [0, 1, 2, 3])], removedMembers: [] });
    await store.saveConsumerGroup('k', { metadata: metadata(2), members: [consumerMember('b', 2, [2, 3])], removedMembers: [] });
    await store.saveConsumerGroup('k', { metadata: metadata(3), members: [consumerMember('a', 3, [0, 1]), consumerMember('c', 3, [])], removedMembers: ['b'] });
    await store.saveOffsets('k', [offset('t', 0, 7n)]);
    await store.saveConsumerGroup('gone', { metadata: metadata(1), members: [consumerMember('x', 1, [0])], removedMembers: [] });
    await store.removeConsumerGroup('gone');
    await store.close();
    expect(store.compactions > 0).toBe(compactMinBytes === 0);

    const reopened = new FileGroupStore(options());
    const { loaded } = await reopened.open();
    expect([...loaded.groups.keys()]).toEqual(['k']);
    expect(loaded.groups.get('k')).toEqual({
      group: null,
      consumer: { metadata: metadata(3), members: [consumerMember('a', 3, [0, 1]), consumerMember('c', 3, [])] },
      offsets: [offset('t', 0, 7n)],
    });
    await reopened.close();
  });

  it('replays groups, offsets, removals and tombstones after reopening', async () => {
    const store = new FileGroupStore({ ...options(), compactMinBytes: 1 << 30 });
    await store.open();
    await store.saveGroup(group(1));
    await store.saveGroup(group(2));
    await Promise.all([store.saveOffsets('g', [offset('t', 0, 10n), offset('t', 1, 11n)]), store.saveOffsets('h', [offset('t', 0, 5n)])]);
    await store.saveOffsets('g', [offset('t', 0, 12n)]);
    await store.removeOffsets('g', [{ topic: 't', partition: 1 }]);
    await store.removeGroup('h');
    await store.close();

    const reopened = new FileGroupStore(options());
    const { loaded, truncatedBytes } = await reopened.open();
    expect(truncatedBytes).toBe(0);
    expect([...loaded.groups.keys()]).toEqual(['g']);
    const g = loaded.groups.get('g')!;
    expect(g.group).toEqual(group(2));
    expect(g.offsets).toEqual([offset('t', 0, 12n)]);
    await reopened.close();
  });

  it('drops a torn or corrupt tail and keeps appending after the valid prefix', async () => {
    const store = new FileGroupStore(options());
    await store.open();
    await store.saveOffsets('g', [offset('t', 0, 1n)]);
    await store.close();
    const path = join(dir, GROUP_LOG_FILE);
    const intact = (await stat(path)).size;
    await appendFile(path, Buffer.from([0, 0, 0, 50, 1, 2, 3]));

    const reopened = new FileGroupStore(options());
    const { loaded, truncatedBytes } = await reopened.open();
    expect(truncatedBytes).toBe(7);
    expect((await stat(path)).size).toBe(intact);
    await reopened.saveOffsets('g', [offset('t', 0, 2n)]);
    await reopened.close();

    const data = await readFile(path);
    data[data.length - 3] ^= 0xff;
    await writeFile(path, data);
    const third = new FileGroupStore(options());
    const after = await third.open();
    expect(after.loaded.groups.get('g')!.offsets[0].offset).toBe(1n);
    expect(loaded.groups.get('g')!.offsets[0].offset).toBe(1n);
    await third.close();
  });

  it('compacts a log dominated by overwritten records without losing live state', async () => {
    const store = new FileGroupStore({ ...options(), compactRatio: 2, compactMinBytes: 4_096 });
    await store.open();
    for (let i = 0; i < 400; i++) await store.saveOffsets('g', [offset('t', i % 4, BigInt(i))]);
    await store.saveGroup(group(7));
    expect(store.compactions).toBeGreaterThan(0);
    expect(store.fileSize).toBeLessThan(4_096 * 2);
    await store.close();

    const reopened = new FileGroupStore(options());
    const { loaded } = await reopened.open();
    expect(loaded.groups.get('g')!.offsets.map((o) => o.offset).sort()).toEqual([396n, 397n, 398n, 399n]);
    expect(loaded.groups.get('g')!.group!.generationId).toBe(7);
    await reopened.close();
  });

  it('batches concurrent writes and resolves each only once it is on disk', async () => {
    const store = new FileGroupStore({ ...options(), compactMinBytes: 1 << 30 });
    await store.open();
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.saveOffsets(`g${i}`, [offset('t', 0, BigInt(i))])));
    await store.close();
    const reopened = new FileGroupStore(options());
    const { loaded } = await reopened.open();
    expect(loaded.groups.size).toBe(200);
    await reopened.close();
  });

  it('keeps its own copy of committed offsets, whatever the caller does with its objects afterwards', async () => {
    const store = new FileGroupStore({ ...options(), compactRatio: 2, compactMinBytes: 1 });
    await store.open();
    const committed = offset('t', 0, 5n);
    await store.saveOffsets('g', [committed]);
    committed.offset = 99n;
    // Compaction rewrites the file from the live state.
    await store.saveOffsets('g', [offset('t', 1, 6n)]);
    await store.close();
    expect(store.compactions).toBeGreaterThanOrEqual(1);
    const reopened = new FileGroupStore(options());
    const { loaded } = await reopened.open();
    expect(loaded.groups.get('g')!.offsets.map((o) => [o.partition, o.offset])).toEqual([
      [0, 5n],
      [1, 6n],
    ]);
    await reopened.close();
  });

  it('refuses writes after close', async () => {
    const store = new FileGroupStore(options());
    await store.open();
    await store.close();
    await expect(store.saveGroup(group(1))).rejects.toThrow('not open');
  });

  it('accepts writes that arrive while a compaction swaps the file', async () => {
    const store = new FileGroupStore({ ...options(), compactRatio: 2, compactMinBytes: 1 });
    await store.open();
    // The first write makes the log big enough to compact; its resolution runs while the compaction has begun.
    const second = await store.saveOffsets('g', [offset('t', 0, 1n)]).then(() => store.saveOffsets('g', [offset('t', 1, 2n)]));
    expect(second).toBeUndefined();
    await store.close();
    expect(store.compactions).toBeGreaterThanOrEqual(1);
    const reopened = new FileGroupStore(options());
    const { loaded } = await reopened.open();
    expect(loaded.groups.get('g')!.offsets.map((o) => o.offset)).toEqual([1n, 2n]);
    await reopened.close();
  });
});
