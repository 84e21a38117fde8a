import type { LoadedGroups } from '../persistence/group-store';
import { groupMetadataRecord, offsetCommitRecord, offsetTombstone, groupTombstone, decodeOffsetsTopicRecord, type OffsetsTopicRecord } from './offsets-topic-records';

/** The latest value per key found in one partition of the topic, keyed by the key's bytes in hex. */
export type LatestValues = Map<string, { key: Buffer; value: Buffer | null }>;

/** Every record the topic must hold for the stored state: each group's metadata and each committed offset. */
export function stateRecords(loaded: LoadedGroups): { groupId: string; record: OffsetsTopicRecord }[] {
  const out: { groupId: string; record: OffsetsTopicRecord }[] = [];
  for (const [groupId, { group, offsets }] of loaded.groups) {
    if (group) out.push({ groupId, record: groupMetadataRecord(group) });
    for (const o of offsets) out.push({ groupId, record: offsetCommitRecord(groupId, o) });
  }
  return out;
}

/**
 * What to append so that the latest record per key in the topic equals the stored state: the state's records whose
 * bytes differ from the latest ones (or are missing), then a tombstone for every key that still has a value in the
 * topic but not in the state. The group log is the durable store and the topic follows it; this closes the gaps a
 * crash can leave between the two (a commit made durable in the group log whose topic append never ran, since the
 * acknowledgement waits for both) and fills the topic on the first start of a data directory that predates it.
 */
export function recordsToReconcile(latest: LatestValues, expected: readonly { groupId: string; record: OffsetsTopicRecord }[]): { groupId: string; record: OffsetsTopicRecord }[] {
  const out: { groupId: string; record: OffsetsTopicRecord }[] = [];
  const wanted = new Set<string>();
  for (const e of expected) {
    const hex = e.record.key.toString('hex');
    wanted.add(hex);
    const have = latest.get(hex)?.value;
    if (!have || !e.record.value || !have.equals(e.record.value)) out.push(e);
  }
  for (const [hex, { key, value }] of latest) {
    if (value === null || wanted.has(hex)) continue;
    let decoded;
    try {
      decoded = decodeOffsetsTopicRecord(key, null);
    } catch {
      continue; // A key no version of Kafka writes: leave it alone.
    }
    const record = decoded.kind === 'offset' ? offsetTombstone(decoded.group, decoded.topic, decoded.partition) : groupTombstone(decoded.group);
    out.push({ groupId: decoded.group, record });
  }
  return out;
}
