import { crc32c } from '../crc32c';
import { CorruptRecordBatchError } from '../errors';

/** Byte size of the fixed part of a record batch v2 (everything before the records). */
export const RECORD_BATCH_HEADER_SIZE = 61;

/** Bytes before batchLength's coverage starts: baseOffset (8) + batchLength (4). */
export const RECORD_BATCH_LOG_OVERHEAD = 12;

export const RECORD_BATCH_MAGIC = 2;

/** Field offsets inside a record batch v2, from the start of the batch. */
export const RecordBatchField = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordCount: 57,
} as const;

export const CompressionType = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;
export type CompressionType = (typeof CompressionType)[keyof typeof CompressionType];

export const BatchAttribute = {
  compressionMask: 0x07,
  logAppendTime: 0x08,
  transactional: 0x10,
  control: 0x20,
  deleteHorizon: 0x40,
} as const;

export interface RecordBatchHeader {
  baseOffset: bigint;
  /** Bytes after the batchLength field; the whole batch is batchLength + 12 bytes. */
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  /** CRC-32C as stored, unsigned. */
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

function requireHeader(buf: Buffer, offset: number): void {
  if (!Number.isInteger(offset) || offset < 0 || buf.length - offset < RECORD_BATCH_HEADER_SIZE) {
    throw new CorruptRecordBatchError(
      `record batch header needs ${RECORD_BATCH_HEADER_SIZE} bytes at offset ${offset}, buffer has ${buf.length}`,
    );
  }
}

/** Reads the 61-byte header at `offset` without validating the CRC. */
export function readRecordBatchHeader(buf: Buffer, offset = 0): RecordBatchHeader {
  requireHeader(buf, offset);
  const f = RecordBatchField;
  return {
    baseOffset: buf.readBigInt64BE(offset + f.baseOffset),
    batchLength: buf.readInt32BE(offset + f.batchLength),
    partitionLeaderEpoch: buf.readInt32BE(offset + f.partitionLeaderEpoch),
    magic: buf.readInt8(offset + f.magic),
    crc: buf.readUInt32BE(offset + f.crc),
    attributes: buf.readInt16BE(offset + f.attributes),
    lastOffsetDelta: buf.readInt32BE(offset + f.lastOffsetDelta),
    baseTimestamp: buf.readBigInt64BE(offset + f.baseTimestamp),
    maxTimestamp: buf.readBigInt64BE(offset + f.maxTimestamp),
    producerId: buf.readBigInt64BE(offset + f.producerId),
    producerEpoch: buf.readInt16BE(offset + f.producerEpoch),
    baseSequence: buf.readInt32BE(offset + f.baseSequence),
    recordCount: buf.readInt32BE(offset + f.recordCount),
  };
}

/** Total bytes of the batch starting at `offset` (batchLength + 12), read from its header. */
export function recordBatchSize(buf: Buffer, offset = 0): number {
  if (buf.length - offset < RECORD_BATCH_LOG_OVERHEAD) {
    throw new CorruptRecordBatchError(`record batch at offset ${offset} is truncated before its length`);
  }
  return buf.readInt32BE(offset + RecordBatchField.batchLength) + RECORD_BATCH_LOG_OVERHEAD;
}

/**
 * Checks the batch at `offset`: complete header, magic 2, a length that fits the buffer,
 * sane counts, and the CRC-32C over attributes..end. Throws CorruptRecordBatchError otherwise.
 */
export function validateRecordBatch(buf: Buffer, offset = 0): void {
  requireHeader(buf, offset);
  const f = RecordBatchField;
  const magic = buf.readInt8(offset + f.magic);
  if (magic !== RECORD_BATCH_MAGIC) {
    throw new CorruptRecordBatchError(`record batch magic ${magic} is not ${RECORD_BATCH_MAGIC}`);
  }
  const batchLength = buf.readInt32BE(offset + f.batchLength);
  const total = batchLength + RECORD_BATCH_LOG_OVERHEAD;
  if (batchLength < RECORD_BATCH_HEADER_SIZE - RECORD_BATCH_LOG_OVERHEAD) {
    throw new CorruptRecordBatchError(`record batch length ${batchLength} is shorter than its header`);
  }
  if (total > buf.length - offset) {
    throw new CorruptRecordBatchError(
      `record batch length ${batchLength} runs past the end of the buffer (${buf.length - offset} bytes left)`,
    );
  }
  const recordCount = buf.readInt32BE(offset + f.recordCount);
  const lastOffsetDelta = buf.readInt32BE(offset + f.lastOffsetDelta);
  if (recordCount < 0 || lastOffsetDelta < 0) {
    throw new CorruptRecordBatchError(
      `record batch has record count ${recordCount} and last offset delta ${lastOffsetDelta}`,
    );
  }
  const stored = buf.readUInt32BE(offset + f.crc);
  const actual = crc32c(buf, offset + f.attributes, offset + total);
  if (stored !== actual) {
    throw new CorruptRecordBatchError(
      `record batch CRC mismatch: stored ${stored.toString(16)}, computed ${actual.toString(16)}`,
    );
  }
}

/** Rewrites the base offset in place. The CRC does not cover it, so the batch stays valid. */
export function setBaseOffset(buf: Buffer, offset: number, baseOffset: bigint): void {
  requireHeader(buf, offset);
  buf.writeBigInt64BE(baseOffset, offset + RecordBatchField.baseOffset);
}

/** Rewrites the partition leader epoch in place; like the base offset it lies outside the CRC. */
export function setPartitionLeaderEpoch(buf: Buffer, offset: number, epoch: number): void {
  requireHeader(buf, offset);
  buf.writeInt32BE(epoch, offset + RecordBatchField.partitionLeaderEpoch);
}

/**
 * Splits a `records` blob from a Produce request into its batches, validating each.
 * A Produce blob must hold whole batches only; anything left over is corrupt.
 */
export function splitRecordBatches(buf: Buffer): Array<{ offset: number; size: number }> {
  const batches: Array<{ offset: number; size: number }> = [];
  let offset = 0;
  while (offset < buf.length) {
    validateRecordBatch(buf, offset);
    const size = recordBatchSize(buf, offset);
    batches.push({ offset, size });
    offset += size;
  }
  return batches;
}
