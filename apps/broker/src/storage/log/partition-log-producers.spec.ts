import { PartitionLog } from './partition-log';
import { batchOf, decodeAll, tempDir, testLogConfig } from './testing/log-fixtures';

describe('PartitionLog idempotent producers', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let log: PartitionLog;
  const pid = { producerId: 1000n, producerEpoch: 0 };

  beforeEach(async () => {
    dir = await tempDir();
    log = await PartitionLog.open({ dir: dir.path, topic: 't', partition: 0, config: testLogConfig(), flushIntervalMs: 0 });
  });
  afterEach(async () => {
    await log.close();
    await dir.cleanup();
  });

  it('answers a retried batch with its original offset and does not write it twice', async () => {
    expect((await log.append(batchOf('a', 3, { ...pid, baseSequence: 0 }))).baseOffset).toBe(0n);
    expect((await log.append(batchOf('b', 2, { ...pid, baseSequence: 3 }))).baseOffset).toBe(3n);
    expect((await log.append(batchOf('a', 3, { ...pid, baseSequence: 0 }))).baseOffset).toBe(0n);
    expect((await log.append(batchOf('b', 2, { ...pid, baseSequence: 3 }))).baseOffset).toBe(3n);
    expect(log.highWatermark).toBe(5n);
    expect(decodeAll((await log.read(0n, 1 << 20)).records).map((r) => r.value)).toEqual(['a-0', 'a-1', 'a-2', 'b-0', 'b-1']);
  });

  it('answers a retry that arrives while the original is still being written, after it is written', async () => {
    const first = log.append(batchOf('a', 1, { ...pid, baseSequence: 0 }));
    const retry = log.append(batchOf('a', 1, { ...pid, baseSequence: 0 }));
    expect((await retry).baseOffset).toBe(0n);
    expect(log.highWatermark).toBe(1n);
    expect((await first).baseOffset).toBe(0n);
  });

  it('refuses a sequence gap with OUT_OF_ORDER_SEQUENCE_NUMBER and writes nothing', async () => {
    await log.append(batchOf('a', 1, { ...pid, baseSequence: 0 }));
    await expect(log.append(batchOf('c', 1, { ...pid, baseSequence: 5 }))).rejects.toMatchObject({ errorCode: 45 });
    expect(log.highWatermark).toBe(1n);
  });

  it('fences a stale epoch with INVALID_PRODUCER_EPOCH', async () => {
    await log.append(batchOf('a', 1, { producerId: 5n, producerEpoch: 2, baseSequence: 0 }));
    await expect(log.append(batchOf('b', 1, { producerId: 5n, producerEpoch: 1, baseSequence: 1 }))).rejects.toMatchObject({
      errorCode: 47,
    });
  });

  it('refuses an idempotent batch without a sequence with INVALID_RECORD', async () => {
    await expect(log.append(batchOf('a', 1, { ...pid, baseSequence: -1 }))).rejects.toMatchObject({ errorCode: 87 });
  });

  it('does not track non-idempotent producers', async () => {
    await log.append(batchOf('a', 1));
    await log.append(batchOf('a', 1));
    expect(log.highWatermark).toBe(2n);
    expect(log.producerCount).toBe(0);
  });
});
