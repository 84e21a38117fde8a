import {
  readGroupMetadataKey,
  readGroupMetadataValue,
  readOffsetCommitKey,
  readOffsetCommitValue,
  Reader,
  writeGroupMetadataKey,
  writeGroupMetadataValue,
  writeOffsetCommitKey,
  writeOffsetCommitValue,
  writeRecord,
  Writer,
  type GroupMetadataValue,
  type OffsetCommitValue,
} from '@app/kafka-protocol';
import type { StoredGroup, StoredOffset } from '../persistence/group-store';

/** One record of `__consumer_offsets`: a versioned key and a versioned value, or null (a tombstone). */
export interface OffsetsTopicRecord {
  key: Buffer;
  value: Buffer | null;
}

/** A record of `__consumer_offsets` decoded; the value is null for a tombstone. */
export type DecodedOffsetsTopicRecord =
  | { kind: 'offset'; group: string; topic: string; partition: number; value: (OffsetCommitValue & { version: number }) | null }
  | { kind: 'group'; group: string; value: (GroupMetadataValue & { version: number }) | null };

/**
 * Key versions as Apache Kafka writes them (GroupMetadataManager / GroupCoordinatorRecordHelpers): 0 and 1 are
 * offset keys (1 is the current one), 2 is the group metadata key. Readers tell the two apart by this version.
 */
export const OFFSET_COMMIT_KEY_VERSION = 1;
export const GROUP_METADATA_KEY_VERSION = 2;

/**
 * OffsetCommitValue version 3 (Kafka 2.1+, KIP-211 dropped the expire timestamp, KIP-320 added the leader epoch),
 * and version 1 for a commit that carried its own retention time (OffsetCommit v2-v4), as Kafka chooses in
 * GroupMetadataManager.offsetCommitValue. Burrow 1.2.1 decodes versions 0, 1 and 3.
 */
export const OFFSET_COMMIT_VALUE_VERSION = 3;
export const OFFSET_COMMIT_VALUE_VERSION_WITH_EXPIRY = 1;

/**
 * GroupMetadataValue version 1 (what Kafka 0.10.1-2.0 brokers write: rebalance timeout per member, no state
 * timestamp, no group.instance.id). Burrow 1.2.1's decodeGroupMetadata accepts value versions 0 and 1 only and
 * drops the rest, losing the partition owners it shows; the topic mirrors the group log, which keeps the fields v1
 * lacks, so nothing is lost by writing the version every reader understands.
 */
export const GROUP_METADATA_VALUE_VERSION = 1;

function versioned(version: number, write: (w: Writer) => void): Buffer {
  const w = new Writer(64);
  w.int16(version);
  write(w);
  return w.toBuffer();
}

export function offsetCommitKey(group: string, topic: string, partition: number): Buffer {
  return versioned(OFFSET_COMMIT_KEY_VERSION, (w) => writeOffsetCommitKey(w, { group, topic, partition }, OFFSET_COMMIT_KEY_VERSION));
}

export function groupMetadataKey(group: string): Buffer {
  return versioned(GROUP_METADATA_KEY_VERSION, (w) => writeGroupMetadataKey(w, { group }, GROUP_METADATA_KEY_VERSION));
}

function offsetCommitValueVersion(o: StoredOffset): number {
  return o.expireTimestamp === null ? OFFSET_COMMIT_VALUE_VERSION : OFFSET_COMMIT_VALUE_VERSION_WITH_EXPIRY;
}

function offsetCommitValue(o: StoredOffset): OffsetCommitValue {
  return {
    offset: o.offset,
    leaderEpoch: o.leaderEpoch,
    metadata: o.metadata,
    commitTimestamp: BigInt(o.commitTimestamp),
    expireTimestamp: o.expireTimestamp === null ? -1n : BigInt(o.expireTimestamp),
  };
}

/** The record of one acknowledged commit. */
export function offsetCommitRecord(groupId: string, o: StoredOffset): OffsetsTopicRecord {
  const version = offsetCommitValueVersion(o);
  return { key: offsetCommitKey(groupId, o.topic, o.partition), value: versioned(version, (w) => writeOffsetCommitValue(w, offsetCommitValue(o), version)) };
}

/** Size of a string as the int16-length-prefixed encoding of these records' schemas. */
function stringSize(s: string): number {
  return 2 + Buffer.byteLength(s, 'utf8');
}

/** Size of a zigzag varint (record batch v2 framing). */
function varintSize(v: number): number {
  let u = v >= 0 ? v * 2 : -v * 2 - 1;
  let n = 1;
  while (u >= 0x80) {
    u = Math.floor(u / 128);
    n++;
  }
  return n;
}

/**
 * Appends the record of one commit, byte for byte what offsetCommitRecord gives inside writeRecord's framing, to a
 * record batch body, with no buffer of its own: this is every commit's path, and a commit held for the writer's
 * linger is then a few bytes in one buffer rather than objects the scavenger has to copy. The sizes in front follow
 * the schemas of OffsetCommitKey v1 and OffsetCommitValue v1/v3 (offsets-topic-records.spec checks both paths agree).
 */
export function writeOffsetCommitRecord(w: Writer, groupId: string, o: StoredOffset, offsetDelta: number, timestampDelta: number): void {
  const version = offsetCommitValueVersion(o);
  const keySize = 2 + stringSize(groupId) + stringSize(o.topic) + 4;
  const valueSize = 2 + 8 + (version >= 3 ? 4 : 0) + stringSize(o.metadata) + 8 + (version === 1 ? 8 : 0);
  const bodySize = 1 + varintSize(timestampDelta) + varintSize(offsetDelta) + varintSize(keySize) + keySize + varintSize(valueSize) + valueSize + 1;
  // A timestamp delta (ms within one batch) is far below 2^31, where a varlong and a varint encode alike.
  w.varint(bodySize).int8(0).varint(timestampDelta).varint(offsetDelta);
  w.varint(keySize).int16(OFFSET_COMMIT_KEY_VERSION);
  writeOffsetCommitKey(w, { group: groupId, topic: o.topic, partition: o.partition }, OFFSET_COMMIT_KEY_VERSION);
  // The value field by field as writeOffsetCommitValue writes v1 and v3, without the value object and BigInt
  // timestamps it takes.
  w.varint(valueSize).int16(version).int64(o.offset);
  if (version >= 3) w.int32(o.leaderEpoch);
  w.string(o.metadata);
  writeTimestamp(w, o.commitTimestamp);
  if (o.expireTimestamp !== null) writeTimestamp(w, o.expireTimestamp); // version 1
  w.varint(0); // no headers
}

/** A timestamp in ms as int64: without a BigInt when it is a safe integer (the coordinator keeps them so). */
function writeTimestamp(w: Writer, ms: number): void {
  if (Number.isSafeInteger(ms)) w.int53(ms);
  else w.int64(BigInt(ms));
}

/** Appends any record (metadata, tombstones) to a record batch body. */
export function writeOffsetsTopicRecord(w: Writer, record: OffsetsTopicRecord, offsetDelta: number, timestampDelta: number): void {
  writeRecord(w, record, offsetDelta, BigInt(timestampDelta));
}

/** Deleted or expired offset (OffsetDelete, DeleteGroups, retention): Kafka's tombstone, a null value. */
export function offsetTombstone(groupId: string, topic: string, partition: number): OffsetsTopicRecord {
  return { key: offsetCommitKey(groupId, topic, partition), value: null };
}

/** The group after a change (a rebalance completed, a member joined or left): generation, leader, members, assignments. */
export function groupMetadataRecord(group: StoredGroup): OffsetsTopicRecord {
  const value: GroupMetadataValue = {
    // Kafka writes protocolType.getOrElse("") and the protocol and leader as nullable strings.
    protocolType: group.protocolType ?? '',
    generation: group.generationId,
    protocol: group.protocolName,
    leader: group.leaderId,
    currentStateTimestamp: BigInt(group.currentStateTimestamp),
    members: group.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      rebalanceTimeout: m.rebalanceTimeoutMs,
      sessionTimeout: m.sessionTimeoutMs,
      subscription: m.subscription,
      assignment: m.assignment,
    })),
  };
  const version = GROUP_METADATA_VALUE_VERSION;
  return { key: groupMetadataKey(group.groupId), value: versioned(version, (w) => writeGroupMetadataValue(w, value, version)) };
}

/** A deleted group (DeleteGroups, or an empty group whose offsets all expired). */
export function groupTombstone(groupId: string): OffsetsTopicRecord {
  return { key: groupMetadataKey(groupId), value: null };
}

/**
 * Decodes a record as Kafka's GroupMetadataManager.readMessageKey / readOffsetMessageValue /
 * readGroupMessageValue do. Throws ProtocolDecodeError for a truncated record, Error for an unknown key version.
 */
export function decodeOffsetsTopicRecord(key: Buffer, value: Buffer | null): DecodedOffsetsTopicRecord {
  const r = new Reader(key);
  const keyVersion = r.int16();
  if (keyVersion === 0 || keyVersion === 1) {
    const k = readOffsetCommitKey(r, keyVersion);
    if (value === null) return { kind: 'offset', ...k, value: null };
    const v = new Reader(value);
    const version = v.int16();
    return { kind: 'offset', ...k, value: { ...readOffsetCommitValue(v, version), version } };
  }
  if (keyVersion === 2) {
    const { group } = readGroupMetadataKey(r, keyVersion);
    if (value === null) return { kind: 'group', group, value: null };
    const v = new Reader(value);
    const version = v.int16();
    return { kind: 'group', group, value: { ...readGroupMetadataValue(v, version), version } };
  }
  throw new Error(`unknown __consumer_offsets key version ${keyVersion}`);
}
