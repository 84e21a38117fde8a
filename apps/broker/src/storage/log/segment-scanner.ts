import { read } from 'node:fs';
import { promisify } from 'node:util';
import { RECORD_BATCH_HEADER_SIZE, RECORD_BATCH_MAGIC, RecordBatchField, validateRecordBatch } from '@app/kafka-protocol';
import { BatchInfo, readBatchInfo } from './batch-info';

const readAsync = promisify(read);

/** Recovery reads the file in chunks of this size; a larger batch is read on its own. */
const SCAN_CHUNK_BYTES = 1 << 20;

export interface ScanOptions {
  /** Position to start at; must be the start of a batch. */
  from: number;
  /** Bytes of the file to consider. */
  end: number;
  /** Base offset the first batch must have; each next batch must follow the previous without a gap. */
  expectedOffset: number;
  /** Check magic and CRC-32C of every batch (unclean recovery) rather than only lengths and offsets. */
  verifyCrc: boolean;
}

export interface ScanResult {
  /** Position just after the last good batch. */
  validEnd: number;
  /** Offset after the last good batch. */
  nextOffset: number;
  /** Why the scan stopped before `end`, when it did. */
  problem?: string;
}

/**
 * Walks the batches of a segment file from `from`, calling `onBatch` for each good one, and stops
 * at the first batch that is torn (runs past the end), malformed, out of sequence or (with
 * verifyCrc) fails its checksum. Everything from there on is what recovery truncates.
 */
export async function scanSegment(fd: number, opts: ScanOptions, onBatch?: (b: BatchInfo) => void): Promise<ScanResult> {
  let pos = opts.from;
  let nextOffset = opts.expectedOffset;
  let chunk = Buffer.alloc(0);
  let chunkStart = pos;
  const loadAt = async (position: number, minBytes: number): Promise<boolean> => {
    const len = Math.min(Math.max(SCAN_CHUNK_BYTES, minBytes), opts.end - position);
    if (len < minBytes) return false;
    chunk = Buffer.allocUnsafe(len);
    const { bytesRead } = await readAsync(fd, chunk, 0, len, position);
    chunk = chunk.subarray(0, bytesRead);
    chunkStart = position;
    return bytesRead >= minBytes;
  };
  while (pos < opts.end) {
    let at = pos - chunkStart;
    if (at + RECORD_BATCH_HEADER_SIZE > chunk.length) {
      if (!(await loadAt(pos, RECORD_BATCH_HEADER_SIZE))) return { validEnd: pos, nextOffset, problem: 'torn batch header' };
      at = 0;
    }
    const size = chunk.readInt32BE(at + RecordBatchField.batchLength) + 12;
    if (size < RECORD_BATCH_HEADER_SIZE) return { validEnd: pos, nextOffset, problem: `batch length ${size - 12} too small` };
    if (pos + size > opts.end) return { validEnd: pos, nextOffset, problem: 'torn batch (runs past the end of the file)' };
    if (at + size > chunk.length) {
      if (!(await loadAt(pos, size))) return { validEnd: pos, nextOffset, problem: 'torn batch' };
      at = 0;
    }
    if (chunk.readInt8(at + RecordBatchField.magic) !== RECORD_BATCH_MAGIC) {
      return { validEnd: pos, nextOffset, problem: 'bad magic byte' };
    }
    if (opts.verifyCrc) {
      try {
        validateRecordBatch(chunk, at);
      } catch (err) {
        return { validEnd: pos, nextOffset, problem: (err as Error).message };
      }
    }
    const info = readBatchInfo(chunk, at);
    if (info.baseOffset !== nextOffset || info.lastOffsetDelta < 0) {
      return { validEnd: pos, nextOffset, problem: `batch base offset ${info.baseOffset}, expected ${nextOffset}` };
    }
    info.position = pos;
    onBatch?.(info);
    nextOffset = info.baseOffset + info.lastOffsetDelta + 1;
    pos += size;
  }
  return { validEnd: pos, nextOffset };
}
