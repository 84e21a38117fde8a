import { ProducerBatch, ProducerStateTable } from './producer-state';

const batch = (producerId: number, epoch: number, firstSeq: number, count: number, baseOffset: number): ProducerBatch => ({
  producerId,
  epoch,
  firstSeq,
  lastSeq: firstSeq + count - 1,
  baseOffset,
  lastOffset: baseOffset + count - 1,
  timestamp: 1000 + baseOffset,
});

describe('ProducerStateTable', () => {
  it('accepts any first sequence from a producer it has never seen', () => {
    const t = new ProducerStateTable();
    expect(t.check([{ producerId: 1, epoch: 0, firstSeq: 42, lastSeq: 43 }])).toBeUndefined();
  });

  it('returns the original batch for a retry of one of the last five batches', () => {
    const t = new ProducerStateTable();
    for (let i = 0; i < 6; i++) t.record(batch(1, 0, i * 2, 2, i * 2));
    expect(t.check([{ producerId: 1, epoch: 0, firstSeq: 10, lastSeq: 11 }])).toMatchObject({ baseOffset: 10 });
    expect(t.check([{ producerId: 1, epoch: 0, firstSeq: 2, lastSeq: 3 }])).toMatchObject({ baseOffset: 2 });
    // the oldest of six fell out of the window: not a known duplicate, and out of sequence
    expect(() => t.check([{ producerId: 1, epoch: 0, firstSeq: 0, lastSeq: 1 }])).toThrow(expect.objectContaining({ errorCode: 45 }));
  });

  it('requires the next sequence within an epoch (OUT_OF_ORDER_SEQUENCE_NUMBER otherwise)', () => {
    const t = new ProducerStateTable();
    t.record(batch(1, 0, 0, 5, 0));
    expect(t.check([{ producerId: 1, epoch: 0, firstSeq: 5, lastSeq: 6 }])).toBeUndefined();
    expect(() => t.check([{ producerId: 1, epoch: 0, firstSeq: 7, lastSeq: 8 }])).toThrow(expect.objectContaining({ errorCode: 45 }));
    expect(() => t.check([{ producerId: 1, epoch: 0, firstSeq: 3, lastSeq: 5 }])).toThrow(expect.objectContaining({ errorCode: 45 }));
  });

  it('fences an older epoch with INVALID_PRODUCER_EPOCH and starts a newer one at sequence 0', () => {
    const t = new ProducerStateTable();
    t.record(batch(1, 3, 0, 1, 0));
    expect(() => t.check([{ producerId: 1, epoch: 2, firstSeq: 1, lastSeq: 1 }])).toThrow(expect.objectContaining({ errorCode: 47 }));
    expect(() => t.check([{ producerId: 1, epoch: 4, firstSeq: 1, lastSeq: 1 }])).toThrow(expect.objectContaining({ errorCode: 45 }));
    expect(t.check([{ producerId: 1, epoch: 4, firstSeq: 0, lastSeq: 0 }])).toBeUndefined();
    t.record(batch(1, 4, 0, 1, 1));
    expect(() => t.check([{ producerId: 1, epoch: 3, firstSeq: 1, lastSeq: 1 }])).toThrow(expect.objectContaining({ errorCode: 47 }));
  });

  it('wraps sequences from int32 max to 0', () => {
    const t = new ProducerStateTable();
    t.record({ ...batch(1, 0, 0, 1, 0), firstSeq: 0x7ffffffe, lastSeq: 0x7fffffff });
    expect(t.check([{ producerId: 1, epoch: 0, firstSeq: 0, lastSeq: 3 }])).toBeUndefined();
  });

  it('checks several batches of one append as if the earlier ones were already appended', () => {
    const t = new ProducerStateTable();
    t.record(batch(1, 0, 0, 2, 0));
    expect(
      t.check([
        { producerId: 1, epoch: 0, firstSeq: 2, lastSeq: 3 },
        { producerId: 1, epoch: 0, firstSeq: 4, lastSeq: 4 },
      ]),
    ).toBeUndefined();
    expect(() =>
      t.check([
        { producerId: 1, epoch: 0, firstSeq: 2, lastSeq: 3 },
        { producerId: 1, epoch: 0, firstSeq: 2, lastSeq: 3 },
      ]),
    ).toThrow(expect.objectContaining({ errorCode: 45 }));
  });

  it('snapshots only batches before the snapshot offset and restores them', () => {
    const t = new ProducerStateTable();
    t.record(batch(1, 0, 0, 2, 0));
    t.record(batch(2, 0, 0, 1, 2));
    t.record(batch(1, 0, 2, 2, 3));
    const snap = t.snapshot(3);
    expect(snap.batches.map((b) => b.baseOffset).sort()).toEqual([0, 2]);
    const back = ProducerStateTable.restore(snap);
    expect(back.size).toBe(2);
    expect(back.check([{ producerId: 1, epoch: 0, firstSeq: 2, lastSeq: 3 }])).toBeUndefined();
    expect(back.check([{ producerId: 1, epoch: 0, firstSeq: 0, lastSeq: 1 }])).toMatchObject({ baseOffset: 0 });
  });

  it('expires producers whose newest batch is older than the expiration', () => {
    const t = new ProducerStateTable();
    t.record({ ...batch(1, 0, 0, 1, 0), timestamp: 1_000 });
    t.record({ ...batch(2, 0, 0, 1, 1), timestamp: 50_000 });
    expect(t.expire(60_000, 20_000)).toBe(1);
    expect(t.size).toBe(1);
    expect(t.check([{ producerId: 1, epoch: 0, firstSeq: 0, lastSeq: 0 }])).toBeUndefined();
    expect(t.check([{ producerId: 2, epoch: 0, firstSeq: 0, lastSeq: 0 }])).toMatchObject({ baseOffset: 1 });
  });
});
