import { BatchAttribute, CompressionType, decodeRecordBatch } from '@app/kafka-protocol';
import { BatchInfo, compressionOf } from './batch-info';

export interface TimestampHit {
  offset: number;
  timestamp: number;
}

/**
 * The first record of a batch (whose max timestamp is >= target) with timestamp >= target.
 * Uncompressed and gzip batches are decoded to find the exact record; for the other codecs the
 * broker does not decompress, so the answer is the batch's first offset (a consumer seeking there
 * reads a few earlier records of that batch, never misses one).
 */
export function firstRecordAtOrAfter(b: BatchInfo, chunk: Buffer, at: number, target: number): TimestampHit {
  if ((b.attributes & BatchAttribute.logAppendTime) !== 0) return { offset: b.baseOffset, timestamp: b.maxTimestamp };
  const codec = compressionOf(b);
  if (codec === CompressionType.none || codec === CompressionType.gzip) {
    for (const r of decodeRecordBatch(chunk.subarray(at, at + b.size))) {
      if (Number(r.timestamp) >= target) return { offset: Number(r.offset), timestamp: Number(r.timestamp) };
    }
  }
  return { offset: b.baseOffset, timestamp: b.baseTimestamp >= target ? b.baseTimestamp : b.maxTimestamp };
}
