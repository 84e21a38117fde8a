/**
 * Read throughput of the storage layer alone: a consumer-style sequential scan (1 MiB per read,
 * as a Fetch asks per partition) and random-offset reads, from the page cache.
 * Run: npx tsx bench/broker/log-read.ts   (env BENCH_MB, default 256; BENCH_DIR)
 */
import { rm } from 'node:fs/promises';
import { PartitionLog } from '../../apps/broker/src/storage/log/partition-log';
import { benchDir, benchLogConfig, makeBatches, mbps } from './log-bench-fixtures';

const TOTAL_MB = Number(process.env.BENCH_MB ?? 256);

async function main(): Promise<void> {
  const dir = await benchDir('log-read');
  const log = await PartitionLog.open({
    dir,
    topic: 'bench',
    partition: 0,
    config: { ...benchLogConfig, segmentBytes: 128 << 20 },
    flushIntervalMs: 1000,
  });
  const batches = makeBatches(Math.round((TOTAL_MB * 1e6) / (16 * 1024)), 16 * 1024);
  await Promise.all(batches.map((b) => log.append(b)));
  const end = log.highWatermark;

  for (const maxBytes of [1 << 20, 64 * 1024]) {
    let offset = 0n;
    let bytes = 0;
    let reads = 0;
    const started = process.hrtime.bigint();
    while (offset < end) {
      const { records } = await log.read(offset, maxBytes);
      bytes += records.length;
      reads++;
      let at = 0;
      let last = offset;
      while (at < records.length) {
        last = records.readBigInt64BE(at) + BigInt(records.readInt32BE(at + 23));
        at += records.readInt32BE(at + 8) + 12;
      }
      offset = last + 1n;
    }
    const elapsed = process.hrtime.bigint() - started;
    console.log(`sequential scan, ${String(maxBytes / 1024).padStart(4)} KiB per read ${mbps(bytes, elapsed).padStart(8)} MB/s  (${reads} reads, ${(bytes / 1e6).toFixed(0)} MB)`);
  }

  const n = 5000;
  let bytes = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const { records } = await log.read(BigInt(Math.floor(Math.random() * Number(end))), 64 * 1024);
    bytes += records.length;
  }
  const elapsed = process.hrtime.bigint() - started;
  console.log(`random offsets, 64 KiB per read          ${mbps(bytes, elapsed).padStart(8)} MB/s  (${(n / (Number(elapsed) / 1e9)).toFixed(0)} reads/s)`);
  await log.close();
  await rm(dir, { recursive: true, force: true });
}

void main();
