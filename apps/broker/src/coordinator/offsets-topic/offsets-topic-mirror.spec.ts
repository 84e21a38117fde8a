import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storageSettingsFromEnv } from '../../storage/topics/storage-settings';
import { TopicRegistry } from '../../storage/topics/topic-registry';
import { FileGroupStore } from '../persistence/file-group-store';
import type { StoredOffset } from '../persistence/group-store';
import { needsCleaning } from './offsets-topic-cleaner';
import { OffsetsTopicLog } from './offsets-topic-log';
import { mirrorToOffsetsTopic, type OffsetsTopicMirror } from './offsets-topic-mirror';
import { OFFSETS_TOPIC } from './offsets-topic-partition';
import { recordsToReconcile, stateRecords } from './offsets-topic-reconciler';

const offset = (partition: number, value: number): StoredOffset => ({ topic: 't', partition, offset: BigInt(value), leaderEpoch: -1, metadata: '', commitTimestamp: 1_700_000_000_000 + value, expireTimestamp: null });

/**
 * The mirror over the real group log and partition logs in a temp dir (no broker, no sockets): the invariant is that
 * every partition of the topic, read from its start, holds exactly the group log's live state as its latest records.
 */
describe('__consumer_offsets mirror and cleaner', () => {
  let dir: string;
  let topics: TopicRegistry;
  let log: FileGroupStore;
  let mirror: OffsetsTopicMirror | undefined;

  async function open(): Promise<OffsetsTopicMirror> {
    topics = new TopicRegistry({ ...storageSettingsFromEnv({}), dataDir: dir, flushIntervalMs: 0 });
    log = new FileGroupStore({ dir: join(dir, '__coordinator'), fsync: false, compactRatio: 4, compactMinBytes: 1 << 30 });
    const { loaded } = await log.open();
    return mirrorToOffsetsTopic({
      log,
      loaded,
      state: () => log.snapshot(),
      topics,
      partitions: 3,
      onCountMismatch: () => undefined,
      onTopicError: (error) => {
        throw error;
      },
      lingerMs: 0,
      cleaner: { intervalMs: 3_600_000, ratio: 2, minRecords: 10 },
    });
  }

  async function close(): Promise<void> {
    await log.close();
    await mirror?.close();
    mirror = undefined;
    await topics.stop();
  }

  /** What a reader starting at each partition's log start would still have to be told: nothing. */
  async function missing(m: OffsetsTopicMirror): Promise<number> {
    const byPartition = new Map<number, ReturnType<typeof stateRecords>>();
    for (const e of stateRecords(log.snapshot())) {
      const p = m.writer.partitionFor(e.groupId);
      byPartition.set(p, [...(byPartition.get(p) ?? []), e]);
    }
    let n = 0;
    for (let p = 0; p < 3; p++) {
      const latest = await latestValuesOf(p);
      n += recordsToReconcile(latest, byPartition.get(p) ?? []).length;
    }
    return n;
  }

  async function latestValuesOf(partition: number) {
    // The same reader the mirror uses at start.
    const topic = await OffsetsTopicLog.open(topics, 3, () => undefined);
    return topic.latestValues(partition);
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'offsets-topic-'));
  });

  afterEach(async () => {
    await close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('cleans only a partition that grew past its live state', () => {
    expect(needsCleaning(10n, 0, 2, 10)).toBe(false);
    expect(needsCleaning(11n, 0, 2, 10)).toBe(true);
    expect(needsCleaning(30n, 20, 2, 10)).toBe(false);
    expect(needsCleaning(41n, 20, 2, 10)).toBe(true);
  });

  it('keeps the topic equal to the group log through commits, deletes, cleaning and a restart', async () => {
    mirror = await open();
    expect(topics.describeTopic(OFFSETS_TOPIC)?.partitions).toBe(3);
    for (let i = 0; i < 40; i++) await mirror.store.saveOffsets(`g${i % 4}`, [offset(i % 2, i)]);
    await mirror.store.removeOffsets('g1', [{ topic: 't', partition: 1 }]);
    await mirror.store.removeGroup('g2');
    await mirror.writer.drain();
    expect(await missing(mirror)).toBe(0);

    // Two cleanings: the first re-appends the live state, the second also trims everything before the first one.
    for (let i = 40; i < 80; i++) await mirror.store.saveOffsets(`g${i % 4}`, [offset(i % 2, i)]);
    await mirror.writer.drain();
    const before = [0, 1, 2].map((p) => topics.partition(OFFSETS_TOPIC, p)!.logStartOffset);
    expect(await mirror.cleaner.clean()).toBeGreaterThan(0);
    for (let i = 80; i < 120; i++) await mirror.store.saveOffsets(`g${i % 4}`, [offset(i % 2, i)]);
    await mirror.writer.drain();
    expect(await mirror.cleaner.clean()).toBeGreaterThan(0);
    const after = [0, 1, 2].map((p) => topics.partition(OFFSETS_TOPIC, p)!.logStartOffset);
    expect(after.some((start, p) => start > before[p])).toBe(true);
    expect(await missing(mirror)).toBe(0);

    // A restart finds the topic level with the group log: nothing to append.
    await close();
    mirror = await open();
    expect(mirror.reconciled).toBe(0);
    expect(await missing(mirror)).toBe(0);
  });

  it('appends at start what the topic lacks of the group log, and tombstones what the log no longer has', async () => {
    mirror = await open();
    for (let i = 0; i < 8; i++) await mirror.store.saveOffsets(`g${i % 4}`, [offset(0, i)]);
    await close();
    // Changes the topic never saw (as after a crash between the group log's fsync and the topic's append).
    log = new FileGroupStore({ dir: join(dir, '__coordinator'), fsync: false, compactRatio: 4, compactMinBytes: 1 << 30 });
    await log.open();
    await log.saveOffsets('g0', [offset(0, 100)]);
    await log.removeGroup('g1');
    await log.close();
    mirror = await open();
    // g0's new offset, and a tombstone for g1's offset (g1 only ever committed, so it has no group record to remove).
    expect(mirror.reconciled).toBe(2);
    expect(await missing(mirror)).toBe(0);
  });
});
