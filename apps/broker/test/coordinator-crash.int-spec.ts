import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  ApiKey,
  ErrorCode,
  uuidToBytes,
  type ConsumerGroupHeartbeatResponse,
  type MetadataResponse,
  type OffsetCommitResponse,
  type OffsetFetchResponse,
} from '@app/kafka-protocol';
import { startGroupTestBroker } from './group-test-broker';
import { latestByKey, readOffsetsTopic } from './offsets-topic-reader';
import { consumerGroupHeartbeatRequest, ProtocolClient } from '@app/testing';

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
  // Resolves once the process is gone (reaped): until then its data-dir lock still names a live pid.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, port, exited };
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
    const { child, port, exited } = startChild(dataDir);
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
    await exited;
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

  it('loses no acknowledged KIP-848 join or epoch when the broker is killed while a group of members reconciles', async () => {
    const { child, port, exited } = startChild(dataDir);
    const kafkaPort = await port;
    const client = await ProtocolClient.connect(kafkaPort);
    const metadata = await client.send<MetadataResponse>(ApiKey.Metadata, 12, { topics: [{ name: 'crash', topicId: Buffer.alloc(16) }], allowAutoTopicCreation: false });
    const topicId = metadata.topics[0].topicId!;
    // Each member heartbeats again as soon as it is answered, owning exactly what it was last given: the group keeps
    // reconciling as members join one after another, and the broker is killed in the middle of it.
    const members = Array.from({ length: 8 }, (_, i) => ({ memberId: `crash-member-${i}`, epoch: 0, owned: [] as number[], acked: false }));
    let killed = false;
    let answered = 0;
    const beat = async (m: (typeof members)[number]): Promise<void> => {
      while (!killed) {
        const res = await client
          .send<ConsumerGroupHeartbeatResponse>(
            ApiKey.ConsumerGroupHeartbeat,
            1,
            consumerGroupHeartbeatRequest({
              groupId: 'crash-kip848',
              memberId: m.memberId,
              memberEpoch: m.epoch,
              rebalanceTimeoutMs: 60_000,
              subscribedTopicNames: ['crash'],
              topicPartitions: m.owned.length ? [{ topicId, partitions: m.owned }] : [],
            }),
          )
          .catch(() => null);
        if (!res) return;
        expect(res.errorCode).toBe(0);
        m.epoch = res.memberEpoch;
        m.acked = true;
        if (res.assignment) m.owned = res.assignment.topicPartitions.flatMap((tp) => tp.partitions);
        if (++answered === 60) {
          killed = true;
          child.kill('SIGKILL');
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    };
    const running: Promise<void>[] = [];
    for (const m of members) {
      running.push(beat(m));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(running);
    client.close();
    await exited;

    const broker = await startGroupTestBroker({ dataDir, redisUrl: 'redis://127.0.0.1:1' });
    try {
      const after = await ProtocolClient.connect(broker.port);
      const owners = new Map<number, string>();
      for (const m of members.filter((x) => x.acked)) {
        // Every acknowledged member is still known: it carries on at its epoch, or, if the broker stored a step it
        // never got to answer, it is fenced and rejoins; never forgotten (UNKNOWN_MEMBER_ID).
        const res = await after.send<ConsumerGroupHeartbeatResponse>(
          ApiKey.ConsumerGroupHeartbeat,
          1,
          consumerGroupHeartbeatRequest({ groupId: 'crash-kip848', memberId: m.memberId, memberEpoch: m.epoch, topicPartitions: [{ topicId, partitions: m.owned }] }),
        );
        expect([ErrorCode.NONE, ErrorCode.FENCED_MEMBER_EPOCH]).toContain(res.errorCode);
        if (res.errorCode !== ErrorCode.NONE) continue;
        expect(res.memberEpoch).toBeGreaterThanOrEqual(m.epoch);
        // What the restarted broker lets a member keep is never someone else's.
        for (const p of res.assignment?.topicPartitions.flatMap((tp) => tp.partitions) ?? []) {
          expect(owners.get(p) ?? m.memberId).toBe(m.memberId);
          owners.set(p, m.memberId);
        }
      }
      expect(uuidToBytes(broker.topics.describeTopic('crash')!.topicId)).toEqual(topicId);
      after.close();
    } finally {
      await broker.close();
    }
  }, 60_000);
});
