import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRecordBatch, decodeRecordBatch, RECORD_BATCH_LOG_OVERHEAD } from '@app/kafka-protocol';
import { LogConfig } from '../log-config';

/** Small segments and dense indexes, so tests roll and index without writing megabytes. */
export const testLogConfig = (over: Partial<LogConfig> = {}): LogConfig => ({
  segmentBytes: 1 << 20,
  segmentMs: 7 * 24 * 3600 * 1000,
  retentionMs: -1,
  retentionBytes: -1,
  maxMessageBytes: 1 << 20,
  indexIntervalBytes: 256,
  logAppendTime: false,
  ...over,
});

export async function tempDir(prefix = 'log-'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** A producer-style batch of `count` records with values `${tag}-${i}`. */
export function batchOf(
  tag: string,
  count = 1,
  opts: { timestamp?: number; producerId?: bigint; producerEpoch?: number; baseSequence?: number; valueBytes?: number } = {},
): Buffer {
  const ts = BigInt(opts.timestamp ?? Date.now());
  return buildRecordBatch({
    baseTimestamp: ts,
    producerId: opts.producerId,
    producerEpoch: opts.producerEpoch,
    baseSequence: opts.baseSequence,
    records: Array.from({ length: count }, (_, i) => ({
      key: Buffer.from(`k${i}`),
      value: Buffer.from(opts.valueBytes ? `${tag}-${i}-`.padEnd(opts.valueBytes, 'x') : `${tag}-${i}`),
      timestamp: ts + BigInt(i),
    })),
  });
}

/** Decodes every record in a concatenation of stored batches (as a Fetch returns them). */
export function decodeAll(records: Buffer): Array<{ offset: bigint; value: string; timestamp: bigint }> {
  const out: Array<{ offset: bigint; value: string; timestamp: bigint }> = [];
  let pos = 0;
  while (pos < records.length) {
    const size = records.readInt32BE(pos + 8) + RECORD_BATCH_LOG_OVERHEAD;
    for (const r of decodeRecordBatch(records, pos)) out.push({ offset: r.offset, value: r.value?.toString() ?? '', timestamp: r.timestamp });
    pos += size;
  }
  return out;
}
