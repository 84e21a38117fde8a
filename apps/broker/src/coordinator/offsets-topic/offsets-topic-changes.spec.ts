import type { StoredOffset } from '../persistence/group-store';
import { OffsetsTopicChanges } from './offsets-topic-changes';
import { decodeOffsetsTopicRecord, offsetCommitRecord, type OffsetsTopicRecord } from './offsets-topic-records';
import { recordsToReconcile, stateRecords, type LatestValues } from './offsets-topic-reconciler';

const offset = (topic: string, partition: number, value: bigint): StoredOffset => ({ topic, partition, offset: value, leaderEpoch: -1, metadata: '', commitTimestamp: 1000, expireTimestamp: null });

function summary(records: OffsetsTopicRecord[]): string[] {
  return records.map((r) => {
    const d = decodeOffsetsTopicRecord(r.key, r.value);
    const what = d.kind === 'offset' ? `${d.group}/${d.topic}-${d.partition}` : `${d.group}`;
    return `${d.kind} ${what} ${d.value === null ? 'tombstone' : d.kind === 'offset' ? String(d.value.offset) : `gen ${d.value.generation}`}`;
  });
}

const emptyGroup = (groupId: string) => ({ groupId, protocolType: 'consumer', generationId: 1, protocolName: 'range', leaderId: null, currentStateTimestamp: 0, members: [] });

describe('OffsetsTopicChanges', () => {
  it('tombstones every offset of a removed group and then the group, as Kafka cleans a group up', () => {
    const changes = new OffsetsTopicChanges();
    changes.saveGroup(emptyGroup('g'));
    changes.saveOffsets('g', [offset('t', 0, 5n), offset('t', 1, 6n)]);
    changes.saveOffsets('g', [offset('t', 0, 7n)]);
    expect(summary(changes.removeOffsets('g', [{ topic: 't', partition: 1 }]))).toEqual(['offset g/t-1 tombstone']);
    expect(summary(changes.removeGroup('g'))).toEqual(['offset g/t-0 tombstone', 'group g tombstone']);
    // Removed again (nothing left): only the group's tombstone.
    expect(summary(changes.removeGroup('g'))).toEqual(['group g tombstone']);
  });

  it('starts from the loaded state', () => {
    const changes = new OffsetsTopicChanges({ groups: new Map([['g', { group: null, offsets: [offset('t', 2, 1n)] }]]) });
    expect(summary(changes.removeGroup('g'))).toEqual(['offset g/t-2 tombstone', 'group g tombstone']);
  });
});

describe('recordsToReconcile', () => {
  const loaded = { groups: new Map([['g', { group: emptyGroup('g'), offsets: [offset('t', 0, 9n), offset('t', 1, 3n)] }]]) };

  function latestOf(records: OffsetsTopicRecord[]): LatestValues {
    return new Map(records.map((r) => [r.key.toString('hex'), r]));
  }

  it('appends the whole state to an empty topic', () => {
    expect(summary(recordsToReconcile(new Map(), stateRecords(loaded)).map((e) => e.record))).toEqual(['group g gen 1', 'offset g/t-0 9', 'offset g/t-1 3']);
  });

  it('appends nothing when the latest records already equal the state', () => {
    expect(recordsToReconcile(latestOf(stateRecords(loaded).map((e) => e.record)), stateRecords(loaded))).toEqual([]);
  });

  it('appends what differs or is missing, and tombstones keys the state no longer has', () => {
    const changes = new OffsetsTopicChanges();
    const inTopic = [
      offsetCommitRecord('g', offset('t', 0, 8n)),
      offsetCommitRecord('g', offset('t', 1, 3n)),
      offsetCommitRecord('gone', offset('t', 0, 1n)),
      ...changes.saveGroup(emptyGroup('gone')),
      ...changes.removeOffsets('deleted', [{ topic: 't', partition: 0 }]),
    ];
    expect(summary(recordsToReconcile(latestOf(inTopic), stateRecords(loaded)).map((e) => e.record))).toEqual([
      'group g gen 1',
      'offset g/t-0 9',
      'offset gone/t-0 tombstone',
      'group gone tombstone',
    ]);
  });
});
