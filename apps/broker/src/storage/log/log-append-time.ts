import { BatchAttribute, crc32c, RecordBatchField } from '@app/kafka-protocol';

/**
 * Turns a batch into a LogAppendTime batch the way Kafka does: timestamp-type bit set and
 * maxTimestamp = now. Both lie inside the CRC range, so the CRC is recomputed.
 */
export function stampLogAppendTime(buf: Buffer, position: number, size: number, now: number): void {
  const f = RecordBatchField;
  buf.writeInt16BE(buf.readInt16BE(position + f.attributes) | BatchAttribute.logAppendTime, position + f.attributes);
  buf.writeBigInt64BE(BigInt(now), position + f.maxTimestamp);
  buf.writeUInt32BE(crc32c(buf, position + f.attributes, position + size), position + f.crc);
}
