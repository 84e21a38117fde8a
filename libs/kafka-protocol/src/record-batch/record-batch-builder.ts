import { gunzipSync, gzipSync } from 'node:zlib';
import { crc32c } from '../crc32c';
import { CorruptRecordBatchError } from '../errors';
import { Reader } from '../io/reader';
import { Writer } from '../io/writer';
import {
  BatchAttribute,
  CompressionType,
  RECORD_BATCH_HEADER_SIZE,
  RECORD_BATCH_LOG_OVERHEAD,
  RECORD_BATCH_MAGIC,
  RecordBatchField,
  readRecordBatchHeader,
  validateRecordBatch,
} from './record-batch-header';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

export interface RecordInput {
  key: Buffer | null;
  value: Buffer | null;
  headers?: RecordHeader[];
  /** Absolute timestamp in ms; defaults to the batch base timestamp. */
  timestamp?: bigint;
}

export interface BuildRecordBatchOptions {
  records: RecordInput[];
  baseOffset?: bigint;
  baseTimestamp?: bigint;
  compression?: typeof CompressionType.none | typeof CompressionType.gzip;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  partitionLeaderEpoch?: number;
}

/**
 * Appends one record in the v2 format (KIP-98), length-prefixed, to `w`: the body of a record batch is these
 * records one after another. `timestampDelta` and `offsetDelta` are relative to the batch's base timestamp and offset.
 */
export function writeRecord(w: Writer, rec: Pick<RecordInput, 'key' | 'value' | 'headers'>, offsetDelta: number, timestampDelta: bigint): void {
  const body = new Writer(64);
  body.int8(0);
  body.varlong(timestampDelta);
  body.varint(offsetDelta);
  if (rec.key === null) body.varint(-1);
  else body.varint(rec.key.length).raw(rec.key);
  if (rec.value === null) body.varint(-1);
  else body.varint(rec.value.length).raw(rec.value);
  const headers = rec.headers ?? [];
  body.varint(headers.length);
  for (const h of headers) {
    const k = Buffer.from(h.key, 'utf8');
    body.varint(k.length).raw(k);
    if (h.value === null) body.varint(-1);
    else body.varint(h.value.length).raw(h.value);
  }
  const encoded = body.toBuffer();
  w.varint(encoded.length).raw(encoded);
}

function encodeRecords(records: RecordInput[], baseTimestamp: bigint): Buffer {
  const w = new Writer(1024);
  records.forEach((rec, i) => writeRecord(w, rec, i, (rec.timestamp ?? baseTimestamp) - baseTimestamp));
  return w.toBuffer();
}

export interface FrameRecordBatchOptions {
  /** The records as writeRecord wrote them (compressed already when `compression` says so). */
  records: Buffer;
  recordCount: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  baseOffset?: bigint;
  compression?: typeof CompressionType.none | typeof CompressionType.gzip;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  partitionLeaderEpoch?: number;
}

/** Puts the 61-byte batch header (CRC-32C included) in front of encoded records. */
export function frameRecordBatch(opts: FrameRecordBatchOptions): Buffer {
  const total = RECORD_BATCH_HEADER_SIZE + opts.records.length;
  const buf = Buffer.alloc(total);
  const f = RecordBatchField;
  buf.writeBigInt64BE(opts.baseOffset ?? 0n, f.baseOffset);
  buf.writeInt32BE(total - RECORD_BATCH_LOG_OVERHEAD, f.batchLength);
  buf.writeInt32BE(opts.partitionLeaderEpoch ?? -1, f.partitionLeaderEpoch);
  buf.writeInt8(RECORD_BATCH_MAGIC, f.magic);
  buf.writeInt16BE(opts.compression ?? CompressionType.none, f.attributes);
  buf.writeInt32BE(Math.max(0, opts.recordCount - 1), f.lastOffsetDelta);
  buf.writeBigInt64BE(opts.baseTimestamp, f.baseTimestamp);
  buf.writeBigInt64BE(opts.maxTimestamp, f.maxTimestamp);
  buf.writeBigInt64BE(opts.producerId ?? -1n, f.producerId);
  buf.writeInt16BE(opts.producerEpoch ?? -1, f.producerEpoch);
  buf.writeInt32BE(opts.baseSequence ?? -1, f.baseSequence);
  buf.writeInt32BE(opts.recordCount, f.recordCount);
  opts.records.copy(buf, RECORD_BATCH_HEADER_SIZE);
  buf.writeUInt32BE(crc32c(buf, f.attributes, total), f.crc);
  return buf;
}

/**
 * Builds a record batch v2 the way a producer would (used by tests, benchmarks and fixtures;
 * the broker itself stores what producers send).
 */
export function buildRecordBatch(opts: BuildRecordBatchOptions): Buffer {
  const baseTimestamp = opts.baseTimestamp ?? BigInt(Date.now());
  const compression = opts.compression ?? CompressionType.none;
  let records = encodeRecords(opts.records, baseTimestamp);
  if (compression === CompressionType.gzip) records = gzipSync(records);
  const maxTimestamp = opts.records.reduce((m, r) => {
    const t = r.timestamp ?? baseTimestamp;
    return t > m ? t : m;
  }, baseTimestamp);
  return frameRecordBatch({ ...opts, records, recordCount: opts.records.length, baseTimestamp, maxTimestamp, compression });
}

export interface DecodedRecord {
  offset: bigint;
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

/** Decodes the records of one uncompressed or gzip batch at `offset` (validated first). */
export function decodeRecordBatch(buf: Buffer, offset = 0): DecodedRecord[] {
  validateRecordBatch(buf, offset);
  const h = readRecordBatchHeader(buf, offset);
  const end = offset + h.batchLength + RECORD_BATCH_LOG_OVERHEAD;
  let body = buf.subarray(offset + RECORD_BATCH_HEADER_SIZE, end);
  const compression = h.attributes & BatchAttribute.compressionMask;
  if (compression === CompressionType.gzip) body = gunzipSync(body);
  else if (compression !== CompressionType.none) {
    throw new CorruptRecordBatchError(`decoding compression type ${compression} is not supported here`);
  }
  const r = new Reader(body);
  const out: DecodedRecord[] = [];
  for (let i = 0; i < h.recordCount; i++) {
    const len = r.varint();
    const rec = r.sub(len);
    rec.int8();
    const timestamp = h.baseTimestamp + rec.varlong();
    const offsetDelta = rec.varint();
    const keyLen = rec.varint();
    const key = keyLen < 0 ? null : Buffer.from(rec.raw(keyLen));
    const valueLen = rec.varint();
    const value = valueLen < 0 ? null : Buffer.from(rec.raw(valueLen));
    const headerCount = rec.varint();
    const headers: RecordHeader[] = [];
    for (let j = 0; j < headerCount; j++) {
      const kLen = rec.varint();
      const k = rec.raw(kLen).toString('utf8');
      const vLen = rec.varint();
      const v = vLen < 0 ? null : Buffer.from(rec.raw(vLen));
      headers.push({ key: k, value: v });
    }
    out.push({ offset: h.baseOffset + BigInt(offsetDelta), timestamp, key, value, headers });
  }
  return out;
}
