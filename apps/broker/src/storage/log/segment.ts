import { close, constants, fdatasync, fstat, ftruncate, open, read, writev } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { RECORD_BATCH_HEADER_SIZE, RecordBatchField } from '@app/kafka-protocol';
import { BatchInfo, readBatchInfo } from './batch-info';
import { OFFSET_INDEX_ENTRY_SIZE, OffsetIndex } from './offset-index';
import { NOTHING_TO_RELEASE, type BufferLease, type BufferPool } from '../../buffers/buffer-pool';
import { scanSegment } from './segment-scanner';
import { segmentPaths } from '../files/segment-files';
import { TIME_INDEX_ENTRY_SIZE, TimeIndex } from './time-index';

const openAsync = promisify(open);
const closeAsync = promisify(close);
const readAsync = promisify(read);
const writevAsync = promisify(writev);
const fdatasyncAsync = promisify(fdatasync);
const fstatAsync = promisify(fstat);
const ftruncateAsync = promisify(ftruncate);

/** writev takes at most IOV_MAX (1024 on Linux) buffers per call. */
const IOV_MAX = 1024;

/** Index files are written at explicit positions, so they must not be opened in append mode. */
const READ_WRITE_CREATE = constants.O_RDWR | constants.O_CREAT;

export interface SegmentOpenMode {
  /** The last segment of the log: opened for appending, and its tail is checked. */
  active: boolean;
  /** The log was closed cleanly: the active segment's indexes are trusted and only its tail is walked. */
  clean: boolean;
  /** For a non-active segment: the next segment's base offset, which is where this one ends. */
  nextBaseOffset?: number;
}

export interface SegmentOpenReport {
  /** Bytes cut off the end of the file because they were torn or corrupt. */
  truncatedBytes: number;
  problem?: string;
  indexesRebuilt: boolean;
}

/**
 * One segment: a log file holding whole record batches exactly as received (base offset set), and
 * its sparse offset and time indexes. Appends go through one writev per call; reads return raw bytes.
 */
export class Segment {
  /** Bytes of the log file that hold complete, written batches. */
  size = 0;
  /** Offset after the last batch written to this segment. */
  nextOffset: number;
  /** Largest batch max timestamp in the segment (-1 when empty). */
  maxTimestamp = -1;
  /** Max timestamp of the segment's first batch (-1 when empty or unknown), the start of segment.ms. */
  firstBatchTimestamp = -1;
  private readonly openedAt: number;
  private offsetOfMaxTimestamp: number;
  private lastIndexedPosition = 0;
  private offsetIndexFileSize: number;
  private timeIndexFileSize: number;
  private readers = 0;
  private deleted = false;
  private closed = false;

  private constructor(
    readonly dir: string,
    readonly baseOffset: number,
    private readonly indexIntervalBytes: number,
    private readonly logFd: number,
    private readonly offsetIndexFd: number,
    private readonly timeIndexFd: number,
    readonly offsetIndex: OffsetIndex,
    readonly timeIndex: TimeIndex,
    now: number,
  ) {
    this.nextOffset = baseOffset;
    this.offsetOfMaxTimestamp = baseOffset;
    this.openedAt = now;
    this.offsetIndexFileSize = offsetIndex.length * OFFSET_INDEX_ENTRY_SIZE;
    this.timeIndexFileSize = timeIndex.length * TIME_INDEX_ENTRY_SIZE;
  }

  static async create(dir: string, baseOffset: number, indexIntervalBytes: number, now: number): Promise<Segment> {
    const p = segmentPaths(dir, baseOffset);
    const [logFd, oiFd, tiFd] = await Promise.all([openAsync(p.log, 'wx+'), openAsync(p.offsetIndex, 'w+'), openAsync(p.timeIndex, 'w+')]);
    return new Segment(dir, baseOffset, indexIntervalBytes, logFd, oiFd, tiFd, new OffsetIndex(), new TimeIndex(), now);
  }

  /**
   * Opens an existing segment. Indexes that are missing, torn or inconsistent are rebuilt from the
   * log file. The active segment after an unclean shutdown is scanned whole with CRC checks and
   * truncated at the first torn or corrupt batch; after a clean one only the tail past the last
   * index entry is walked.
   */
  static async open(
    dir: string,
    baseOffset: number,
    indexIntervalBytes: number,
    mode: SegmentOpenMode,
    now: number,
  ): Promise<{ segment: Segment; report: SegmentOpenReport }> {
    const p = segmentPaths(dir, baseOffset);
    const logFd = await openAsync(p.log, 'r+');
    const fileSize = (await fstatAsync(logFd)).size;
    const offsetSpan = mode.nextBaseOffset !== undefined ? mode.nextBaseOffset - baseOffset : Number.MAX_SAFE_INTEGER;
    const [oiBytes, tiBytes] = await Promise.all([readIfExists(p.offsetIndex), readIfExists(p.timeIndex)]);
    let offsetIndex = oiBytes && OffsetIndex.decode(oiBytes, fileSize);
    const timeIndex = tiBytes && TimeIndex.decode(tiBytes, offsetSpan);
    if (offsetIndex && offsetIndex.lastRelOffset >= offsetSpan) offsetIndex = undefined;
    const [oiFd, tiFd] = await Promise.all([openAsync(p.offsetIndex, READ_WRITE_CREATE), openAsync(p.timeIndex, READ_WRITE_CREATE)]);
    const report: SegmentOpenReport = { truncatedBytes: 0, indexesRebuilt: false };

    const trusted = offsetIndex && timeIndex && !(mode.active && !mode.clean) ? { offsetIndex, timeIndex } : undefined;
    const fullScan = trusted === undefined;
    const segment = new Segment(
      dir,
      baseOffset,
      indexIntervalBytes,
      logFd,
      oiFd,
      tiFd,
      trusted?.offsetIndex ?? new OffsetIndex(),
      trusted?.timeIndex ?? new TimeIndex(),
      now,
    );
    if (!fullScan) {
      segment.lastIndexedPosition = segment.offsetIndex.lastPosition;
      segment.maxTimestamp = segment.timeIndex.lastTimestamp;
      segment.offsetOfMaxTimestamp = baseOffset + segment.timeIndex.lastRelOffset;
      if (mode.active) {
        const from = segment.offsetIndex.lastPosition;
        const walk = await scanSegment(logFd, {
          from,
          end: fileSize,
          expectedOffset: baseOffset + segment.offsetIndex.lastRelOffset,
          verifyCrc: false,
        }, (b) => segment.track(b));
        if (walk.problem !== undefined) {
          await segment.closeFds();
          return Segment.open(dir, baseOffset, indexIntervalBytes, { ...mode, clean: false }, now);
        }
        segment.size = walk.validEnd;
        segment.nextOffset = walk.nextOffset;
      } else {
        segment.size = fileSize;
        segment.nextOffset = mode.nextBaseOffset ?? baseOffset;
      }
      await segment.readFirstBatchTimestamp();
      return { segment, report };
    }

    const scan = await scanSegment(
      logFd,
      { from: 0, end: fileSize, expectedOffset: baseOffset, verifyCrc: mode.active },
      (b) => {
        segment.track(b);
        segment.indexBatch(b);
      },
    );
    report.indexesRebuilt = true;
    if (scan.validEnd < fileSize) {
      if (!mode.active) {
        await segment.closeFds();
        throw new Error(`segment ${p.log} is corrupt at position ${scan.validEnd} (${scan.problem}) and is not the last segment`);
      }
      await ftruncateAsync(logFd, scan.validEnd);
      await fdatasyncAsync(logFd);
      report.truncatedBytes = fileSize - scan.validEnd;
      report.problem = scan.problem;
    }
    segment.size = scan.validEnd;
    segment.nextOffset = mode.active ? scan.nextOffset : (mode.nextBaseOffset ?? scan.nextOffset);
    await segment.rewriteIndexes();
    await segment.readFirstBatchTimestamp();
    return { segment, report };
  }

  /** Whether any batches have been written. */
  get isEmpty(): boolean {
    return this.size === 0;
  }

  /**
   * Appends batches that already carry their offsets. `buffers` hold exactly the bytes of
   * `batches` in order (positions in BatchInfo are ignored; file positions follow this.size).
   */
  async append(buffers: Buffer[], batches: BatchInfo[]): Promise<void> {
    const oiEntries: number[] = [];
    const tiEntries: number[] = [];
    let position = this.size;
    let next = this.nextOffset;
    for (const b of batches) {
      const indexDue = this.trackAt(b, position);
      if (indexDue) {
        oiEntries.push(b.baseOffset - this.baseOffset, position);
        if (this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp - this.baseOffset)) {
          tiEntries.push(this.maxTimestamp, this.offsetOfMaxTimestamp - this.baseOffset);
        }
        this.offsetIndex.append(b.baseOffset - this.baseOffset, position);
        this.lastIndexedPosition = position;
      }
      position += b.size;
      next = b.baseOffset + b.lastOffsetDelta + 1;
    }
    await writeAll(this.logFd, buffers, this.size, position - this.size);
    this.size = position;
    this.nextOffset = next;
    await this.writeIndexEntries(oiEntries, tiEntries);
  }

  /** Makes the log file's data durable. */
  async flush(): Promise<void> {
    await fdatasyncAsync(this.logFd);
  }

  /** Records the final time index entry (so the segment's max timestamp survives) and syncs everything. */
  async seal(): Promise<void> {
    const rel = this.offsetOfMaxTimestamp - this.baseOffset;
    if (this.maxTimestamp >= 0 && this.timeIndex.maybeAppend(this.maxTimestamp, rel)) {
      await this.writeIndexEntries([], [this.maxTimestamp, rel]);
    }
    await Promise.all([fdatasyncAsync(this.logFd), fdatasyncAsync(this.offsetIndexFd), fdatasyncAsync(this.timeIndexFd)]);
  }

  /** Reads up to `length` bytes at `position`, never past the written data. */
  async readAt(position: number, length: number): Promise<Buffer> {
    const len = Math.max(0, Math.min(length, this.size - position));
    return this.readInto(Buffer.allocUnsafe(len), position, len);
  }

  /** Fills `buf` from `position` with up to `length` bytes; returns the filled part. */
  private async readInto(buf: Buffer, position: number, length: number): Promise<Buffer> {
    let done = 0;
    while (done < length) {
      const { bytesRead } = await readAsync(this.logFd, buf, done, length - done, position + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return buf.subarray(0, done);
  }

  /**
   * Whole batches starting with the one that contains `offset`, up to `maxBytes` (the first batch
   * is returned whole whatever its size), none at or beyond `limitOffset`. Empty when the segment
   * holds no such batch. The bytes usually sit in a buffer leased from `pool`: release them once
   * nothing references them.
   */
  async readBatches(offset: number, maxBytes: number, limitOffset: number, pool: BufferPool): Promise<PooledBytes> {
    let position = this.offsetIndex.lookup(offset - this.baseOffset);
    if (position >= this.size) return unpooled(EMPTY);
    const span = Math.max(Math.max(maxBytes, 0) + this.indexIntervalBytes + RECORD_BATCH_HEADER_SIZE, 64 * 1024);
    // Sized by what is there to read, so a consumer at the tail does not hold a buffer sized for its whole limit.
    const lease = pool.lease(Math.min(span, this.size - position));
    const chunkLength = Math.min(span, lease.buffer.length);
    try {
      for (;;) {
        if (position >= this.size) break;
        const chunk = await this.readInto(lease.buffer, position, Math.min(chunkLength, this.size - position));
        let at = 0;
        while (at + RECORD_BATCH_HEADER_SIZE <= chunk.length) {
          const size = chunk.readInt32BE(at + RecordBatchField.batchLength) + 12;
          if (size < RECORD_BATCH_HEADER_SIZE) throw new Error(`segment ${this.baseOffset}: bad batch length at position ${position + at}`);
          const base = Number(chunk.readBigInt64BE(at + RecordBatchField.baseOffset));
          if (base >= limitOffset) return releaseAndReturn(lease, EMPTY);
          const last = base + chunk.readInt32BE(at + RecordBatchField.lastOffsetDelta);
          if (last >= offset) return this.collect(chunk, at, position + at, maxBytes, limitOffset, lease);
          at += size;
        }
        if (at === 0) break;
        position += at;
      }
    } catch (err) {
      lease.release();
      throw err;
    }
    return releaseAndReturn(lease, EMPTY);
  }

  private async collect(
    chunk: Buffer,
    start: number,
    filePosition: number,
    maxBytes: number,
    limitOffset: number,
    lease: BufferLease,
  ): Promise<PooledBytes> {
    const firstSize = chunk.readInt32BE(start + RecordBatchField.batchLength) + 12;
    if (start + firstSize > chunk.length) {
      lease.release();
      return unpooled(await this.readAt(filePosition, firstSize));
    }
    let end = start + firstSize;
    while (end + RECORD_BATCH_HEADER_SIZE <= chunk.length) {
      const size = chunk.readInt32BE(end + RecordBatchField.batchLength) + 12;
      if (end + size > chunk.length || end + size - start > maxBytes) break;
      if (Number(chunk.readBigInt64BE(end + RecordBatchField.baseOffset)) >= limitOffset) break;
      end += size;
    }
    return { bytes: chunk.subarray(start, end), release: lease.release };
  }

  /** Headers of the batches from the one containing `offset` on, for searches (timestamps, producer state). */
  async forEachBatchFrom(offset: number, limitOffset: number, visit: (b: BatchInfo, chunk: Buffer, at: number) => boolean | void): Promise<void> {
    let position = this.offsetIndex.lookup(offset - this.baseOffset);
    while (position < this.size) {
      const chunk = await this.readAt(position, 1 << 20);
      let at = 0;
      while (at + RECORD_BATCH_HEADER_SIZE <= chunk.length) {
        const b = readBatchInfo(chunk, at);
        if (b.size < RECORD_BATCH_HEADER_SIZE) throw new Error(`segment ${this.baseOffset}: bad batch length at position ${position + at}`);
        if (b.baseOffset >= limitOffset) return;
        if (at + b.size > chunk.length) {
          if (at === 0) {
            const whole = await this.readAt(position, b.size);
            b.position = position;
            if (b.baseOffset + b.lastOffsetDelta >= offset && visit(b, whole, 0) === true) return;
            at = b.size;
          }
          break;
        }
        b.position = position + at;
        if (b.baseOffset + b.lastOffsetDelta >= offset && visit(b, chunk, at) === true) return;
        at += b.size;
      }
      if (at === 0) return;
      position += at;
    }
  }

  /** Pins the segment's files for a read; a deleted segment closes its files when the last reader is done. */
  retain(): void {
    this.readers++;
  }

  release(): void {
    this.readers--;
    if (this.deleted && this.readers === 0) void this.closeFds();
  }

  /** Removes the segment's files; open reads finish on the still-open descriptors. */
  async delete(): Promise<void> {
    this.deleted = true;
    const p = segmentPaths(this.dir, this.baseOffset);
    await Promise.all([p.log, p.offsetIndex, p.timeIndex].map((f) => unlink(f).catch(() => undefined)));
    if (this.readers === 0) await this.closeFds();
  }

  async close(): Promise<void> {
    await this.closeFds();
  }

  private async closeFds(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([closeAsync(this.logFd), closeAsync(this.offsetIndexFd), closeAsync(this.timeIndexFd)]);
  }

  /** Updates size-independent tracking (max timestamp, offsets) for a batch at `position`; returns whether an index entry is due. */
  private trackAt(b: BatchInfo, position: number): boolean {
    if (position === 0) this.firstBatchTimestamp = b.maxTimestamp;
    if (b.maxTimestamp > this.maxTimestamp) {
      this.maxTimestamp = b.maxTimestamp;
      this.offsetOfMaxTimestamp = b.baseOffset;
    }
    return position > 0 && position - this.lastIndexedPosition >= this.indexIntervalBytes;
  }

  private track(b: BatchInfo): void {
    if (b.maxTimestamp > this.maxTimestamp) {
      this.maxTimestamp = b.maxTimestamp;
      this.offsetOfMaxTimestamp = b.baseOffset;
    }
  }

  /** Rebuild step of a recovery scan: adds the index entries the batch would have had when written. */
  private indexBatch(b: BatchInfo): void {
    if (b.position > 0 && b.position - this.lastIndexedPosition >= this.indexIntervalBytes) {
      this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp - this.baseOffset);
      this.offsetIndex.append(b.baseOffset - this.baseOffset, b.position);
      this.lastIndexedPosition = b.position;
    }
  }

  private async rewriteIndexes(): Promise<void> {
    if (this.maxTimestamp >= 0) this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp - this.baseOffset);
    const oi = this.offsetIndex.encode();
    const ti = this.timeIndex.encode();
    await Promise.all([ftruncateAsync(this.offsetIndexFd, 0), ftruncateAsync(this.timeIndexFd, 0)]);
    await Promise.all([writeAll(this.offsetIndexFd, [oi], 0, oi.length), writeAll(this.timeIndexFd, [ti], 0, ti.length)]);
    this.offsetIndexFileSize = oi.length;
    this.timeIndexFileSize = ti.length;
    await Promise.all([fdatasyncAsync(this.offsetIndexFd), fdatasyncAsync(this.timeIndexFd)]);
  }

  private async writeIndexEntries(oiEntries: number[], tiEntries: number[]): Promise<void> {
    const writes: Promise<void>[] = [];
    if (oiEntries.length > 0) {
      const buf = Buffer.allocUnsafe((oiEntries.length / 2) * OFFSET_INDEX_ENTRY_SIZE);
      for (let i = 0; i < oiEntries.length; i += 2) OffsetIndex.encodeEntry(oiEntries[i], oiEntries[i + 1], buf, (i / 2) * OFFSET_INDEX_ENTRY_SIZE);
      writes.push(writeAll(this.offsetIndexFd, [buf], this.offsetIndexFileSize, buf.length));
      this.offsetIndexFileSize += buf.length;
    }
    if (tiEntries.length > 0) {
      const buf = Buffer.allocUnsafe((tiEntries.length / 2) * TIME_INDEX_ENTRY_SIZE);
      for (let i = 0; i < tiEntries.length; i += 2) TimeIndex.encodeEntry(tiEntries[i], tiEntries[i + 1], buf, (i / 2) * TIME_INDEX_ENTRY_SIZE);
      writes.push(writeAll(this.timeIndexFd, [buf], this.timeIndexFileSize, buf.length));
      this.timeIndexFileSize += buf.length;
    }
    await Promise.all(writes);
  }

  /**
   * How long the segment has been filling, for segment.ms (Kafka's rule): from its first batch's
   * timestamp to the incoming batch's, or since it was opened when timestamps are unknown.
   */
  timeWaitedForRoll(now: number, incomingTimestamp: number): number {
    return this.firstBatchTimestamp >= 0 && incomingTimestamp >= 0 ? incomingTimestamp - this.firstBatchTimestamp : now - this.openedAt;
  }

  private async readFirstBatchTimestamp(): Promise<void> {
    if (this.size < RECORD_BATCH_HEADER_SIZE) return;
    const head = await this.readAt(0, RECORD_BATCH_HEADER_SIZE);
    this.firstBatchTimestamp = Number(head.readBigInt64BE(RecordBatchField.maxTimestamp));
  }
}

const EMPTY = Buffer.alloc(0);

/** Bytes that may live in a pooled buffer: call `release` once they are no longer referenced. */
export interface PooledBytes {
  bytes: Buffer;
  release: () => void;
}

function unpooled(bytes: Buffer): PooledBytes {
  return { bytes, release: NOTHING_TO_RELEASE };
}

function releaseAndReturn(lease: BufferLease, bytes: Buffer): PooledBytes {
  lease.release();
  return unpooled(bytes);
}

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Writes all of `buffers` (total `length` bytes) at `position`, resuming after short writes. */
async function writeAll(fd: number, buffers: Buffer[], position: number, length: number): Promise<void> {
  let written = 0;
  let i = 0;
  let skip = 0;
  while (written < length) {
    const iov: Buffer[] = [];
    for (let j = i; j < buffers.length && iov.length < IOV_MAX; j++) iov.push(j === i && skip > 0 ? buffers[j].subarray(skip) : buffers[j]);
    let n = (await writevAsync(fd, iov, position + written)).bytesWritten;
    if (n <= 0) throw new Error(`write to fd ${fd} made no progress at position ${position + written}`);
    written += n;
    while (n > 0) {
      const left = buffers[i].length - skip;
      if (n >= left) {
        n -= left;
        i++;
        skip = 0;
      } else {
        skip += n;
        n = 0;
      }
    }
  }
}
