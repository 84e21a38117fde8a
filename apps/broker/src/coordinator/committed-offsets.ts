import type { CommittedOffset } from './group';
import type { StoredOffset } from './persistence/group-store';

/**
 * Records `o` in offsets kept by topic, then partition. A partition seen before has its object overwritten in place,
 * so a commit leaves no replaced object behind for the old generation to collect; `create` makes the first one.
 */
export function putCommittedOffset<T extends CommittedOffset>(byTopic: Map<string, Map<number, T>>, o: StoredOffset, create: (o: StoredOffset) => T): void {
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
