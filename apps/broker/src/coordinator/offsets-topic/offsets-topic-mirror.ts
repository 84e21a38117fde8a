import type { TopicRegistry } from '../../storage/topics/topic-registry';
import type { GroupStore, LoadedGroups } from '../persistence/group-store';
import { OffsetsTopicChanges } from './offsets-topic-changes';
import { OffsetsTopicCleaner } from './offsets-topic-cleaner';
import { OffsetsTopicGroupStore } from './offsets-topic-group-store';
import { OffsetsTopicLog } from './offsets-topic-log';
import { recordsToReconcile, stateRecords } from './offsets-topic-reconciler';
import { OffsetsTopicWriter } from './offsets-topic-writer';

/**
 * How long changes gather before they are appended: long enough that a busy coordinator writes each partition's file
 * twice a second rather than once per group-log fsync (at 100 ms the topic's appends still cost about a tenth of the
 * commit rate in bench/coordinator/offset-commits.ts), short enough that readers such as Burrow, which refresh every
 * few seconds, see a commit at once by their standards.
 */
export const TOPIC_LINGER_MS = 500;

/**
 * The cleaner's defaults: look every 30 s; clean a partition once it holds 4 times more records since its last
 * snapshot than live keys (the group log's BROKER_GROUP_LOG_COMPACT_RATIO default) and at least 100,000 (about 10 MB).
 */
export const CLEANER_DEFAULTS = { intervalMs: 30_000, ratio: 4, minRecords: 100_000 };

export interface OffsetsTopicMirror {
  /** The store the coordinator writes through (group log, then topic). */
  store: GroupStore;
  writer: OffsetsTopicWriter;
  cleaner: OffsetsTopicCleaner;
  /** Records appended at start to bring the topic level with the group log. */
  reconciled: number;
  /** Stops the cleaner and sends what the writer holds; call before storage closes. */
  close(): Promise<void>;
}

/**
 * Puts `__consumer_offsets` beside the group log: starts storage (the topic must exist before the coordinator takes
 * a request), opens or creates the topic, appends whatever the topic lacks of the loaded state (and tombstones for
 * what the state no longer has), starts the cleaner, and returns the store that writes every later change to both.
 */
export async function mirrorToOffsetsTopic(options: {
  log: GroupStore;
  loaded: LoadedGroups;
  /** The group log's live state now (for the cleaner's snapshots). */
  state: () => LoadedGroups;
  topics: TopicRegistry;
  partitions: number;
  onCountMismatch: (existing: number) => void;
  /** A write to the topic failed (the next start repairs the topic from the group log). */
  onTopicError: (error: Error) => void;
  /** How long the writer gathers records before it appends them; default TOPIC_LINGER_MS. */
  lingerMs?: number;
  /** Overrides of CLEANER_DEFAULTS (tests clean small partitions often). */
  cleaner?: Partial<typeof CLEANER_DEFAULTS>;
}): Promise<OffsetsTopicMirror> {
  await options.topics.start();
  const topic = await OffsetsTopicLog.open(options.topics, options.partitions, options.onCountMismatch);
  const writer = new OffsetsTopicWriter(topic.partitionCount, (partition, batch) => topic.append(partition, batch), options.onTopicError, options.lingerMs ?? TOPIC_LINGER_MS);
  const expected = new Map<number, ReturnType<typeof stateRecords>>();
  for (const e of stateRecords(options.loaded)) {
    const p = writer.partitionFor(e.groupId);
    let list = expected.get(p);
    if (!list) expected.set(p, (list = []));
    list.push(e);
  }
  let reconciled = 0;
  for (let p = 0; p < topic.partitionCount; p++) {
    const missing = recordsToReconcile(await topic.latestValues(p), expected.get(p) ?? []);
    reconciled += missing.length;
    for (const { groupId, record } of missing) writer.write(groupId, [record]);
  }
  await writer.drain();
  const store = new OffsetsTopicGroupStore(options.log, new OffsetsTopicChanges(options.loaded), writer);
  const cleaner = new OffsetsTopicCleaner({ ...CLEANER_DEFAULTS, ...options.cleaner, topic, writer, state: options.state, onError: options.onTopicError });
  cleaner.start();
  return {
    store,
    writer,
    cleaner,
    reconciled,
    async close() {
      await cleaner.stop();
      await writer.close();
    },
  };
}
