/**
 * Append throughput of the storage layer alone (PartitionLog, no network): MB/s with an fsync
 * per append (one append in flight, then several in flight sharing fsyncs) and with interval flush.
 * Run: npx tsx bench/broker/log-append.ts   (env BENCH_MB, default 256; BENCH_DIR)
 */
import { rm } from 'node:fs/promises';
import { PartitionLog } from '../../apps/broker/src/storage/log/partition-log';
import { benchDir, benchLogConfig, makeBatches, mbps } from './log-bench-fixtures';

const TOTAL_MB = Number(process.env.BENCH_MB ?? 256);

async function run(label: string, flushIntervalMs: number, batchBytes: number, inFlight: number, totalBytes: number): Promise<void> {
  const dir = await benchDir('log-append');
  let flushes = 0;
  const log = await PartitionLog.open({ dir, topic: 'bench', partition: 0, config: benchLogConfig, flushIntervalMs, onFlush: () => flushes++ });
  const batches = makeBatches(Math.max(1, Math.round(totalBytes / batchBytes)), batchBytes);
  const bytes = batches.reduce((s, b) => s + b.length, 0);
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < batches.length) await log.append(batches[next++]);
    }),
  );
  const elapsed = process.hrtime.bigint() - started;
  await log.close();
  await rm(dir, { recursive: true, force: true });
  const perSec = (batches.length / (Number(elapsed) / 1e9)).toFixed(0);
  console.log(
    `${label.padEnd(44)} ${mbps(bytes, elapsed).padStart(8)} MB/s  ${perSec.padStart(7)} appends/s  ${String(flushes).padStart(6)} fsyncs before close  (${batches.length} x ${(batchBytes / 1024).toFixed(0)} KiB)`,
  );
}

async function main(): Promise<void> {
  const total = TOTAL_MB * 1e6;
  await run('fsync every append, 1 in flight, 16 KiB', 0, 16 * 1024, 1, Math.min(total, 32e6));
  await run('fsync every append, 1 in flight, 1 MiB', 0, 1 << 20, 1, total);
  await run('fsync every append, 16 in flight, 16 KiB', 0, 16 * 1024, 16, Math.min(total, 64e6));
  await run('fsync every append, 16 in flight, 1 MiB', 0, 1 << 20, 16, total);
  await run('flush every 1000 ms, 16 in flight, 16 KiB', 1000, 16 * 1024, 16, total);
  await run('flush every 1000 ms, 16 in flight, 1 MiB', 1000, 1 << 20, 16, total);
}

void main();
