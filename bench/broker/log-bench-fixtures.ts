import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRecordBatch } from '@app/kafka-protocol';
import type { LogConfig } from '../../apps/broker/src/storage/log/log-config';

/** Storage benchmarks write under BENCH_DIR (default: the OS temp dir, on this machine the same disk as the repo). */
export async function benchDir(name: string): Promise<string> {
  return mkdtemp(join(process.env.BENCH_DIR ?? tmpdir(), `${name}-`));
}

export const benchLogConfig: LogConfig = {
  segmentBytes: 1 << 30,
  segmentMs: 7 * 24 * 3600 * 1000,
  retentionMs: -1,
  retentionBytes: -1,
  maxMessageBytes: 16 << 20,
  indexIntervalBytes: 4096,
  logAppendTime: false,
};

/**
 * `count` distinct producer-style batches of 100-byte records, about `batchBytes` each. Built
 * before timing starts, because append keeps (and rewrites) the buffers it is given.
 */
export function makeBatches(count: number, batchBytes: number): Buffer[] {
  const perBatch = Math.max(1, Math.floor(batchBytes / 110));
  const value = Buffer.alloc(100, 'x');
  const template = buildRecordBatch({ records: Array.from({ length: perBatch }, () => ({ key: null, value })) });
  return Array.from({ length: count }, () => Buffer.from(template));
}

export function mbps(bytes: number, ns: bigint): string {
  return ((bytes / (Number(ns) / 1e9)) / 1e6).toFixed(1);
}
