import type { ConsumerGroupChange, GroupStore, StoredGroup, StoredOffset } from '../persistence/group-store';
import type { OffsetsTopicChanges } from './offsets-topic-changes';
import type { OffsetsTopicWriter } from './offsets-topic-writer';

/**
 * The group store the coordinator writes through: each change goes to the durable group log, whose promise the
 * coordinator waits for before it acknowledges, and, as Kafka's records, to `__consumer_offsets` behind it. The topic
 * is written behind the acknowledgement, not before it: waiting for the topic too put a write to up to 50 more files
 * into every commit's path, and on ext4 each group-log fsync then had to flush them as well, which cut commits/s by
 * half or more (bench/coordinator/offset-commits.ts). Nothing acknowledged can go missing from the topic for long: the
 * writer sends within its linger, and a crash before that is repaired at the next start, which appends whatever the
 * topic lacks of the group log (offsets-topic-reconciler).
 */
export class OffsetsTopicGroupStore implements GroupStore {
  /** The group log's promise for its batch being written, and the topic's changes waiting for it, in call order. */
  private waitingFor: Promise<void> | null = null;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly log: GroupStore,
    private readonly changes: OffsetsTopicChanges,
    private readonly writer: OffsetsTopicWriter,
  ) {}

  /*
   * Each method hands the change to the topic once the group log has it. The group log settles changes in call order,
   * so the topic gets them in call order too, and a change the log refused is never written. The group log's own
   * promise is what the caller gets back.
   */

  saveGroup(group: StoredGroup): Promise<void> {
    return this.afterDurable(this.log.saveGroup(group), () => this.writer.write(group.groupId, this.changes.saveGroup(group)));
  }

  saveOffsets(groupId: string, offsets: readonly StoredOffset[]): Promise<void> {
    return this.afterDurable(this.log.saveOffsets(groupId, offsets), () => {
      this.changes.saveOffsets(groupId, offsets);
      this.writer.writeOffsets(groupId, offsets);
    });
  }

  removeOffsets(groupId: string, partitions: readonly { topic: string; partition: number }[]): Promise<void> {
    return this.afterDurable(this.log.removeOffsets(groupId, partitions), () => this.writer.write(groupId, this.changes.removeOffsets(groupId, partitions)));
  }

  removeGroup(groupId: string): Promise<void> {
    return this.afterDurable(this.log.removeGroup(groupId), () => this.writer.write(groupId, this.changes.removeGroup(groupId)));
  }

  // KIP-848 membership goes to the group log only. Kafka writes it to `__consumer_offsets` as record types of its
  // own (key versions 3-8), which the tools that read the topic (Burrow 1.2.1) skip; offsets of consumer-protocol
  // groups are mirrored like any others.

  saveConsumerGroup(groupId: string, change: ConsumerGroupChange): Promise<void> {
    return this.log.saveConsumerGroup(groupId, change);
  }

  removeConsumerGroup(groupId: string): Promise<void> {
    return this.log.removeConsumerGroup(groupId);
  }

  /**
   * Runs `change` once `durable` resolves, and returns `durable`. The group log gives every change of one batch the
   * same promise, so the changes of a batch wait in one list behind one reaction instead of a promise each (a
   * commit's promise and its reaction were a measurable part of every commit's cost and garbage).
   */
  private afterDurable(durable: Promise<void>, change: () => void): Promise<void> {
    if (durable !== this.waitingFor) {
      const changes: (() => void)[] = [];
      this.waitingFor = durable;
      this.waiting = changes;
      durable.then(() => {
        for (const run of changes) run();
      }, ignore);
    }
    this.waiting.push(change);
    return durable;
  }
}

/** The caller of the group store sees the failure; the topic simply does not get the change. */
function ignore(): undefined {
  return undefined;
}
