import { CorruptRecordBatchError } from '../errors';
import { buildRecordBatch, decodeRecordBatch } from './record-batch-builder';
import {
  RECORD_BATCH_HEADER_SIZE,
  readRecordBatchHeader,
  setBaseOffset,
  splitRecordBatches,
  validateRecordBatch,
} from './record-batch-header';

const batch = (): Buffer =>
  buildRecordBatch({
    baseTimestamp: 1_700_000_000_000n,
    producerId: 42n,
    producerEpoch: 3,
    baseSequence: 7,
    records: [
      { key: Buffer.from('k1'), value: Buffer.from('v1'), headers: [{ key: 'h', value: Buffer.from('x') }] },
      { key: null, value: null, timestamp: 1_700_000_000_005n },
    ],
  });

describe('record batch header', () => {
  it('reads every header field', () => {
    const b = batch();
    expect(RECORD_BATCH_HEADER_SIZE).toBe(61);
    expect(readRecordBatchHeader(b)).toEqual({
      baseOffset: 0n,
      batchLength: b.length - 12,
      partitionLeaderEpoch: -1,
      magic: 2,
      crc: b.readUInt32BE(17),
      attributes: 0,
      lastOffsetDelta: 1,
      baseTimestamp: 1_700_000_000_000n,
      maxTimestamp: 1_700_000_000_005n,
      producerId: 42n,
      producerEpoch: 3,
      baseSequence: 7,
      recordCount: 2,
    });
  });

  it('reads a header at a non-zero offset', () => {
    const b = Buffer.concat([Buffer.alloc(5), batch()]);
    expect(readRecordBatchHeader(b, 5).recordCount).toBe(2);
    expect(() => validateRecordBatch(b, 5)).not.toThrow();
  });

  it('keeps the batch valid after setBaseOffset', () => {
    const b = batch();
    setBaseOffset(b, 0, 1234567890123n);
    expect(() => validateRecordBatch(b, 0)).not.toThrow();
    expect(readRecordBatchHeader(b).baseOffset).toBe(1234567890123n);
    expect(decodeRecordBatch(b).map((r) => r.offset)).toEqual([1234567890123n, 1234567890124n]);
  });

  it('round-trips records, including null key/value and headers, plain and gzip', () => {
    for (const compression of [0, 1] as const) {
      const b = buildRecordBatch({
        compression,
        baseTimestamp: 10n,
        records: [
          { key: Buffer.from('a'), value: Buffer.alloc(3000, 1), headers: [{ key: 'n', value: null }] },
          { key: null, value: Buffer.from('b') },
        ],
      });
      const recs = decodeRecordBatch(b);
      expect(recs).toHaveLength(2);
      expect(recs[0].value).toEqual(Buffer.alloc(3000, 1));
      expect(recs[0].headers).toEqual([{ key: 'n', value: null }]);
      expect(recs[1].key).toBeNull();
    }
  });

  it('rejects a flipped bit covered by the CRC', () => {
    const b = batch();
    b[b.length - 1] ^= 1;
    expect(() => validateRecordBatch(b, 0)).toThrow(CorruptRecordBatchError);
  });

  it('rejects a wrong magic byte', () => {
    const b = batch();
    b[16] = 1;
    expect(() => validateRecordBatch(b, 0)).toThrow(/magic/);
  });

  it('rejects a length past the end and a length shorter than the header', () => {
    const long = batch();
    long.writeInt32BE(long.length, 8);
    expect(() => validateRecordBatch(long, 0)).toThrow(/past the end/);
    const short = batch();
    short.writeInt32BE(10, 8);
    expect(() => validateRecordBatch(short, 0)).toThrow(/shorter/);
  });

  it('rejects a truncated header', () => {
    expect(() => readRecordBatchHeader(Buffer.alloc(60))).toThrow(CorruptRecordBatchError);
    expect(() => validateRecordBatch(batch().subarray(0, 40), 0)).toThrow(CorruptRecordBatchError);
  });

  it('splits a blob of several batches and rejects trailing garbage', () => {
    const a = batch();
    const b = batch();
    expect(splitRecordBatches(Buffer.concat([a, b]))).toEqual([
      { offset: 0, size: a.length },
      { offset: a.length, size: b.length },
    ]);
    expect(() => splitRecordBatches(Buffer.concat([a, Buffer.alloc(3)]))).toThrow(CorruptRecordBatchError);
  });

  it('carries the CORRUPT_MESSAGE error code', () => {
    const b = batch();
    b[30] ^= 0xff;
    try {
      validateRecordBatch(b, 0);
      throw new Error('expected a CRC failure');
    } catch (e) {
      expect(e).toBeInstanceOf(CorruptRecordBatchError);
      expect((e as CorruptRecordBatchError).errorCode).toBe(2);
    }
  });
});
