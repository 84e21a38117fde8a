import { buildRecordBatch } from '@app/kafka-protocol';
import { wholeBatchesWithin } from './fetch-limits';

describe('wholeBatchesWithin', () => {
  const a = buildRecordBatch({ records: [{ key: null, value: Buffer.alloc(100) }] });
  const b = buildRecordBatch({ records: [{ key: null, value: Buffer.alloc(200) }] });
  const both = Buffer.concat([a, b]);

  it('keeps every batch that fits whole', () => {
    expect(wholeBatchesWithin(both, both.length)).toBe(both);
    expect(wholeBatchesWithin(both, both.length - 1)).toEqual(a);
    expect(wholeBatchesWithin(both, a.length)).toEqual(a);
  });

  it('returns nothing when the first batch does not fit', () => {
    expect(wholeBatchesWithin(both, a.length - 1)).toHaveLength(0);
    expect(wholeBatchesWithin(both, 0)).toHaveLength(0);
  });

  it('drops a truncated tail', () => {
    expect(wholeBatchesWithin(both.subarray(0, a.length + 20), 10_000)).toEqual(a);
  });
});
