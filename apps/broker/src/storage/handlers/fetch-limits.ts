import { RECORD_BATCH_LOG_OVERHEAD } from '@app/kafka-protocol';

/**
 * The longest prefix of `records` made of whole batches that fits in `limit` bytes. Used for
 * partitions after the first non-empty one, where KIP-74's "first batch whole" no longer applies.
 */
export function wholeBatchesWithin(records: Buffer, limit: number): Buffer {
  let end = 0;
  while (end + RECORD_BATCH_LOG_OVERHEAD <= records.length) {
    const size = records.readInt32BE(end + 8) + RECORD_BATCH_LOG_OVERHEAD;
    if (end + size > limit || end + size > records.length) break;
    end += size;
  }
  return end === records.length ? records : records.subarray(0, end);
}
