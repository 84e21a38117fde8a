import { mkdir, readFile, readdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { recordBatchSize, setBaseOffset, setPartitionLeaderEpoch, validateRecordBatch } from '@app/kafka-protocol';
import { ProducerBatch, ProducerStateTable } from '../producers/producer-state';
import {
  deleteProducerSnapshot,
  listProducerSnapshots,
  readProducerSnapshot,
  writeProducerSnapshot,
} from '../producers/producer-snapshot-file';
import { syncDirectory, TEMP_SUFFIX, writeFileAtomic } from '../files/atomic-file';
import { BatchInfo, isControlBatch, lastSequenceOf, readBatchInfo } from './batch-info';
import { LogConfig, PRODUCER_ID_EXPIRATION_MS, silentLogger, StorageLogger } from './log-config';
import { stampLogAppendTime } from './log-append-time';
import { BufferPool, NOTHING_TO_RELEASE } from '../../buffers/buffer-pool';
import { segmentsToDelete } from './retention';
import { Segment } from './segment';
import { CLEAN_SHUTDOWN_FILE, parseOffsetFileName, SegmentSuffix } from '../files/segment-files';
import { StorageError, StorageErrorCode } from '../files/storage-error';
import { firstRecordAtOrAfter, TimestampHit } from './timestamp-search';

/** Single node: the partition leader epoch written into stored batches never changes. */
const LEADER_EPOCH = 0;
const INT32_MAX = 0x7fffffff;
const EMPTY = Buffer.alloc(0);
/** Idle read buffers a log keeps when it is not given a shared pool (tests, tools). */
const OWN_POOL_BYTES = 8 * 1024 * 1024;

export interface PartitionLogOptions {
  dir: string;
  topic: string;
  partition: number;
  config: LogConfig;
  /** 0 = fsync after every write, before the appends that wait for it resolve; otherwise fsync at most this long after a write. */
  flushIntervalMs: number;
  logger?: StorageLogger;
  /** Observes each fsync's duration (seconds), for the flush latency metric. */
  onFlush?: (seconds: number) => void;
  /** Where reads borrow their buffers (shared by the partitions of a broker). */
  readBuffers?: BufferPool;
}

export interface AppendOptions {
  /** The append time stamped on LogAppendTime topics; defaults to now. */
  now?: number;
  /**
   * Resolve once the batches are written, without waiting for the fsync that a flush interval of 0
   * runs straight after (Produce acks=1 and 0: the leader has written the record to its log, as in
   * Apache Kafka). By default an append resolves once it is as durable as the flush policy makes it.
   */
  resolveOnceWritten?: boolean;
}

export interface AppendResult {
  baseOffset: bigint;
  /** The log append time when the topic uses LogAppendTime, else -1. */
  logAppendTime: bigint;
  logStartOffset: bigint;
}

export interface ReadResult {
  /** 0, or 1 (OFFSET_OUT_OF_RANGE) when the fetch offset is outside [logStartOffset, highWatermark]. */
  errorCode: 0 | 1;
  /** Whole stored batches, raw bytes; empty at the high watermark. */
  records: Buffer;
  /** Hands `records`' buffer back for reuse: call once nothing references them (the response is written). */
  release: () => void;
  highWatermark: bigint;
  /** No transactions, so always the high watermark. */
  lastStableOffset: bigint;
  logStartOffset: bigint;
}

interface PendingAppend {
  buffer: Buffer;
  batches: BatchInfo[];
  endOffset: number;
  result: AppendResult;
  resolveOnceWritten: boolean;
  resolve: (r: AppendResult) => void;
  reject: (err: Error) => void;
  /** Settles `tail`: the high watermark has passed this append, or the log failed. */
  settled: () => void;
}

/**
 * One partition's log: an ordered list of segments, the last one active. Appends are validated,
 * checked against idempotent producer state and given offsets synchronously, in call order; a
 * single writer then writes whatever has queued up with one writev (and one fsync when flushing
 * every append), so concurrent producers share syscalls. The high watermark moves, and readers
 * and long-polling fetches see the data, only once it is written (and synced, if configured).
 */
export class PartitionLog {
  private readonly segments: Segment[];
  private readonly producers: ProducerStateTable;
  private readonly logger: StorageLogger;
  private readonly readBuffers: BufferPool;
  private nextOffset: number;
  private hwm: number;
  private queue: PendingAppend[] = [];
  private writing: Promise<void> | undefined;
  /** Settles once the newest append is committed (under the high watermark) or the log has failed. */
  private tail: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private retentionRunning = false;
  private failure: Error | undefined;
  private closing = false;
  private readonly listeners = new Set<(highWatermark: bigint, bytes: number) => void>();
  /**
   * Offsets below this were deleted by DeleteRecords (KIP-107) though their segment remains: the log starts at
   * the larger of this and the first segment's base offset. Persisted in LOG_START_FILE.
   */
  private recordsDeletedBefore: number;
  /** DeleteRecords calls in flight, one after the other so the persisted start only moves forward. */
  private deletingRecords: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly opts: PartitionLogOptions,
    segments: Segment[],
    producers: ProducerStateTable,
    recordsDeletedBefore: number,
  ) {
    this.segments = segments;
    this.producers = producers;
    this.logger = opts.logger ?? silentLogger;
    this.readBuffers = opts.readBuffers ?? new BufferPool(OWN_POOL_BYTES);
    this.nextOffset = segments[segments.length - 1].nextOffset;
    this.hwm = this.nextOffset;
    // A recovery that truncated the tail may leave less than was deleted: the log then starts at its end.
    this.recordsDeletedBefore = Math.min(recordsDeletedBefore, this.nextOffset);
  }

  get topic(): string {
    return this.opts.topic;
  }

  get partition(): number {
    return this.opts.partition;
  }

  get config(): LogConfig {
    return this.opts.config;
  }

  get highWatermark(): bigint {
    return BigInt(this.hwm);
  }

  get logStartOffset(): bigint {
    return BigInt(this.startOffset);
  }

  private get startOffset(): number {
    return Math.max(this.segments[0].baseOffset, this.recordsDeletedBefore);
  }

  /** Bytes of written batches across all segments. */
  get sizeBytes(): number {
    let total = 0;
    for (const s of this.segments) total += s.size;
    return total;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** False once a write or fsync failed: the partition refuses appends until the broker restarts and recovers it. */
  get writable(): boolean {
    return !this.failure && !this.closing;
  }

  /** Idempotent producers this partition remembers. */
  get producerCount(): number {
    return this.producers.size;
  }

  /**
   * Opens (or creates) the log in `opts.dir`, recovering it: leftover temporary files are removed,
   * indexes rebuilt where missing or torn, and after an unclean shutdown the last segment is
   * validated by length and CRC and truncated at the first torn or corrupt batch. Producer state
   * comes from the newest usable snapshot plus the batches written after it.
   */
  static async open(opts: PartitionLogOptions): Promise<PartitionLog> {
    const logger = opts.logger ?? silentLogger;
    const where = { topic: opts.topic, partition: opts.partition };
    if ((await mkdir(opts.dir, { recursive: true })) !== undefined) await syncDirectory(dirname(opts.dir));
    const names = await readdir(opts.dir);
    await Promise.all(names.filter((n) => n.endsWith(TEMP_SUFFIX)).map((n) => unlink(join(opts.dir, n))));
    const clean = names.includes(CLEAN_SHUTDOWN_FILE);
    if (clean) {
      await unlink(join(opts.dir, CLEAN_SHUTDOWN_FILE));
      await syncDirectory(opts.dir);
    }
    const bases = names
      .map((n) => parseOffsetFileName(n, SegmentSuffix.log))
      .filter((o): o is number => o !== undefined)
      .sort((a, b) => a - b);
    const logFiles = new Set(bases);
    await Promise.all(
      names
        .filter((n) => {
          const o = parseOffsetFileName(n, SegmentSuffix.offsetIndex) ?? parseOffsetFileName(n, SegmentSuffix.timeIndex);
          return o !== undefined && !logFiles.has(o);
        })
        .map((n) => unlink(join(opts.dir, n))),
    );

    const now = Date.now();
    const segments: Segment[] = [];
    try {
      if (bases.length === 0) {
        segments.push(await Segment.create(opts.dir, 0, opts.config.indexIntervalBytes, now));
        await syncDirectory(opts.dir);
      }
      for (let i = 0; i < bases.length; i++) {
        const active = i === bases.length - 1;
        const { segment, report } = await Segment.open(
          opts.dir,
          bases[i],
          opts.config.indexIntervalBytes,
          { active, clean, nextBaseOffset: active ? undefined : bases[i + 1] },
          now,
        );
        segments.push(segment);
        if (report.truncatedBytes > 0) {
          logger.warn(
            { ...where, segment: bases[i], truncatedBytes: report.truncatedBytes, reason: report.problem },
            'log recovery truncated a torn or corrupt tail',
          );
        } else if (report.indexesRebuilt) {
          logger.info({ ...where, segment: bases[i], clean }, 'log recovery rebuilt segment indexes');
        }
      }
      const producers = await PartitionLog.recoverProducers(opts.dir, segments);
      return new PartitionLog(opts, segments, producers, await readLogStart(opts.dir));
    } catch (err) {
      await Promise.all(segments.map((s) => s.close().catch(() => undefined)));
      throw err;
    }
  }

  private static async recoverProducers(dir: string, segments: Segment[]): Promise<ProducerStateTable> {
    const end = segments[segments.length - 1].nextOffset;
    const snapshots = await listProducerSnapshots(dir);
    await Promise.all(snapshots.filter((o) => o > end).map((o) => deleteProducerSnapshot(dir, o)));
    let table = new ProducerStateTable();
    let from = segments[0].baseOffset;
    for (const offset of snapshots.filter((o) => o <= end).reverse()) {
      const snap = await readProducerSnapshot(dir, offset);
      if (snap) {
        table = ProducerStateTable.restore(snap);
        from = Math.max(offset, from);
        break;
      }
    }
    for (const seg of segments) {
      if (seg.nextOffset <= from || seg.isEmpty) continue;
      await seg.forEachBatchFrom(Math.max(from, seg.baseOffset), end, (b) => {
        if (b.baseOffset >= from && b.producerId >= 0) table.record(producerBatch(b, b.maxTimestamp));
      });
    }
    return table;
  }

  /**
   * Appends one Produce partition's `records` (one or more RecordBatch v2, as received). The
   * buffer is validated and then modified in place (base offsets, leader epoch), and read until the
   * returned promise settles; the log keeps no view of it afterwards (a Produce handler holds the
   * request's bytes until then: server/request-bytes.ts). Resolves once written and, when the flush interval is 0 and
   * `resolveOnceWritten` is not set, synced; a retried idempotent batch resolves with its original
   * offset, once committed, without being written again.
   * Throws StorageError: 2 corrupt, 10 too large, 87 invalid, 45/47 producer sequence/epoch, 56 log failed.
   */
  async append(records: Buffer, { now = Date.now(), resolveOnceWritten = false }: AppendOptions = {}): Promise<AppendResult> {
    if (this.failure || this.closing) {
      throw new StorageError(StorageErrorCode.kafkaStorageError, `partition ${this.name} is not writable`);
    }
    if (records.length === 0) return { baseOffset: -1n, logAppendTime: -1n, logStartOffset: this.logStartOffset };
    const batches = this.validate(records);
    const idempotent = batches.filter((b) => b.producerId >= 0);
    if (idempotent.length > 0) {
      const dup = this.producers.check(
        idempotent.map((b) => ({ producerId: b.producerId, epoch: b.producerEpoch, firstSeq: b.baseSequence, lastSeq: lastSequenceOf(b) })),
      );
      if (dup) return this.answerDuplicate(dup);
    }

    let next = this.nextOffset;
    for (const b of batches) {
      b.baseOffset = next;
      setBaseOffset(records, b.position, BigInt(next));
      setPartitionLeaderEpoch(records, b.position, LEADER_EPOCH);
      if (this.opts.config.logAppendTime) {
        stampLogAppendTime(records, b.position, b.size, now);
        b.maxTimestamp = now;
      }
      next += b.lastOffsetDelta + 1;
    }
    if (!Number.isSafeInteger(next)) {
      throw new StorageError(StorageErrorCode.kafkaStorageError, `partition ${this.name} ran out of offsets`);
    }
    const result: AppendResult = {
      baseOffset: BigInt(this.nextOffset),
      logAppendTime: this.opts.config.logAppendTime ? BigInt(now) : -1n,
      logStartOffset: this.logStartOffset,
    };
    this.nextOffset = next;
    for (const b of idempotent) this.producers.record(producerBatch(b, this.opts.config.logAppendTime ? now : b.maxTimestamp));

    let settled!: () => void;
    this.tail = new Promise<void>((resolve) => (settled = resolve));
    const done = new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ buffer: records, batches, endOffset: next, result, resolveOnceWritten, resolve, reject, settled });
    });
    this.drain();
    return done;
  }

  /**
   * Whole batches from the one containing `fetchOffset`, up to `maxBytes` (the first batch whole
   * even if larger), from a single segment, never past the high watermark.
   */
  async read(fetchOffset: bigint, maxBytes: number): Promise<ReadResult> {
    const hw = this.hwm;
    const start = this.startOffset;
    const base = { highWatermark: BigInt(hw), lastStableOffset: BigInt(hw), logStartOffset: BigInt(start), release: NOTHING_TO_RELEASE };
    if (fetchOffset < BigInt(start) || fetchOffset > BigInt(hw)) return { errorCode: 1, records: EMPTY, ...base };
    const target = Number(fetchOffset);
    if (target === hw) return { errorCode: 0, records: EMPTY, ...base };
    for (let i = this.segmentIndexFor(target); i < this.segments.length; i++) {
      const seg = this.segments[i];
      seg.retain();
      try {
        const { bytes, release } = await seg.readBatches(target, maxBytes, hw, this.readBuffers);
        if (bytes.length > 0) return { ...base, errorCode: 0, records: bytes, release };
        release();
      } finally {
        seg.release();
      }
    }
    return { errorCode: 0, records: EMPTY, ...base };
  }

  /** ListOffsets by timestamp: the first record with timestamp >= ts, or undefined when there is none. */
  async offsetForTimestamp(ts: bigint): Promise<{ offset: bigint; timestamp: bigint } | undefined> {
    const target = Number(ts);
    const hw = this.hwm;
    for (const seg of [...this.segments]) {
      if (seg.maxTimestamp < target || seg.isEmpty) continue;
      let hit: TimestampHit | undefined;
      seg.retain();
      try {
        await seg.forEachBatchFrom(seg.baseOffset + seg.timeIndex.lookup(target), hw, (b, chunk, at) => {
          if (b.maxTimestamp < target) return false;
          hit = firstRecordAtOrAfter(b, chunk, at, target);
          return true;
        });
      } finally {
        seg.release();
      }
      // A hit among records DeleteRecords removed answers the log start: seeking there misses no remaining record.
      if (hit) return { offset: BigInt(Math.max(hit.offset, this.startOffset)), timestamp: BigInt(hit.timestamp) };
    }
    return undefined;
  }

  /**
   * DeleteRecords (KIP-107): the log starts at `offset` from now on (-1: the high watermark), persisted before the
   * answer, and segments wholly below it are removed (never the active one). Returns the new log start offset
   * (the low watermark); an offset at or below the current start changes nothing. Throws StorageError 1
   * (OFFSET_OUT_OF_RANGE) for an offset above the high watermark or below -1.
   */
  deleteRecordsBefore(offset: bigint): Promise<bigint> {
    const run = this.deletingRecords.then(() => this.deleteRecords(offset));
    this.deletingRecords = run.catch(() => undefined);
    return run;
  }

  private async deleteRecords(offset: bigint): Promise<bigint> {
    if (this.failure || this.closing) throw new StorageError(StorageErrorCode.kafkaStorageError, `${this.name} is not writable`);
    const hw = this.hwm;
    const target = offset === -1n ? hw : Number(offset);
    if (offset < -1n || target > hw) {
      throw new StorageError(StorageErrorCode.offsetOutOfRange, `offset ${offset} is outside the log's [${this.startOffset}, ${hw}]`);
    }
    if (target <= this.startOffset) return BigInt(this.startOffset);
    await writeFileAtomic(join(this.opts.dir, LOG_START_FILE), `${target}\n`);
    this.recordsDeletedBefore = target;
    if (!this.retentionRunning) {
      let n = 0;
      while (n + 1 < this.segments.length && this.segments[n + 1].baseOffset <= target) n++;
      if (n > 0) {
        this.retentionRunning = true;
        try {
          for (const seg of this.segments.splice(0, n)) await seg.delete();
        } finally {
          this.retentionRunning = false;
        }
      }
    }
    this.logger.info({ topic: this.topic, partition: this.partition, logStartOffset: this.startOffset }, 'records deleted');
    return BigInt(this.startOffset);
  }

  /**
   * ListOffsets MAX_TIMESTAMP (v7+, KIP-734): the first record carrying the largest timestamp in the log, or
   * undefined for an empty log. Segments track their largest batch timestamp; the record itself is found by
   * the timestamp lookup, which returns the first record at or after it.
   */
  async offsetOfMaxTimestamp(): Promise<{ offset: bigint; timestamp: bigint } | undefined> {
    let max = -1;
    for (const seg of this.segments) if (!seg.isEmpty && seg.maxTimestamp > max) max = seg.maxTimestamp;
    return max < 0 ? undefined : this.offsetForTimestamp(BigInt(max));
  }

  /** Calls `listener` synchronously each time the high watermark advances. Returns the unsubscribe function. */
  onAppend(listener: (highWatermark: bigint, bytes: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Deletes old segments that retention.ms / retention.bytes no longer keep (returns how many), and
   * forgets idempotent producers not heard from within the producer id expiration.
   */
  async enforceRetention(now = Date.now()): Promise<number> {
    if (this.retentionRunning || this.closing) return 0;
    this.producers.expire(now, PRODUCER_ID_EXPIRATION_MS);
    const n = segmentsToDelete(this.segments, this.opts.config, now);
    if (n === 0) return 0;
    this.retentionRunning = true;
    try {
      const doomed = this.segments.splice(0, n);
      for (const seg of doomed) await seg.delete();
      this.logger.info(
        { topic: this.topic, partition: this.partition, segments: doomed.map((s) => s.baseOffset), logStartOffset: this.segments[0].baseOffset },
        'retention deleted segments',
      );
      return n;
    } finally {
      this.retentionRunning = false;
    }
  }

  /**
   * Finishes queued appends, syncs everything, writes a producer-state snapshot and the
   * clean-shutdown marker (so the next open skips the full tail check), and closes the files.
   */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    while (this.writing) await this.writing;
    clearTimeout(this.flushTimer);
    await this.flushing.catch(() => undefined);
    const cleanClose = !this.failure;
    try {
      if (cleanClose) {
        await this.active.seal();
        await writeProducerSnapshot(this.opts.dir, this.producers.snapshot(this.nextOffset));
      }
    } finally {
      await Promise.all(this.segments.map((s) => s.close()));
    }
    if (cleanClose) await writeFileAtomic(join(this.opts.dir, CLEAN_SHUTDOWN_FILE), '');
  }

  private get name(): string {
    return `${this.opts.topic}-${this.opts.partition}`;
  }

  private get active(): Segment {
    return this.segments[this.segments.length - 1];
  }

  private validate(records: Buffer): BatchInfo[] {
    const batches: BatchInfo[] = [];
    let pos = 0;
    while (pos < records.length) {
      try {
        validateRecordBatch(records, pos);
      } catch (err) {
        throw new StorageError(StorageErrorCode.corruptMessage, `${this.name}: ${(err as Error).message}`);
      }
      const size = recordBatchSize(records, pos);
      if (size > this.opts.config.maxMessageBytes) {
        throw new StorageError(
          StorageErrorCode.messageTooLarge,
          `${this.name}: record batch of ${size} bytes exceeds max.message.bytes ${this.opts.config.maxMessageBytes}`,
        );
      }
      const b = readBatchInfo(records, pos);
      if (b.recordCount <= 0 || b.lastOffsetDelta !== b.recordCount - 1) {
        throw new StorageError(
          StorageErrorCode.invalidRecord,
          `${this.name}: record count ${b.recordCount} does not match last offset delta ${b.lastOffsetDelta}`,
        );
      }
      if (isControlBatch(b)) {
        throw new StorageError(StorageErrorCode.invalidRecord, `${this.name}: clients may not write control batches`);
      }
      if (b.producerId >= 0 && b.baseSequence < 0) {
        throw new StorageError(StorageErrorCode.invalidRecord, `${this.name}: producer ${b.producerId} sent sequence ${b.baseSequence}`);
      }
      batches.push(b);
      pos += size;
    }
    return batches;
  }

  /** A retry of a batch already appended: answer with its original offsets once it is durable. */
  private async answerDuplicate(dup: ProducerBatch): Promise<AppendResult> {
    while (this.hwm <= dup.lastOffset && !this.failure) await this.tail;
    if (this.failure) throw new StorageError(StorageErrorCode.kafkaStorageError, `partition ${this.name} is not writable`);
    return {
      baseOffset: BigInt(dup.baseOffset),
      logAppendTime: this.opts.config.logAppendTime ? BigInt(dup.timestamp) : -1n,
      logStartOffset: this.logStartOffset,
    };
  }

  /** Starts the single writer unless it is running; it runs until the queue stays empty. */
  private drain(): void {
    if (this.writing) return;
    this.writing = this.writeQueued().finally(() => {
      this.writing = undefined;
    });
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0 && !this.failure) {
      const items = this.queue;
      this.queue = [];
      let bytes = 0;
      try {
        await this.writeItems(items);
        for (const item of items) {
          bytes += item.buffer.length;
          if (item.resolveOnceWritten) item.resolve(item.result);
        }
        if (this.opts.flushIntervalMs === 0) await this.flushActive();
        else this.scheduleFlush();
      } catch (err) {
        this.fail(err as Error, items);
        return;
      }
      // Readers see an append only once it is as durable as the flush policy makes it, so a
      // consumer never reads a record an OS crash could take back when every write is synced.
      this.hwm = items[items.length - 1].endOffset;
      for (const item of items) {
        if (!item.resolveOnceWritten) item.resolve(item.result);
        item.settled();
      }
      this.notify(BigInt(this.hwm), bytes);
    }
  }

  private notify(highWatermark: bigint, bytes: number): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(highWatermark, bytes);
      } catch (err) {
        this.logger.error({ topic: this.topic, partition: this.partition, err: (err as Error).message }, 'append listener failed');
      }
    }
  }

  private async writeItems(items: PendingAppend[]): Promise<void> {
    let buffers: Buffer[] = [];
    let batches: BatchInfo[] = [];
    let projected = this.active.size;
    const now = Date.now();
    for (const item of items) {
      const first = item.batches[0];
      if (projected > 0 && this.shouldRoll(projected, item, now)) {
        if (buffers.length > 0) await this.active.append(buffers, batches);
        buffers = [];
        batches = [];
        await this.roll(first.baseOffset);
        projected = 0;
      }
      buffers.push(item.buffer);
      for (const b of item.batches) batches.push(b);
      projected += item.buffer.length;
    }
    if (buffers.length > 0) await this.active.append(buffers, batches);
  }

  private shouldRoll(projectedSize: number, item: PendingAppend, now: number): boolean {
    const seg = this.active;
    return (
      projectedSize + item.buffer.length > this.opts.config.segmentBytes ||
      seg.timeWaitedForRoll(now, item.batches[0].maxTimestamp) > this.opts.config.segmentMs ||
      item.endOffset - seg.baseOffset > INT32_MAX
    );
  }

  /** Seals the active segment (durable, final time index entry), starts a new one, snapshots producer state. */
  private async roll(baseOffset: number): Promise<void> {
    await this.active.seal();
    this.segments.push(await Segment.create(this.opts.dir, baseOffset, this.opts.config.indexIntervalBytes, Date.now()));
    await syncDirectory(this.opts.dir);
    await writeProducerSnapshot(this.opts.dir, this.producers.snapshot(baseOffset));
    this.logger.info({ topic: this.topic, partition: this.partition, baseOffset }, 'rolled log segment');
  }

  private async flushActive(): Promise<void> {
    const started = process.hrtime.bigint();
    await this.active.flush();
    this.opts.onFlush?.(Number(process.hrtime.bigint() - started) / 1e9);
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      if (this.closing || this.failure) return;
      this.flushing = this.flushActive().catch((err: Error) => this.fail(err, []));
    }, this.opts.flushIntervalMs);
    this.flushTimer.unref();
  }

  /** A write or sync failed: the log stops taking appends (a restart recovers it) and everything in flight fails. */
  private fail(err: Error, inFlight: PendingAppend[]): void {
    this.failure ??= err;
    this.logger.error({ topic: this.topic, partition: this.partition, err: err.message }, 'partition log failed; appends refused until restart');
    const failed = new StorageError(StorageErrorCode.kafkaStorageError, `partition ${this.name}: ${err.message}`);
    // An append already answered once written keeps its answer and may be lost, like an acks=1 write in Apache Kafka
    // whose leader fails.
    for (const item of [...inFlight, ...this.queue]) {
      item.reject(failed);
      item.settled();
    }
    this.queue = [];
  }

  private segmentIndexFor(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.segments[mid].baseOffset <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}

function producerBatch(b: BatchInfo, timestamp: number): ProducerBatch {
  return {
    producerId: b.producerId,
    epoch: b.producerEpoch,
    firstSeq: b.baseSequence,
    lastSeq: lastSequenceOf(b),
    baseOffset: b.baseOffset,
    lastOffset: b.baseOffset + b.lastOffsetDelta,
    timestamp,
  };
}

/** The log start offset DeleteRecords set, as decimal text; absent until the first DeleteRecords. */
const LOG_START_FILE = 'log-start-offset';

async function readLogStart(dir: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(join(dir, LOG_START_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const n = Number(text.trim());
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${join(dir, LOG_START_FILE)} does not hold an offset: ${JSON.stringify(text)}`);
  return n;
}
