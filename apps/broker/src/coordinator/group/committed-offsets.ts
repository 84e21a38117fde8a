import type { CommittedOffset } from './group';

/** A committed offset with its topic-partition (as stored and as listed). */
export type TopicPartitionOffset = CommittedOffset & { topic: string; partition: number };

/**
 * Records `o` in offsets kept by topic, then partition. A partition seen before has its object overwritten in place,
 * so a commit leaves no replaced object behind for the old generation to collect; `create` makes the first one.
 */
export function putCommittedOffset<T extends CommittedOffset>(byTopic: Map<string, Map<number, T>>, o: TopicPartitionOffset, create: (o: TopicPartitionOffset) => T): void {
  let partitions = byTopic.get(o.topic);
  if (!partitions) byTopic.set(o.topic, (partitions = new Map()));
  const kept = partitions.get(o.partition);
  if (!kept) {
    partitions.set(o.partition, create(o));
    return;
  }
  kept.offset = o.offset;
  kept.leaderEpoch = o.leaderEpoch;
  kept.metadata = o.metadata;
  kept.commitTimestamp = o.commitTimestamp;
  kept.expireTimestamp = o.expireTimestamp;
}

/** Every committed offset, in topic and then partition order (OffsetFetch of all partitions, the admin views). */
export function sortedOffsets(byTopic: ReadonlyMap<string, ReadonlyMap<number, CommittedOffset>>): TopicPartitionOffset[] {
  const out: TopicPartitionOffset[] = [];
  for (const topic of [...byTopic.keys()].sort()) {
    const partitions = byTopic.get(topic)!;
    for (const partition of [...partitions.keys()].sort((a, b) => a - b)) out.push({ topic, partition, ...partitions.get(partition)! });
  }
  return out;
}

/** Forgets one partition's offset, and the topic once it has none left. */
export function forgetOffset(byTopic: Map<string, Map<number, CommittedOffset>>, topic: string, partition: number): void {
  const partitions = byTopic.get(topic);
  if (!partitions) return;
  partitions.delete(partition);
  if (partitions.size === 0) byTopic.delete(topic);
}
