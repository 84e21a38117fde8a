import type { LoadedGroups, StoredGroup, StoredOffset } from '../persistence/group-store';
import { groupMetadataRecord, groupTombstone, offsetTombstone, type OffsetsTopicRecord } from './offsets-topic-records';

/** Offsets of one group whose record in the topic has a value (partitions by topic); and whether its metadata has one. */
interface LiveKeys {
  group: boolean;
  offsets: Map<string, Set<number>>;
}

/**
 * Turns the group store's changes into `__consumer_offsets` records, without I/O. It remembers which keys hold a
 * value, because removing a group from the store (DeleteGroups, or the retention sweep dropping an empty group) names
 * only the group, while Kafka writes a tombstone for each of its offsets and for its metadata
 * (GroupMetadataManager.cleanupGroupMetadata).
 */
export class OffsetsTopicChanges {
  private readonly live = new Map<string, LiveKeys>();

  /** Starts from the state the store loaded. */
  constructor(loaded?: LoadedGroups) {
    for (const [groupId, { group, offsets }] of loaded?.groups ?? []) {
      const keys = this.keysOf(groupId);
      keys.group = group !== null;
      for (const o of offsets) addKey(keys, o.topic, o.partition);
    }
  }

  saveGroup(group: StoredGroup): OffsetsTopicRecord[] {
    this.keysOf(group.groupId).group = true;
    return [groupMetadataRecord(group)];
  }

  /** Notes the committed keys; the writer encodes commits itself (writeOffsetCommitRecord), the hot path. */
  saveOffsets(groupId: string, offsets: readonly StoredOffset[]): void {
    const keys = this.keysOf(groupId);
    for (const o of offsets) addKey(keys, o.topic, o.partition);
  }

  removeOffsets(groupId: string, partitions: readonly { topic: string; partition: number }[]): OffsetsTopicRecord[] {
    const keys = this.live.get(groupId);
    const records = partitions.map(({ topic, partition }) => {
      const byTopic = keys?.offsets.get(topic);
      byTopic?.delete(partition);
      if (byTopic?.size === 0) keys!.offsets.delete(topic);
      return offsetTombstone(groupId, topic, partition);
    });
    if (keys && !keys.group && keys.offsets.size === 0) this.live.delete(groupId);
    return records;
  }

  removeGroup(groupId: string): OffsetsTopicRecord[] {
    const keys = this.live.get(groupId);
    this.live.delete(groupId);
    // Offsets first, then the group, in the order Kafka's cleanupGroupMetadata appends them.
    const records: OffsetsTopicRecord[] = [];
    for (const [topic, partitions] of keys?.offsets ?? []) for (const partition of partitions) records.push(offsetTombstone(groupId, topic, partition));
    records.push(groupTombstone(groupId));
    return records;
  }

  private keysOf(groupId: string): LiveKeys {
    let keys = this.live.get(groupId);
    if (!keys) this.live.set(groupId, (keys = { group: false, offsets: new Map() }));
    return keys;
  }
}

function addKey(keys: LiveKeys, topic: string, partition: number): void {
  let partitions = keys.offsets.get(topic);
  if (!partitions) keys.offsets.set(topic, (partitions = new Set()));
  partitions.add(partition);
}
