import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildRecordBatch, CompressionType, crc32c, RecordBatchField } from '@app/kafka-protocol';
import { PartitionLog, PartitionLogOptions } from './partition-log';
import { Segment } from './segment';
import { StorageError } from '../files/storage-error';
import { batchOf, decodeAll, tempDir, testLogConfig } from './testing/log-fixtures';

describe('PartitionLog', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  const open = (over: Partial<PartitionLogOptions> = {}): Promise<PartitionLog> =>
    PartitionLog.open({ dir: dir.path, topic: 't', partition: 0, config: testLogConfig(), flushIntervalMs: 0, ...over });

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('assigns consecutive offsets and reads back what was written', async () => {
    const log = await open();
    const a = await log.append(batchOf('a', 3));
    const b = await log.append(batchOf('b', 2));
    expect(a.baseOffset).toBe(0n);
    expect(b.baseOffset).toBe(3n);
    expect(log.highWatermark).toBe(5n);
    const r = await log.read(0n, 1 << 20);
    expect(r.errorCode).toBe(0);
    expect(decodeAll(r.records).map((x) => [x.offset, x.value])).toEqual([
      [0n, 'a-0'],
      [1n, 'a-1'],
      [2n, 'a-2'],
      [3n, 'b-0'],
      [4n, 'b-1'],
    ]);
    await log.close();
  });

  it('stores batches byte for byte apart from base offset and leader epoch', async () => {
    const log = await open();
    await log.append(batchOf('x', 1));
    const sent = batchOf('y', 2);
    const original = Buffer.from(sent);
    await log.append(sent);
    const { records } = await log.read(1n, 1 << 20);
    expect(records.length).toBe(original.length);
    expect(records.readBigInt64BE(RecordBatchField.baseOffset)).toBe(1n);
    expect(records.readInt32BE(RecordBatchField.partitionLeaderEpoch)).toBe(0);
    expect(records.subarray(RecordBatchField.magic).equals(original.subarray(RecordBatchField.magic))).toBe(true);
    await log.close();
  });

  it('returns the batch containing an offset in its middle, and the first batch whole even over maxBytes', async () => {
    const log = await open();
    await log.append(batchOf('a', 10));
    await log.append(batchOf('b', 10));
    const mid = await log.read(5n, 1);
    expect(decodeAll(mid.records).map((x) => x.offset)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
    const both = await log.read(5n, 1 << 20);
    expect(decodeAll(both.records)).toHaveLength(20);
    await log.close();
  });

  it('answers OFFSET_OUT_OF_RANGE outside [logStart, hwm] and empty records at the hwm', async () => {
    const log = await open();
    await log.append(batchOf('a', 2));
    expect((await log.read(3n, 100)).errorCode).toBe(1);
    expect((await log.read(-1n, 100)).errorCode).toBe(1);
    const atEnd = await log.read(2n, 100);
    expect(atEnd.errorCode).toBe(0);
    expect(atEnd.records.length).toBe(0);
    expect(atEnd.highWatermark).toBe(2n);
    expect(atEnd.lastStableOffset).toBe(2n);
    await log.close();
  });

  it('rejects a corrupt batch with CORRUPT_MESSAGE and writes nothing', async () => {
    const log = await open();
    const bad = batchOf('a', 2);
    bad[bad.length - 1] ^= 0xff;
    await expect(log.append(bad)).rejects.toMatchObject({ errorCode: 2 });
    const truncated = batchOf('a', 2).subarray(0, 40);
    await expect(log.append(truncated)).rejects.toMatchObject({ errorCode: 2 });
    const trailing = Buffer.concat([batchOf('a', 1), Buffer.from([1, 2, 3])]);
    await expect(log.append(trailing)).rejects.toBeInstanceOf(StorageError);
    expect(log.highWatermark).toBe(0n);
    expect(log.sizeBytes).toBe(0);
    await log.close();
  });

  it('rejects a batch over max.message.bytes with MESSAGE_TOO_LARGE', async () => {
    const log = await open({ config: testLogConfig({ maxMessageBytes: 200 }) });
    await expect(log.append(batchOf('big', 1, { valueBytes: 500 }))).rejects.toMatchObject({ errorCode: 10 });
    await log.close();
  });

  it('rejects a batch whose record count disagrees with its offset delta with INVALID_RECORD', async () => {
    const log = await open();
    const b = batchOf('a', 3);
    b.writeInt32BE(5, RecordBatchField.recordCount);
    // recordCount is inside the CRC range: a producer bug looks like this, with a matching CRC
    b.writeUInt32BE(crc32c(b, RecordBatchField.attributes), RecordBatchField.crc);
    await expect(log.append(b)).rejects.toMatchObject({ errorCode: 87 });
    await log.close();
  });

  it('refuses a control batch from a client with INVALID_RECORD', async () => {
    const log = await open();
    const b = batchOf('ctl', 1);
    b.writeInt16BE(b.readInt16BE(RecordBatchField.attributes) | 0x20, RecordBatchField.attributes);
    b.writeUInt32BE(crc32c(b, RecordBatchField.attributes), RecordBatchField.crc);
    await expect(log.append(b)).rejects.toMatchObject({ errorCode: 87 });
    await log.close();
  });

  it('appends several batches in one call and keeps them in one stored blob', async () => {
    const log = await open();
    const res = await log.append(Buffer.concat([batchOf('a', 2), batchOf('b', 3)]));
    expect(res.baseOffset).toBe(0n);
    expect(log.highWatermark).toBe(5n);
    expect(decodeAll((await log.read(0n, 1 << 20)).records).map((r) => r.value)).toEqual(['a-0', 'a-1', 'b-0', 'b-1', 'b-2']);
    await log.close();
  });

  it('orders concurrent appends by call order and groups them into few writes', async () => {
    const flushes: number[] = [];
    const log = await open({ onFlush: (s) => flushes.push(s) });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(batchOf(`c${i}`, 2))));
    expect(results.map((r) => r.baseOffset)).toEqual(Array.from({ length: 50 }, (_, i) => BigInt(i * 2)));
    const values = decodeAll((await log.read(0n, 1 << 20)).records).map((r) => r.value);
    expect(values.slice(0, 4)).toEqual(['c0-0', 'c0-1', 'c1-0', 'c1-1']);
    expect(values).toHaveLength(100);
    // the first append is written alone; the 49 queued behind it share one writev and one fsync
    expect(flushes).toHaveLength(2);
    await log.close();
  });

  it('rolls segments at segment.bytes, names them by base offset, and reads across them', async () => {
    const log = await open({ config: testLogConfig({ segmentBytes: 1000 }) });
    for (let i = 0; i < 30; i++) await log.append(batchOf(`s${i}`, 2, { valueBytes: 40 }));
    expect(log.segmentCount).toBeGreaterThan(3);
    const files = (await readdir(dir.path)).filter((f) => f.endsWith('.log')).sort();
    expect(files[0]).toBe('00000000000000000000.log');
    for (const f of files) expect((await stat(join(dir.path, f))).size).toBeLessThanOrEqual(1000);
    const seen: bigint[] = [];
    let offset = 0n;
    while (offset < log.highWatermark) {
      const r = await log.read(offset, 1 << 20);
      const recs = decodeAll(r.records);
      expect(recs.length).toBeGreaterThan(0);
      seen.push(...recs.filter((x) => x.offset >= offset).map((x) => x.offset));
      offset = recs[recs.length - 1].offset + 1n;
    }
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => BigInt(i)));
    await log.close();
  });

  it('uses the offset index to start reads near the target in a large segment', async () => {
    const log = await open({ config: testLogConfig({ indexIntervalBytes: 128 }) });
    for (let i = 0; i < 200; i++) await log.append(batchOf(`i${i}`, 1, { valueBytes: 100 }));
    for (const target of [0n, 1n, 57n, 123n, 199n]) {
      const recs = decodeAll((await log.read(target, 1)).records);
      expect(recs[0].offset).toBe(target);
    }
    const indexSize = (await stat(join(dir.path, '00000000000000000000.index'))).size;
    expect(indexSize % 8).toBe(0);
    expect(indexSize).toBeGreaterThan(0);
    await log.close();
  });

  it('finds offsets by timestamp within and across batches', async () => {
    const log = await open({ config: testLogConfig({ indexIntervalBytes: 64 }) });
    for (let i = 0; i < 20; i++) await log.append(batchOf(`t${i}`, 5, { timestamp: 1_000_000 + i * 100 }));
    expect(await log.offsetForTimestamp(0n)).toEqual({ offset: 0n, timestamp: 1_000_000n });
    expect(await log.offsetForTimestamp(1_000_702n)).toEqual({ offset: 37n, timestamp: 1_000_702n });
    expect(await log.offsetForTimestamp(1_000_705n)).toEqual({ offset: 40n, timestamp: 1_000_800n });
    expect(await log.offsetForTimestamp(9_999_999n)).toBeUndefined();
    await log.close();
  });

  it('deletes records below an offset (DeleteRecords): the start moves, whole segments go, reads below fail, and it survives a restart', async () => {
    let log = await open({ config: testLogConfig({ segmentBytes: 300 }) });
    for (let i = 0; i < 12; i++) await log.append(batchOf(`d${i}`, 2, { timestamp: 1_000 + i * 10 }));
    const segmentsBefore = log.segmentCount;
    expect(segmentsBefore).toBeGreaterThan(2);
    expect(await log.deleteRecordsBefore(9n)).toBe(9n);
    expect(log.logStartOffset).toBe(9n);
    expect(log.segmentCount).toBeLessThan(segmentsBefore);
    expect((await log.read(8n, 1 << 20)).errorCode).toBe(1);
    const read = await log.read(9n, 1 << 20);
    expect(read.errorCode).toBe(0);
    expect(read.logStartOffset).toBe(9n);
    expect(decodeAll(read.records).map((r) => r.offset)).toContain(9n);
    // Record 0's timestamp is gone with it: the lookup answers the log start instead.
    expect((await log.offsetForTimestamp(0n))!.offset).toBe(9n);
    // Lower than the start: nothing changes; past the high watermark or below -1: OFFSET_OUT_OF_RANGE.
    expect(await log.deleteRecordsBefore(4n)).toBe(9n);
    await expect(log.deleteRecordsBefore(25n)).rejects.toMatchObject({ errorCode: 1 });
    await expect(log.deleteRecordsBefore(-2n)).rejects.toMatchObject({ errorCode: 1 });
    await log.close();

    log = await open({ config: testLogConfig({ segmentBytes: 300 }) });
    expect(log.logStartOffset).toBe(9n);
    expect(await log.deleteRecordsBefore(-1n)).toBe(24n);
    expect(log.logStartOffset).toBe(24n);
    expect((await log.read(24n, 1 << 20)).errorCode).toBe(0);
    expect((await log.append(batchOf('after', 1))).baseOffset).toBe(24n);
    await log.close();
  });

  it('finds the first record with the largest timestamp (ListOffsets MAX_TIMESTAMP), not the last one appended', async () => {
    const log = await open({ config: testLogConfig({ indexIntervalBytes: 64 }) });
    expect(await log.offsetOfMaxTimestamp()).toBeUndefined();
    for (const ts of [1_000, 5_000, 2_000]) await log.append(batchOf(`m${ts}`, 5, { timestamp: ts }));
    // The second batch holds timestamps 5000..5004 at offsets 5..9.
    expect(await log.offsetOfMaxTimestamp()).toEqual({ offset: 9n, timestamp: 5_004n });
    await log.close();
  });

  it('finds the exact record by timestamp inside a gzip batch, and stores it compressed', async () => {
    const log = await open();
    const gz = buildRecordBatch({
      baseTimestamp: 5000n,
      compression: CompressionType.gzip,
      records: Array.from({ length: 10 }, (_, i) => ({ key: null, value: Buffer.from(`g${i}`), timestamp: 5000n + BigInt(i * 10) })),
    });
    await log.append(gz);
    expect(await log.offsetForTimestamp(5031n)).toEqual({ offset: 4n, timestamp: 5040n });
    const { records } = await log.read(0n, 1 << 20);
    expect(records.readInt16BE(RecordBatchField.attributes) & 0x07).toBe(CompressionType.gzip);
    expect(records.length).toBe(gz.length);
    await log.close();
  });

  it('stamps LogAppendTime topics with the append time and keeps the batch valid', async () => {
    const log = await open({ config: testLogConfig({ logAppendTime: true }) });
    const res = await log.append(batchOf('a', 2, { timestamp: 5 }), { now: 1_700_000_000_000 });
    expect(res.logAppendTime).toBe(1_700_000_000_000n);
    const { records } = await log.read(0n, 1 << 20);
    expect(records.readBigInt64BE(RecordBatchField.maxTimestamp)).toBe(1_700_000_000_000n);
    expect(decodeAll(records)).toHaveLength(2);
    await log.close();
  });

  it('tells append listeners the new high watermark as soon as data is committed, until they unsubscribe', async () => {
    const log = await open();
    const seen: bigint[] = [];
    const unsubscribe = log.onAppend((hw) => seen.push(hw));
    await log.append(batchOf('w', 3));
    expect(seen).toEqual([3n]);
    unsubscribe();
    await log.append(batchOf('x', 2));
    expect(seen).toEqual([3n]);
    await log.close();
  });

  it('answers an empty records blob with offset -1 and writes nothing', async () => {
    const log = await open();
    await expect(log.append(Buffer.alloc(0))).resolves.toMatchObject({ baseOffset: -1n });
    expect(log.highWatermark).toBe(0n);
    await log.close();
  });

  it('stops taking appends after a failed write, failing what was in flight, and still serves what was written', async () => {
    const log = await open();
    await log.append(batchOf('ok', 2));
    const diskFull = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const spy = jest.spyOn(Segment.prototype, 'append').mockRejectedValueOnce(diskFull);
    try {
      await expect(log.append(batchOf('lost', 1))).rejects.toMatchObject({ errorCode: 56 });
    } finally {
      spy.mockRestore();
    }
    expect(log.writable).toBe(false);
    await expect(log.append(batchOf('later', 1))).rejects.toMatchObject({ errorCode: 56 });
    expect(log.highWatermark).toBe(2n);
    expect(decodeAll((await log.read(0n, 1 << 20)).records).map((r) => r.value)).toEqual(['ok-0', 'ok-1']);
    await log.close();
    expect(await readdir(dir.path)).not.toContain('.clean-shutdown');
  });

  it('refuses appends after close', async () => {
    const log = await open();
    await log.close();
    await expect(log.append(batchOf('a'))).rejects.toMatchObject({ errorCode: 56 });
  });

  it('syncs every append when the flush interval is 0', async () => {
    const flushes: number[] = [];
    const log = await open({ onFlush: (s) => flushes.push(s) });
    await log.append(batchOf('a', 1));
    await log.append(batchOf('b', 1));
    expect(flushes).toHaveLength(2);
    await log.close();
  });

  it('answers an append that asks only to be written before its fsync, and shows it to readers once synced', async () => {
    const events: string[] = [];
    const log: PartitionLog = await open({ onFlush: () => events.push(`synced at hwm ${log.highWatermark}`) });
    const answered = (name: string) => () => events.push(`${name} answered at hwm ${log.highWatermark}`);
    await Promise.all([
      log.append(batchOf('a', 1), { resolveOnceWritten: true }).then(answered('a')),
      log.append(batchOf('b', 1)).then(answered('b')),
    ]);
    expect(events).toEqual(['a answered at hwm 0', 'synced at hwm 0', 'synced at hwm 1', 'b answered at hwm 2']);
    await log.close();
  });

  it('answers a retried idempotent batch only once the original is committed, even when both ask only to be written', async () => {
    const events: string[] = [];
    const log: PartitionLog = await open({ onFlush: () => events.push('synced') });
    const pid = { producerId: 5n, producerEpoch: 0, baseSequence: 0 };
    const [first, retry] = await Promise.all([
      log.append(batchOf('a', 2, pid), { resolveOnceWritten: true }),
      log.append(batchOf('a', 2, pid), { resolveOnceWritten: true }).then((r) => {
        events.push(`retry answered at hwm ${log.highWatermark}`);
        return r;
      }),
    ]);
    expect(retry.baseOffset).toBe(first.baseOffset);
    expect(events).toEqual(['synced', 'retry answered at hwm 2']);
    expect(log.highWatermark).toBe(2n);
    await log.close();
  });

  it('acknowledges before syncing with a flush interval, then syncs once for the writes of that interval', async () => {
    const flushes: number[] = [];
    let flushed!: () => void;
    const firstFlush = new Promise<void>((r) => (flushed = r));
    const log = await open({ flushIntervalMs: 1000, onFlush: (s) => { flushes.push(s); flushed(); } });
    await log.append(batchOf('a', 1));
    await log.append(batchOf('b', 1));
    expect(flushes).toHaveLength(0);
    await firstFlush;
    expect(flushes).toHaveLength(1);
    await log.close();
  });
});
