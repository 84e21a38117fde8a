/** Kafka's name for the internal topic of group metadata and committed offsets (Topic.GROUP_METADATA_TOPIC_NAME). */
export const OFFSETS_TOPIC = '__consumer_offsets';

/**
 * Java's `String.hashCode()`: `s[0]*31^(n-1) + ... + s[n-1]` over UTF-16 code units, in 32-bit two's complement.
 * JavaScript strings are UTF-16 too, so charCodeAt gives the same units Java sees (surrogate pairs included).
 */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * The `__consumer_offsets` partition of a group, as Apache Kafka's GroupMetadataManager.partitionFor computes it:
 * `Utils.abs(groupId.hashCode) % groupMetadataTopicPartitionCount`. Kafka's Utils.abs maps Integer.MIN_VALUE to 0
 * (where Math.abs would stay negative), so the result is always a valid partition.
 */
export function offsetsTopicPartitionFor(groupId: string, partitionCount: number): number {
  const h = javaStringHashCode(groupId);
  const abs = h === -0x80000000 ? 0 : Math.abs(h);
  return abs % partitionCount;
}
