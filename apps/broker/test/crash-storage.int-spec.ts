import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildRecordBatch } from '@app/kafka-protocol';
import { decodeAll, tempDir } from '../src/storage/log/testing/log-fixtures';
import { storageSettingsFromEnv } from '../src/storage/topics/storage-settings';
import { TopicRegistry } from '../src/storage/topics/topic-registry';

const ROOT = join(__dirname, '..', '..', '..');

interface Ack {
  baseOffset: bigint;
  first: number;
  count: number;
}

/** Runs the writer child until it has acknowledged `acks` appends, then kills it with SIGKILL mid-stream. */
async function runAndKill(dataDir: string, acks: number): Promise<Ack[]> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crash-storage-writer.ts')], {
    cwd: ROOT,
    env: { ...process.env, BROKER_DATA_DIR: dataDir, BROKER_LOG_FLUSH_INTERVAL_MS: '0', BROKER_LOG_SEGMENT_BYTES: '65536' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const seen: Ack[] = [];
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited early (code ${code}, signal ${signal}): ${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [kind, offset, first, count] = line.split(' ');
      if (kind !== 'ack') return;
      seen.push({ baseOffset: BigInt(offset), first: Number(first), count: Number(count) });
      if (seen.length === acks) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  await exited;
  return seen;
}

describe('storage crash safety (SIGKILL during fsync-per-append writes)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    dir = await tempDir('crash-storage-');
  });
  afterAll(async () => {
    await dir.cleanup();
  });

  it('keeps every acknowledged record across two kills, with offsets continuing without gap or duplicate', async () => {
    const acked: Ack[] = [];
    acked.push(...(await runAndKill(dir.path, 300)));
    acked.push(...(await runAndKill(dir.path, 300)));

    const registry = new TopicRegistry({ ...storageSettingsFromEnv({ BROKER_DATA_DIR: dir.path }) });
    await registry.start();
    try {
      const log = registry.partition('crash', 0)!;
      const records: Array<{ offset: bigint; value: string }> = [];
      let offset = 0n;
      while (offset < log.highWatermark) {
        const batch = decodeAll((await log.read(offset, 1 << 20)).records).filter((r) => r.offset >= offset);
        records.push(...batch);
        offset = batch[batch.length - 1].offset + 1n;
      }
      // offsets 0..hwm-1, each exactly once
      expect(records.map((r) => r.offset)).toEqual(Array.from({ length: Number(log.highWatermark) }, (_, i) => BigInt(i)));
      // the writer numbers values by the offset it expects, so any gap or duplicate shows as a mismatch
      const byOffset = new Map(records.map((r) => [r.offset, r.value.replace(/\.+$/, '')]));
      for (const a of acked) {
        for (let i = 0; i < a.count; i++) expect(byOffset.get(a.baseOffset + BigInt(i))).toBe(`v-${Number(a.baseOffset) + i}`);
      }
      expect(new Set(byOffset.values()).size).toBe(records.length);
      const end = log.highWatermark;
      expect((await log.append(buildRecordBatch({ records: [{ key: null, value: Buffer.from('after') }] }))).baseOffset).toBe(end);
    } finally {
      await registry.stop();
    }
  }, 60_000);
});
