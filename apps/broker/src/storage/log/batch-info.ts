import { BatchAttribute, RECORD_BATCH_LOG_OVERHEAD, RecordBatchField } from '@app/kafka-protocol';

/**
 * What the log needs from one stored batch header, as plain numbers (offsets, timestamps and
 * producer ids stay far below 2^53 in practice; the log checks offsets at assignment).
 */
export interface BatchInfo {
  /** Position of the batch in the buffer or file it was read from. */
  position: number;
  /** Whole batch size in bytes (batchLength + 12). */
  size: number;
  baseOffset: number;
  lastOffsetDelta: number;
  attributes: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

const f = RecordBatchField;

/** Reads the header at `position`; the caller has checked that a full header is there. */
export function readBatchInfo(buf: Buffer, position: number): BatchInfo {
  return {
    position,
    size: buf.readInt32BE(position + f.batchLength) + RECORD_BATCH_LOG_OVERHEAD,
    baseOffset: Number(buf.readBigInt64BE(position + f.baseOffset)),
    lastOffsetDelta: buf.readInt32BE(position + f.lastOffsetDelta),
    attributes: buf.readInt16BE(position + f.attributes),
    baseTimestamp: Number(buf.readBigInt64BE(position + f.baseTimestamp)),
    maxTimestamp: Number(buf.readBigInt64BE(position + f.maxTimestamp)),
    producerId: Number(buf.readBigInt64BE(position + f.producerId)),
    producerEpoch: buf.readInt16BE(position + f.producerEpoch),
    baseSequence: buf.readInt32BE(position + f.baseSequence),
    recordCount: buf.readInt32BE(position + f.recordCount),
  };
}

export function lastOffsetOf(b: BatchInfo): number {
  return b.baseOffset + b.lastOffsetDelta;
}

export function isControlBatch(b: BatchInfo): boolean {
  return (b.attributes & BatchAttribute.control) !== 0;
}

export function compressionOf(b: BatchInfo): number {
  return b.attributes & BatchAttribute.compressionMask;
}

/** Sequence number of the batch's last record; sequences wrap from int32 max to 0 as in Kafka. */
export function lastSequenceOf(b: BatchInfo): number {
  const INT32_MAX = 0x7fffffff;
  return b.baseSequence > INT32_MAX - b.lastOffsetDelta
    ? b.lastOffsetDelta - (INT32_MAX - b.baseSequence) - 1
    : b.baseSequence + b.lastOffsetDelta;
}
