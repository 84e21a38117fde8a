import { open as openFile, readFile, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { RecordBatchField } from '@app/kafka-protocol';
import { PartitionLog } from './partition-log';
import { batchOf, decodeAll, tempDir, testLogConfig } from './testing/log-fixtures';

const SEGMENT = '00000000000000000000.log';

/**
 * Whatever happens to the tail of the last segment (cut anywhere, or one byte flipped anywhere),
 * recovery keeps exactly the batches before the damage and offsets continue from there.
 */
describe('PartitionLog recovery (property)', () => {
  const write = async (dir: string, counts: number[]): Promise<{ ends: number[]; offsets: number[] }> => {
    const log = await PartitionLog.open({ dir, topic: 't', partition: 0, config: testLogConfig({ indexIntervalBytes: 64 }), flushIntervalMs: 0 });
    const ends: number[] = [];
    const offsets: number[] = [];
    for (const [i, n] of counts.entries()) {
      await log.append(batchOf(`b${i}`, n));
      ends.push(log.sizeBytes);
      offsets.push(Number(log.highWatermark));
    }
    await log.close();
    return { ends, offsets };
  };
  const reopenAndCheck = async (dir: string, expectedBatches: number, offsets: number[]): Promise<void> => {
    const log = await PartitionLog.open({ dir, topic: 't', partition: 0, config: testLogConfig({ indexIntervalBytes: 64 }), flushIntervalMs: 0 });
    try {
      const hw = expectedBatches === 0 ? 0 : offsets[expectedBatches - 1];
      expect(log.highWatermark).toBe(BigInt(hw));
      const recs = hw === 0 ? [] : decodeAll((await log.read(0n, 1 << 24)).records);
      expect(recs.map((r) => r.offset)).toEqual(Array.from({ length: hw }, (_, i) => BigInt(i)));
      expect((await log.append(batchOf('after', 1))).baseOffset).toBe(BigInt(hw));
    } finally {
      await log.close();
    }
  };
  const counts = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 });

  it('cuts the log after the last whole batch before a truncation point', async () => {
    await fc.assert(
      fc.asyncProperty(counts, fc.double({ min: 0, max: 1, noNaN: true }), async (sizes, where) => {
        const dir = await tempDir('prop-cut-');
        try {
          const { ends, offsets } = await write(dir.path, sizes);
          const cut = Math.floor(where * ends[ends.length - 1]);
          await truncate(join(dir.path, SEGMENT), cut);
          await unlinkMarker(dir.path);
          await reopenAndCheck(dir.path, ends.filter((e) => e <= cut).length, offsets);
        } finally {
          await dir.cleanup();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('drops the batch holding a flipped byte and everything after it', async () => {
    await fc.assert(
      fc.asyncProperty(counts, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 255 }), async (sizes, where, mask) => {
        const dir = await tempDir('prop-flip-');
        try {
          const { ends, offsets } = await write(dir.path, sizes);
          const path = join(dir.path, SEGMENT);
          const pos = Math.min(Math.floor(where * ends[ends.length - 1]), ends[ends.length - 1] - 1);
          const batchIndex = ends.findIndex((e) => e > pos);
          const batchStart = batchIndex === 0 ? 0 : ends[batchIndex - 1];
          const field = pos - batchStart;
          const fh = await openFile(path, 'r+');
          const byte = (await readFile(path))[pos];
          await fh.write(Buffer.from([byte ^ mask]), 0, 1, pos);
          await fh.close();
          await unlinkMarker(dir.path);
          // the leader epoch is outside the CRC and unchecked by design: a flip there damages nothing the client reads
          const epochField = field >= RecordBatchField.partitionLeaderEpoch && field < RecordBatchField.magic;
          await reopenAndCheck(dir.path, epochField ? ends.length : batchIndex, offsets);
        } finally {
          await dir.cleanup();
        }
      }),
      { numRuns: 40 },
    );
  });
});

/** The damage stands in for a crash, so the log must not look cleanly closed. */
async function unlinkMarker(dir: string): Promise<void> {
  await unlink(join(dir, '.clean-shutdown'));
}
