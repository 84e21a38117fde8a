import { frameRecordBatch, Writer } from '@app/kafka-protocol';
import type { StoredOffset } from '../persistence/group-store';
import { offsetsTopicPartitionFor } from './offsets-topic-partition';
import { writeOffsetCommitRecord, writeOffsetsTopicRecord, type OffsetsTopicRecord } from './offsets-topic-records';

/** Appends one record batch v2 to a partition of `__consumer_offsets`; resolves once it is written. */
export type OffsetsTopicAppend = (partition: number, batch: Buffer) => Promise<void>;

/**
 * The records gathered for one partition, already encoded into one growing buffer: a change held for the linger
 * keeps no objects (nor a promise reaction) of its own alive, which the scavenger would otherwise copy and promote
 * by the thousand.
 */
interface Pending {
  records: Writer;
  count: number;
  baseTimestamp: number;
  maxTimestamp: number;
  /** The timestamp of the records being added now. */
  timestamp: number;
}

/** Start another batch for a partition past this size, well below Kafka's 1 MiB message limit. */
const MAX_BATCH_BYTES = 512 * 1024;

/**
 * The one writer of `__consumer_offsets`. Records of a group go to the group's partition (Kafka's partitionFor);
 * the records for one partition gathered over `lingerMs` go out as one batch, so thousands of commits cost one append
 * per partition per linger, not one each (Kafka's producer linger.ms, for the same reason). Order per partition is
 * the order of `write` calls (the partition log keeps appends in order): the last record per key wins, as compacted
 * readers expect. A failed append goes to `onError`; `drain` also rejects with it.
 */
export class OffsetsTopicWriter {
  private readonly pending = new Map<number, Pending>();
  private scheduled: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: Error | null = null;
  private closed = false;

  constructor(
    readonly partitionCount: number,
    private readonly append: OffsetsTopicAppend,
    private readonly onError: (error: Error) => void,
    private readonly lingerMs = 0,
    private readonly now: () => number = Date.now,
  ) {}

  partitionFor(groupId: string): number {
    return offsetsTopicPartitionFor(groupId, this.partitionCount);
  }

  /** Queues the records of one change of `groupId` (metadata, tombstones). */
  write(groupId: string, records: readonly OffsetsTopicRecord[]): void {
    if (records.length === 0) return;
    const p = this.pendingFor(groupId);
    for (const r of records) writeOffsetsTopicRecord(p.records, r, p.count++, p.timestamp - p.baseTimestamp);
  }

  /** Queues the records of acknowledged commits of `groupId`. */
  writeOffsets(groupId: string, offsets: readonly StoredOffset[]): void {
    if (offsets.length === 0) return;
    const p = this.pendingFor(groupId);
    for (const o of offsets) writeOffsetCommitRecord(p.records, groupId, o, p.count++, p.timestamp - p.baseTimestamp);
  }

  /** Sends what is gathered now, without waiting for the linger. */
  flush(): void {
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = null;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [partition, p] of batches) this.send(partition, p);
  }

  /** Sends what is gathered and waits for every append in flight; rejects if one has failed since the last drain. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
  }

  /** Drains what it holds (failures already went to onError) and drops later writes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.drain().catch(() => undefined);
  }

  /** The batch gathering for the group's partition, its `timestamp` set for the records added now. */
  private pendingFor(groupId: string): Pending {
    const partition = this.partitionFor(groupId);
    let p = this.pending.get(partition);
    if (p && p.records.length > MAX_BATCH_BYTES) {
      this.pending.delete(partition);
      this.send(partition, p);
      p = undefined;
    }
    const now = this.now();
    if (!p) this.pending.set(partition, (p = { records: new Writer(4096), count: 0, baseTimestamp: now, maxTimestamp: now, timestamp: now }));
    // Record timestamps never go below the batch's base (a clock stepping back would make the delta negative).
    p.timestamp = Math.max(now, p.baseTimestamp);
    p.maxTimestamp = Math.max(p.maxTimestamp, p.timestamp);
    // A timer, not a microtask: even at 0 it runs after the poll phase, so every request read in this tick joins.
    this.scheduled ??= setTimeout(() => this.flush(), this.lingerMs);
    return p;
  }

  private send(partition: number, p: Pending): void {
    if (this.closed && p.count === 0) return;
    const batch = frameRecordBatch({ records: p.records.toBuffer(), recordCount: p.count, baseTimestamp: BigInt(p.baseTimestamp), maxTimestamp: BigInt(p.maxTimestamp) });
    const appended = this.append(partition, batch).catch((error: Error) => {
      this.failure ??= error;
      this.onError(error);
    });
    this.inFlight.add(appended);
    void appended.finally(() => this.inFlight.delete(appended));
  }
}
