import { decodeRecordBatch } from '@app/kafka-protocol';
import type { StoredOffset } from '../persistence/group-store';
import { decodeOffsetsTopicRecord, groupTombstone, offsetCommitRecord, offsetTombstone } from './offsets-topic-records';
import { OffsetsTopicWriter } from './offsets-topic-writer';

const commit = (partition: number, offset: bigint): StoredOffset => ({ topic: 't', partition, offset, leaderEpoch: -1, metadata: '', commitTimestamp: 1_700_000_000_000, expireTimestamp: null });

describe('OffsetsTopicWriter', () => {
  function recording(fail?: (partition: number) => boolean) {
    const appends: { partition: number; keys: string[]; values: (string | null)[] }[] = [];
    const errors: string[] = [];
    const writer = new OffsetsTopicWriter(
      50,
      async (partition, batch) => {
        if (fail?.(partition)) throw new Error(`partition ${partition} failed`);
        const records = decodeRecordBatch(batch);
        appends.push({ partition, keys: records.map((r) => r.key!.toString('hex')), values: records.map((r) => r.value?.toString('hex') ?? null) });
      },
      (error) => errors.push(error.message),
    );
    return { writer, appends, errors };
  }

  it('sends the writes of one tick as one batch per partition, in call order, to the group\'s partition', async () => {
    const { writer, appends } = recording();
    // "hello" -> 22, "Aa" and "BB" -> 12 (Java's hash collision), over 50 partitions.
    const a = offsetTombstone('Aa', 't', 0);
    const c = groupTombstone('hello');
    const d = groupTombstone('Aa');
    writer.write('Aa', [a]);
    writer.writeOffsets('BB', [commit(1, 7n)]);
    writer.write('hello', [c]);
    writer.write('Aa', [d]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await writer.drain();
    const b = offsetCommitRecord('BB', commit(1, 7n));
    expect(appends).toEqual([
      { partition: 12, keys: [a, b, d].map((r) => r.key.toString('hex')), values: [null, b.value!.toString('hex'), null] },
      { partition: 22, keys: [c.key.toString('hex')], values: [null] },
    ]);
  });

  it('writes commits byte for byte as offsetCommitRecord encodes them, v1 and v3 values, multi-byte strings', async () => {
    const { writer, appends } = recording();
    const offsets: StoredOffset[] = [
      commit(0, 1n),
      { ...commit(1, 2n ** 40n), metadata: 'ü'.repeat(300), leaderEpoch: 7 },
      { ...commit(2, 3n), expireTimestamp: 1_700_000_900_000 },
      { ...commit(3, 4n), topic: 'tö\u{1F600}pic' },
      // Timestamps beyond 2^53 (from a group log written before the coordinator capped them) take the BigInt path.
      { ...commit(4, 5n), commitTimestamp: 2 ** 60, expireTimestamp: 2 ** 62 },
    ];
    writer.writeOffsets('grüppe', offsets);
    await writer.drain();
    expect(appends).toHaveLength(1);
    offsets.forEach((o, i) => {
      const expected = offsetCommitRecord('grüppe', o);
      expect(appends[0].keys[i]).toBe(expected.key.toString('hex'));
      expect(appends[0].values[i]).toBe(expected.value!.toString('hex'));
    });
    const decoded = decodeOffsetsTopicRecord(Buffer.from(appends[0].keys[2], 'hex'), Buffer.from(appends[0].values[2]!, 'hex'));
    expect(decoded).toMatchObject({ kind: 'offset', value: { version: 1, expireTimestamp: 1_700_000_900_000n } });
  });

  it('reports a failed append to onError and from drain, and the other partitions still get theirs', async () => {
    const { writer, appends, errors } = recording((p) => p === 22);
    writer.write('Aa', [groupTombstone('Aa')]);
    writer.write('hello', [groupTombstone('hello')]);
    await expect(writer.drain()).rejects.toThrow('partition 22 failed');
    expect(errors).toEqual(['partition 22 failed']);
    expect(appends.map((a) => a.partition)).toEqual([12]);
    await expect(writer.drain()).resolves.toBeUndefined();
  });

  it('sends what it holds on close', async () => {
    const { writer, appends } = recording();
    writer.write('hello', [groupTombstone('hello')]);
    await writer.close();
    expect(appends).toHaveLength(1);
  });
});
