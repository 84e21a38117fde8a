import {
  Reader,
  readGroupMetadataKey,
  readGroupMetadataValue,
  readOffsetCommitKey,
  readOffsetCommitValue,
  decodeConsumerProtocolAssignment,
  encodeConsumerProtocolAssignment,
} from '@app/kafka-protocol';
import type { StoredGroup, StoredOffset } from '../persistence/group-store';
import {
  decodeOffsetsTopicRecord,
  groupMetadataRecord,
  groupTombstone,
  offsetCommitRecord,
  offsetTombstone,
} from './offsets-topic-records';

const commit: StoredOffset = { topic: 'orders', partition: 3, offset: 1234567890123n, leaderEpoch: 5, metadata: 'm', commitTimestamp: 1_700_000_000_123, expireTimestamp: null };

const group: StoredGroup = {
  groupId: 'billing',
  protocolType: 'consumer',
  generationId: 7,
  protocolName: 'range',
  leaderId: 'member-1',
  currentStateTimestamp: 1_700_000_000_000,
  members: [
    {
      memberId: 'member-1',
      groupInstanceId: null,
      clientId: 'client-a',
      clientHost: '/127.0.0.1',
      rebalanceTimeoutMs: 60_000,
      sessionTimeoutMs: 10_000,
      subscription: Buffer.from([0, 1, 2]),
      assignment: encodeConsumerProtocolAssignment({ assignedPartitions: [{ topic: 'orders', partitions: [0, 1, 2] }], userData: null }, 0),
    },
  ],
};

/** Reads a versioned key or value the way Kafka's readers do: int16 version, then the schema of that version. */
function versioned<T>(buf: Buffer, read: (r: Reader, version: number) => T): T & { version: number } {
  const r = new Reader(buf);
  const version = r.int16();
  const o = read(r, version);
  expect(r.remaining).toBe(0);
  return { ...o, version };
}

describe('__consumer_offsets records', () => {
  it('writes a commit as OffsetCommitKey v1 + OffsetCommitValue v3 that the generated codecs read back', () => {
    const { key, value } = offsetCommitRecord('billing', commit);
    expect(versioned(key, readOffsetCommitKey)).toEqual({ version: 1, group: 'billing', topic: 'orders', partition: 3 });
    expect(versioned(value!, readOffsetCommitValue)).toEqual({
      version: 3,
      offset: 1234567890123n,
      leaderEpoch: 5,
      metadata: 'm',
      commitTimestamp: 1_700_000_000_123n,
      expireTimestamp: -1n,
    });
  });

  it('writes a commit with its own retention time as OffsetCommitValue v1, keeping the expire timestamp', () => {
    const { value } = offsetCommitRecord('billing', { ...commit, expireTimestamp: 1_700_000_900_000 });
    const decoded = versioned(value!, readOffsetCommitValue);
    expect(decoded.version).toBe(1);
    expect(decoded.expireTimestamp).toBe(1_700_000_900_000n);
    expect(decoded.offset).toBe(commit.offset);
  });

  it('writes a group as GroupMetadataKey v2 + GroupMetadataValue v1 (what Burrow 1.2.1 decodes)', () => {
    const { key, value } = groupMetadataRecord(group);
    expect(versioned(key, readGroupMetadataKey)).toEqual({ version: 2, group: 'billing' });
    const decoded = versioned(value!, readGroupMetadataValue);
    expect(decoded).toMatchObject({ version: 1, protocolType: 'consumer', generation: 7, protocol: 'range', leader: 'member-1' });
    expect(decoded.members).toHaveLength(1);
    expect(decoded.members[0]).toMatchObject({ memberId: 'member-1', clientId: 'client-a', clientHost: '/127.0.0.1', rebalanceTimeout: 60_000, sessionTimeout: 10_000 });
    expect(decodeConsumerProtocolAssignment(decoded.members[0].assignment).assignedPartitions).toEqual([{ topic: 'orders', partitions: [0, 1, 2] }]);
  });

  it('writes an empty group with no protocol as Kafka does (empty protocol type, null protocol and leader)', () => {
    const { value } = groupMetadataRecord({ ...group, protocolType: null, protocolName: null, leaderId: null, generationId: 0, members: [] });
    expect(versioned(value!, readGroupMetadataValue)).toMatchObject({ protocolType: '', generation: 0, protocol: null, leader: null, members: [] });
  });

  it('writes tombstones as the same keys with a null value', () => {
    expect(offsetTombstone('billing', 'orders', 3)).toEqual({ key: offsetCommitRecord('billing', commit).key, value: null });
    expect(groupTombstone('billing')).toEqual({ key: groupMetadataRecord(group).key, value: null });
  });

  it('decodes its own records and tombstones', () => {
    const c = offsetCommitRecord('billing', commit);
    expect(decodeOffsetsTopicRecord(c.key, c.value)).toMatchObject({ kind: 'offset', group: 'billing', topic: 'orders', partition: 3, value: { version: 3, offset: commit.offset } });
    expect(decodeOffsetsTopicRecord(c.key, null)).toEqual({ kind: 'offset', group: 'billing', topic: 'orders', partition: 3, value: null });
    const g = groupMetadataRecord(group);
    expect(decodeOffsetsTopicRecord(g.key, g.value)).toMatchObject({ kind: 'group', group: 'billing', value: { version: 1, generation: 7 } });
    expect(decodeOffsetsTopicRecord(g.key, null)).toEqual({ kind: 'group', group: 'billing', value: null });
  });

  it('refuses keys of an unknown version and truncated keys', () => {
    expect(() => decodeOffsetsTopicRecord(Buffer.from([0, 9, 0, 0]), null)).toThrow('key version 9');
    expect(() => decodeOffsetsTopicRecord(Buffer.from([0, 1, 0, 5, 0x61]), null)).toThrow('truncated');
    expect(() => decodeOffsetsTopicRecord(Buffer.alloc(1), null)).toThrow('truncated');
  });

  it('round-trips metadata and group ids with multi-byte characters', () => {
    const c = offsetCommitRecord('grüppe-\u{1F600}', { ...commit, metadata: 'ü'.repeat(100) });
    expect(decodeOffsetsTopicRecord(c.key, c.value)).toMatchObject({ group: 'grüppe-\u{1F600}', value: { metadata: 'ü'.repeat(100) } });
  });
});
