import type { LoadedGroups } from '../persistence/group-store';
import type { OffsetsTopicLog } from './offsets-topic-log';
import { stateRecords } from './offsets-topic-reconciler';
import type { OffsetsTopicWriter } from './offsets-topic-writer';

export interface OffsetsTopicCleanerOptions {
  topic: OffsetsTopicLog;
  writer: OffsetsTopicWriter;
  /** The group log's live state now. */
  state: () => LoadedGroups;
  /** Clean a partition once it holds this many times more records since its last snapshot than live keys... */
  ratio: number;
  /** ...and at least this many. */
  minRecords: number;
  intervalMs: number;
  onError: (error: Error) => void;
}

/** Whether a partition has grown enough past its live state to be worth cleaning (pure). */
export function needsCleaning(recordsSinceSnapshot: bigint, liveRecords: number, ratio: number, minRecords: number): boolean {
  return recordsSinceSnapshot > BigInt(Math.max(minRecords, ratio * liveRecords));
}

/**
 * Keeps `__consumer_offsets` from growing forever, standing in for Kafka's compacting LogCleaner, which this broker's
 * logs do not have. Kafka's guarantee to readers is that reading a partition from its start gives the latest record of
 * every key. The cleaner keeps it by re-appending a partition's live state (a snapshot of the group log: every
 * group's metadata and committed offsets) once the partition has grown well past it, and then moving the log start
 * (DeleteRecords' mechanism) to the start of the previous snapshot: everything before that is superseded by two
 * snapshots. Trimming one generation behind, not at the snapshot just written, leaves a reader that is a little
 * behind (Burrow reads as records arrive) a whole cleaning interval before it would fall below the log start. Unlike
 * Kafka's cleaner, offsets are not kept: a reader below the log start gets OFFSET_OUT_OF_RANGE and starts over.
 * Tombstones older than the previous snapshot go with it (Kafka drops them after delete.retention.ms).
 */
export class OffsetsTopicCleaner {
  /** Where the latest snapshot of each partition starts, and how many records it had. */
  private readonly snapshots = new Map<number, { start: bigint; records: number }>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> = Promise.resolve(0);

  constructor(private readonly options: OffsetsTopicCleanerOptions) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.clean()).catch((error: Error) => (this.options.onError(error), 0));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass: cleans every partition that needs it; returns how many it cleaned. */
  async clean(): Promise<number> {
    const { topic, writer, ratio, minRecords } = this.options;
    const due: number[] = [];
    for (let p = 0; p < topic.partitionCount; p++) {
      const last = this.snapshots.get(p);
      const since = topic.endOffset(p) - (last?.start ?? topic.startOffset(p));
      if (needsCleaning(since, last?.records ?? 0, ratio, minRecords)) due.push(p);
    }
    if (due.length === 0) return 0;
    const byPartition = new Map<number, ReturnType<typeof stateRecords>>(due.map((p) => [p, []]));
    for (const e of stateRecords(this.options.state())) byPartition.get(writer.partitionFor(e.groupId))?.push(e);
    const starts = new Map<number, bigint>();
    for (const [p, records] of byPartition) {
      // Every record the snapshot supersedes is below the partition's end now: the writer appends in call order, and
      // a change still on its way to the writer is written after the snapshot, which it then supersedes in turn.
      starts.set(p, topic.endOffset(p));
      for (const { groupId, record } of records) writer.write(groupId, [record]);
    }
    // Trim only once the snapshot is written (drain rejects if an append failed).
    await writer.drain();
    for (const [p, start] of starts) {
      const previous = this.snapshots.get(p);
      if (previous) await topic.deleteRecordsBefore(p, previous.start);
      this.snapshots.set(p, { start, records: byPartition.get(p)!.length });
    }
    return due.length;
  }
}
