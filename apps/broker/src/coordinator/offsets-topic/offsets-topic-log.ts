import { decodeRecordBatch, readRecordBatchHeader, recordBatchSize } from '@app/kafka-protocol';
import { StorageError, StorageErrorCode } from '../../storage/files/storage-error';
import type { TopicRegistry } from '../../storage/topics/topic-registry';
import { OFFSETS_TOPIC } from './offsets-topic-partition';
import type { LatestValues } from './offsets-topic-reconciler';

/**
 * Configs of `__consumer_offsets`. As Kafka creates it: offsets.topic.segment.bytes (100 MiB), and nothing deleted by
 * time or size (Kafka's is cleanup.policy=compact; this broker has no compacting cleaner, so retention is off).
 * flush.ms 1000 instead of an fsync per append: the group log is fsynced before every acknowledgement and the topic is
 * rebuilt from it at start, so an fsync here would buy nothing but a second disk flush per commit batch and
 * partition (with 50 partitions it cut commits/s by half). Kafka itself never fsyncs this topic (flush.ms defaults to
 * Long.MAX_VALUE; replication makes it durable).
 */
const TOPIC_CONFIGS = { 'retention.ms': '-1', 'retention.bytes': '-1', 'segment.bytes': String(100 * 1024 * 1024), 'flush.ms': '1000' };

const READ_BYTES = 1024 * 1024;

/** `__consumer_offsets` in the broker's storage: created at start, appended to, read back. */
export class OffsetsTopicLog {
  private constructor(
    private readonly topics: TopicRegistry,
    readonly partitionCount: number,
  ) {}

  /**
   * Opens the topic, creating it with `partitions` partitions if it does not exist. An existing topic keeps its count
   * (`onCountMismatch` is told): moving groups to other partitions would strand their records, which is why Kafka
   * forbids changing offsets.topic.num.partitions once the topic exists.
   */
  static async open(topics: TopicRegistry, partitions: number, onCountMismatch: (existing: number) => void): Promise<OffsetsTopicLog> {
    const existing = topics.describeTopic(OFFSETS_TOPIC);
    if (existing) {
      if (existing.partitions !== partitions) onCountMismatch(existing.partitions);
      return new OffsetsTopicLog(topics, existing.partitions);
    }
    try {
      const created = await topics.createTopic({ name: OFFSETS_TOPIC, numPartitions: partitions, replicationFactor: -1, configs: TOPIC_CONFIGS });
      return new OffsetsTopicLog(topics, created.partitions);
    } catch (error) {
      throw new Error(`cannot create ${OFFSETS_TOPIC} with ${partitions} partitions (BROKER_OFFSETS_TOPIC_NUM_PARTITIONS): ${(error as Error).message}`);
    }
  }

  /** Resolves once written (readers see it then: flush.ms is above 0). */
  async append(partition: number, batch: Buffer): Promise<void> {
    const log = this.topics.partition(OFFSETS_TOPIC, partition);
    if (!log) throw new StorageError(StorageErrorCode.kafkaStorageError, `${OFFSETS_TOPIC}-${partition} does not exist`);
    await log.append(batch);
  }

  /** Offset of the first record a reader can fetch from the partition. */
  startOffset(partition: number): bigint {
    return this.topics.partition(OFFSETS_TOPIC, partition)?.logStartOffset ?? 0n;
  }

  /** Offset the next record appended to the partition gets once written (its high watermark). */
  endOffset(partition: number): bigint {
    return this.topics.partition(OFFSETS_TOPIC, partition)?.highWatermark ?? 0n;
  }

  /** Moves the partition's log start to `offset` (DeleteRecords' mechanism), dropping whole segments below it. */
  async deleteRecordsBefore(partition: number, offset: bigint): Promise<void> {
    await this.topics.partition(OFFSETS_TOPIC, partition)?.deleteRecordsBefore(offset);
  }

  /** The latest value of every key in one partition, reading it from its log start to its end. */
  async latestValues(partition: number): Promise<LatestValues> {
    const latest: LatestValues = new Map();
    const log = this.topics.partition(OFFSETS_TOPIC, partition);
    if (!log) return latest;
    let offset = log.logStartOffset;
    while (offset < log.highWatermark) {
      const read = await log.read(offset, READ_BYTES);
      try {
        if (read.errorCode !== 0 || read.records.length === 0) break;
        for (let at = 0; at < read.records.length; at += recordBatchSize(read.records, at)) {
          const header = readRecordBatchHeader(read.records, at);
          for (const r of decodeRecordBatch(read.records, at)) if (r.key) latest.set(r.key.toString('hex'), { key: r.key, value: r.value });
          offset = header.baseOffset + BigInt(header.lastOffsetDelta) + 1n;
        }
      } finally {
        read.release();
      }
    }
    return latest;
  }
}
