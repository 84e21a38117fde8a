import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ApiKey, type OffsetCommitResponse, type OffsetFetchResponse } from '@app/kafka-protocol';
import { startGroupTestBroker } from './group-test-broker';
import { latestByKey, readOffsetsTopic } from './offsets-topic-reader';
import { ProtocolClient } from './protocol-client';

const ROOT = join(__dirname, '..', '..', '..');

/** Starts the broker child and resolves its Kafka port. */
function startChild(dataDir: string) {
  const child = spawn(process.execPath, ['-r', join(__dirname, 'crash-ts-hook.js'), join(__dirname, 'coordinator-crash-broker.ts')], {
    cwd: ROOT,
    env: { ...process.env, BROKER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const port = new Promise<number>((resolve, reject) => {
    child.on('exit', (code, signal) => reject(new Error(`broker child exited (code ${code}, signal ${signal}): ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('port ')) resolve(Number(line.slice(5)));
    });
  });
  return { child, port };
}

describe('coordinator durability under kill -9', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'coordinator-crash-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged offset commit when the broker is killed mid-stream', async () => {
    const { child, port } = startChild(dataDir);
    const client = await ProtocolClient.connect(await port);
    const acked = new Map<number, bigint>();
    let next = 0n;
    let killed = false;
    const inFlight = new Set<Promise<void>>();
    // Keep 16 commits in flight (each for one partition, offsets increasing) until 400 have been acknowledged.
    while (!killed) {
      const partition = Number(next % 8n);
      const offset = next++;
      const p = client
        .send<OffsetCommitResponse>(ApiKey.OffsetCommit, 7, {
          groupId: 'crash-group',
          generationIdOrMemberEpoch: -1,
          memberId: '',
          groupInstanceId: null,
          topics: [{ name: 'crash', partitions: [{ partitionIndex: partition, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: `m${offset}` }] }],
        })
        .then(
          (res) => {
            expect(res.topics[0].partitions[0].errorCode).toBe(0);
            if (offset > (acked.get(partition) ?? -1n)) acked.set(partition, offset);
            if (!killed && next >= 400n) {
              killed = true;
              child.kill('SIGKILL');
            }
          },
          () => undefined,
        )
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 16) await Promise.race(inFlight);
    }
    await Promise.allSettled(inFlight);
    client.close();
    expect(acked.size).toBe(8);

    const broker = await startGroupTestBroker({ dataDir, redisUrl: 'redis://127.0.0.1:1' });
    try {
      const reader = await ProtocolClient.connect(broker.port);
      const fetched = await reader.send<OffsetFetchResponse>(ApiKey.OffsetFetch, 5, { groupId: 'crash-group', topics: null });
      reader.close();
      const stored = new Map(fetched.topics![0].partitions.map((p) => [p.partitionIndex, p.committedOffset]));
      for (const [partition, offset] of acked) expect(stored.get(partition)! >= offset).toBe(true);
      // __consumer_offsets has every acknowledged commit too: its latest record per partition is what OffsetFetch says.
      const records = await readOffsetsTopic(broker.bootstrap, (rs) => {
        const latest = latestByKey(rs);
        return [...stored].every(([partition, offset]) => {
          const r = latest.get(`offset crash-group crash ${partition}`);
          return r?.kind === 'offset' && r.value?.offset === offset;
        });
      });
      const latest = latestByKey(records);
      for (const [partition, offset] of acked) {
        const r = latest.get(`offset crash-group crash ${partition}`);
        expect(r?.kind === 'offset' && r.value !== null && r.value.offset >= offset).toBe(true);
      }
    } finally {
      await broker.close();
    }
  }, 60_000);
});
