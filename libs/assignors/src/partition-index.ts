import { subscribedTopics } from './assignment-builder';
import { sortMembers } from './member-order';
import type { AssignorMember, PartitionCounts, TopicPartitions } from './types';

/**
 * Dense integer ids for every partition of every subscribed topic, and member/topic subscription tables,
 * so that the sticky assignors work on typed arrays instead of string keys.
 */
export class PartitionIndex {
  readonly members: AssignorMember[];
  readonly topics: string[];
  /** First partition id of each topic; `topicBase[topics.length]` is the total partition count. */
  readonly topicBase: Int32Array;
  /** Topic index of each partition id. */
  readonly topicOf: Int32Array;
  /** Member indices subscribed to each topic, in member order. */
  readonly subscribers: number[][];
  /** Topic indices each member subscribes to. */
  readonly memberTopics: Set<number>[];
  private readonly topicIndex = new Map<string, number>();

  constructor(members: readonly AssignorMember[], counts: PartitionCounts) {
    this.members = sortMembers(members);
    this.topics = subscribedTopics(members, counts);
    this.topicBase = new Int32Array(this.topics.length + 1);
    this.topics.forEach((topic, t) => {
      this.topicIndex.set(topic, t);
      this.topicBase[t + 1] = this.topicBase[t] + counts.get(topic)!;
    });
    this.topicOf = new Int32Array(this.partitionCount);
    for (let t = 0; t < this.topics.length; t++) this.topicOf.fill(t, this.topicBase[t], this.topicBase[t + 1]);
    this.subscribers = this.topics.map(() => []);
    this.memberTopics = this.members.map((member, m) => {
      const own = new Set<number>();
      for (const topic of member.topics) {
        const t = this.topicIndex.get(topic);
        if (t !== undefined && !own.has(t)) {
          own.add(t);
          this.subscribers[t].push(m);
        }
      }
      return own;
    });
  }

  get partitionCount(): number {
    return this.topicBase[this.topics.length];
  }

  /** Partition id, or -1 when the topic is not subscribed by anyone or the partition does not exist. */
  idOf(topic: string, partition: number): number {
    const t = this.topicIndex.get(topic);
    if (t === undefined || !Number.isInteger(partition) || partition < 0) return -1;
    const id = this.topicBase[t] + partition;
    return id < this.topicBase[t + 1] ? id : -1;
  }

  topicName(id: number): string {
    return this.topics[this.topicOf[id]];
  }

  partitionNumber(id: number): number {
    return id - this.topicBase[this.topicOf[id]];
  }

  /** Partition ids a member claims to own, skipping unknown topics and partitions. */
  ownedIds(owned: readonly TopicPartitions[] | undefined): number[] {
    const ids: number[] = [];
    for (const { topic, partitions } of owned ?? []) {
      for (const p of partitions) {
        const id = this.idOf(topic, p);
        if (id >= 0) ids.push(id);
      }
    }
    return ids;
  }
}
