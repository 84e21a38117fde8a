import { readdir } from 'node:fs/promises';
import { PartitionLog } from './partition-log';
import { batchOf, decodeAll, tempDir, testLogConfig } from './testing/log-fixtures';

describe('PartitionLog retention', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('deletes whole old segments by size, moves the log start, and never touches the active segment', async () => {
    const log = await PartitionLog.open({
      dir: dir.path,
      topic: 't',
      partition: 0,
      config: testLogConfig({ segmentBytes: 600, retentionBytes: 1200 }),
      flushIntervalMs: 0,
    });
    for (let i = 0; i < 40; i++) await log.append(batchOf(`r${i}`, 1, { valueBytes: 100 }));
    await log.enforceRetention();
    expect(log.sizeBytes).toBeLessThan(1200 + 600);
    expect(log.sizeBytes).toBeGreaterThanOrEqual(1200 - 600);
    const start = log.logStartOffset;
    expect(start).toBeGreaterThan(0n);
    expect((await log.read(0n, 100)).errorCode).toBe(1);
    expect(decodeAll((await log.read(start, 1 << 20)).records)[0].offset).toBe(start);
    const logs = (await readdir(dir.path)).filter((n) => n.endsWith('.log'));
    expect(logs).toHaveLength(log.segmentCount);
    expect(logs.sort()[0]).toBe(`${String(start).padStart(20, '0')}.log`);
    await log.close();
  });

  it('deletes segments whose newest record is older than retention.ms, keeping the active one', async () => {
    const log = await PartitionLog.open({
      dir: dir.path,
      topic: 't',
      partition: 0,
      config: testLogConfig({ segmentBytes: 400, retentionMs: 60_000 }),
      flushIntervalMs: 0,
    });
    const old = Date.now() - 3_600_000;
    for (let i = 0; i < 10; i++) await log.append(batchOf(`o${i}`, 1, { valueBytes: 100, timestamp: old + i }));
    const segments = log.segmentCount;
    expect(segments).toBeGreaterThan(2);
    expect(await log.enforceRetention()).toBe(segments - 1);
    expect(log.segmentCount).toBe(1);
    expect(log.highWatermark).toBe(10n);
    expect((await log.append(batchOf('new', 1))).baseOffset).toBe(10n);
    await log.close();
  });

  it('lets a read that started on a segment finish while retention deletes it', async () => {
    const log = await PartitionLog.open({
      dir: dir.path,
      topic: 't',
      partition: 0,
      config: testLogConfig({ segmentBytes: 400, retentionBytes: 0 }),
      flushIntervalMs: 0,
    });
    for (let i = 0; i < 10; i++) await log.append(batchOf(`d${i}`, 1, { valueBytes: 100 }));
    const reading = log.read(0n, 1 << 20);
    await log.enforceRetention();
    expect(decodeAll((await reading).records)[0].value.startsWith('d0-')).toBe(true);
    expect(log.segmentCount).toBe(1);
    await log.close();
  });
});
