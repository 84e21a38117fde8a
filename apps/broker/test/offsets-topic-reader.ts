import { uniqueName } from '@app/testing';
import { Kafka, logLevel } from 'kafkajs';
import { decodeOffsetsTopicRecord, type DecodedOffsetsTopicRecord } from '../src/coordinator/offsets-topic/offsets-topic-records';

export type ReadRecord = DecodedOffsetsTopicRecord & { topicPartition: number; offset: bigint };

/**
 * Reads `__consumer_offsets` from the beginning with a kafkajs consumer group of its own, decoding every record, until
 * `done(records)` holds (or the time is up). The reader's own group commits too; callers filter by group.
 */
export async function readOffsetsTopic(bootstrap: string, done: (records: ReadRecord[]) => boolean, timeoutMs = 30_000): Promise<ReadRecord[]> {
  const kafka = new Kafka({ clientId: 'offsets-topic-reader', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName('offsets-reader'), maxWaitTimeInMs: 100, sessionTimeout: 10_000 });
  const records: ReadRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: ['__consumer_offsets'], fromBeginning: true });
    let resolveDone!: () => void;
    const finished = new Promise<void>((resolve) => (resolveDone = resolve));
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        records.push({ ...decodeOffsetsTopicRecord(message.key!, message.value), topicPartition: partition, offset: BigInt(message.offset) });
        if (done(records)) resolveDone();
      },
    });
    const timer = new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`__consumer_offsets never held what was expected; read ${records.length} records`)), timeoutMs).unref());
    await Promise.race([finished, timer]);
    return records;
  } finally {
    await consumer.disconnect();
  }
}

/** The latest record per key: (group, topic, partition) for offsets, group for metadata. */
export function latestByKey(records: readonly ReadRecord[]): Map<string, ReadRecord> {
  const latest = new Map<string, ReadRecord>();
  for (const r of records) latest.set(r.kind === 'offset' ? `offset ${r.group} ${r.topic} ${r.partition}` : `group ${r.group}`, r);
  return latest;
}
