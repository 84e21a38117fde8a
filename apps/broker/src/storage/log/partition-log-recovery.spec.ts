import { appendFile, open as openFile, readdir, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PartitionLog, PartitionLogOptions } from './partition-log';
import { batchOf, decodeAll, tempDir, testLogConfig } from './testing/log-fixtures';

const SEGMENT0 = '00000000000000000000';

describe('PartitionLog recovery', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  const logs: PartitionLog[] = [];
  const open = async (over: Partial<PartitionLogOptions> = {}): Promise<PartitionLog> => {
    const log = await PartitionLog.open({ dir: dir.path, topic: 't', partition: 0, config: testLogConfig(), flushIntervalMs: 0, ...over });
    logs.push(log);
    return log;
  };
  const values = async (log: PartitionLog): Promise<string[]> => {
    const out: string[] = [];
    let offset = log.logStartOffset;
    while (offset < log.highWatermark) {
      const recs = decodeAll((await log.read(offset, 1 << 20)).records).filter((r) => r.offset >= offset);
      out.push(...recs.map((r) => r.value));
      offset = recs[recs.length - 1].offset + 1n;
    }
    return out;
  };
  /** Simulates a crash: the files stay as written, nothing is closed, flushed or marked clean. */
  const crash = (log: PartitionLog): void => {
    logs.splice(logs.indexOf(log), 1);
  };

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await Promise.allSettled(logs.splice(0).map((l) => l.close()));
    await dir.cleanup();
  });

  it('reopens after a clean close with the same data and continues the offsets', async () => {
    const log = await open();
    await log.append(batchOf('a', 3));
    await log.close();
    expect(await readdir(dir.path)).toContain('.clean-shutdown');
    const again = await open();
    expect(again.highWatermark).toBe(3n);
    expect((await again.append(batchOf('b', 1))).baseOffset).toBe(3n);
    expect(await values(again)).toEqual(['a-0', 'a-1', 'a-2', 'b-0']);
  });

  it('truncates a batch torn in the middle after a crash; offsets continue without a gap', async () => {
    const log = await open();
    await log.append(batchOf('a', 2));
    await log.append(batchOf('b', 2));
    const sizeBefore = log.sizeBytes;
    await log.append(batchOf('c', 2));
    crash(log);
    const file = join(dir.path, `${SEGMENT0}.log`);
    const full = (await stat(file)).size;
    await truncate(file, sizeBefore + Math.floor((full - sizeBefore) / 2));

    const again = await open();
    expect(again.highWatermark).toBe(4n);
    expect((await stat(file)).size).toBe(sizeBefore);
    expect((await again.append(batchOf('d', 1))).baseOffset).toBe(4n);
    expect(await values(again)).toEqual(['a-0', 'a-1', 'b-0', 'b-1', 'd-0']);
  });

  it('truncates a tail batch whose CRC does not match', async () => {
    const log = await open();
    await log.append(batchOf('a', 2));
    const good = log.sizeBytes;
    await log.append(batchOf('b', 2));
    crash(log);
    const file = join(dir.path, `${SEGMENT0}.log`);
    const fh = await openFile(file, 'r+');
    await fh.write(Buffer.from([0x5a]), 0, 1, good + 70);
    await fh.close();
    const again = await open();
    expect(again.highWatermark).toBe(2n);
    expect(await values(again)).toEqual(['a-0', 'a-1']);
  });

  it('drops zero-filled garbage after the last batch (a preallocated or half-written tail)', async () => {
    const log = await open();
    await log.append(batchOf('a', 2));
    crash(log);
    await appendFile(join(dir.path, `${SEGMENT0}.log`), Buffer.alloc(100));
    const again = await open();
    expect(again.highWatermark).toBe(2n);
    expect(again.sizeBytes).toBe((await stat(join(dir.path, `${SEGMENT0}.log`))).size);
  });

  it('checks the tail even when the clean-shutdown marker is present', async () => {
    const log = await open();
    await log.append(batchOf('a', 2));
    await log.close();
    await appendFile(join(dir.path, `${SEGMENT0}.log`), Buffer.from('garbage that is not a batch, long enough for a header.........'));
    const again = await open();
    expect(again.highWatermark).toBe(2n);
    expect(await values(again)).toEqual(['a-0', 'a-1']);
  });

  it('rebuilds missing and torn indexes, and reads still find every offset', async () => {
    const config = testLogConfig({ segmentBytes: 4000, indexIntervalBytes: 100 });
    const log = await open({ config });
    for (let i = 0; i < 60; i++) await log.append(batchOf(`r${i}`, 1, { valueBytes: 60, timestamp: 1000 + i }));
    const segments = log.segmentCount;
    expect(segments).toBeGreaterThan(1);
    await log.close();
    const names = (await readdir(dir.path)).filter((n) => n.endsWith('.index') || n.endsWith('.timeindex')).sort();
    const originals = new Map<string, number>();
    for (const n of names) originals.set(n, (await stat(join(dir.path, n))).size);
    await unlink(join(dir.path, names[0]));
    await appendFile(join(dir.path, names[names.length - 1]), Buffer.from([1, 2, 3]));

    const again = await open({ config });
    expect(again.segmentCount).toBe(segments);
    for (const n of names) expect([n, (await stat(join(dir.path, n))).size]).toEqual([n, originals.get(n)]);
    for (let i = 0; i < 60; i++) {
      const recs = decodeAll((await again.read(BigInt(i), 1)).records);
      expect(recs[0].value.startsWith(`r${i}-`)).toBe(true);
    }
    expect(await again.offsetForTimestamp(1030n)).toEqual({ offset: 30n, timestamp: 1030n });
  });

  it('removes leftover temporary files and indexes without a log file', async () => {
    await writeFile(join(dir.path, 'topics.json.tmp'), 'x');
    await writeFile(join(dir.path, '00000000000000000999.index'), Buffer.alloc(8));
    const log = await open();
    const names = await readdir(dir.path);
    expect(names).not.toContain('topics.json.tmp');
    expect(names).not.toContain('00000000000000000999.index');
    expect(log.highWatermark).toBe(0n);
  });

  it('remembers idempotent producers across a clean restart (snapshot) and a crash (log scan)', async () => {
    const pid = { producerId: 7n, producerEpoch: 0 };
    const log = await open();
    await log.append(batchOf('a', 2, { ...pid, baseSequence: 0 }));
    await log.close();
    const clean = await open();
    expect((await clean.append(batchOf('a', 2, { ...pid, baseSequence: 0 }))).baseOffset).toBe(0n);
    expect((await clean.append(batchOf('b', 2, { ...pid, baseSequence: 2 }))).baseOffset).toBe(2n);
    crash(clean);
    const crashed = await open();
    expect((await crashed.append(batchOf('b', 2, { ...pid, baseSequence: 2 }))).baseOffset).toBe(2n);
    await expect(crashed.append(batchOf('x', 1, { ...pid, baseSequence: 9 }))).rejects.toMatchObject({ errorCode: 45 });
    expect(crashed.highWatermark).toBe(4n);
  });

  it('forgets a producer batch that was lost with a torn tail, so its retry is written again', async () => {
    const pid = { producerId: 9n, producerEpoch: 0 };
    const log = await open();
    await log.append(batchOf('a', 1, { ...pid, baseSequence: 0 }));
    const good = log.sizeBytes;
    await log.append(batchOf('b', 1, { ...pid, baseSequence: 1 }));
    crash(log);
    await truncate(join(dir.path, `${SEGMENT0}.log`), good + 10);
    const again = await open();
    expect((await again.append(batchOf('b', 1, { ...pid, baseSequence: 1 }))).baseOffset).toBe(1n);
    expect(await values(again)).toEqual(['a-0', 'b-0']);
  });

  it('rebuilds producer state from the segments after the newest snapshot when it is unreadable', async () => {
    const pid = { producerId: 3n, producerEpoch: 1 };
    const config = testLogConfig({ segmentBytes: 300 });
    const log = await open({ config });
    for (let i = 0; i < 6; i++) await log.append(batchOf(`p${i}`, 1, { ...pid, baseSequence: i, valueBytes: 100 }));
    await log.close();
    const snaps = (await readdir(dir.path)).filter((n) => n.endsWith('.snapshot')).sort();
    await writeFile(join(dir.path, snaps[snaps.length - 1]), '{"torn');
    const again = await open({ config });
    expect((await again.append(batchOf('p5', 1, { ...pid, baseSequence: 5, valueBytes: 100 }))).baseOffset).toBe(5n);
    await expect(again.append(batchOf('old', 1, { producerId: 3n, producerEpoch: 0, baseSequence: 6 }))).rejects.toMatchObject({
      errorCode: 47,
    });
  });
});
