import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProtocolClient, uniqueName, waitFor } from '@app/testing';
import { ApiKey, type OffsetCommitResponse } from '@app/kafka-protocol';
import { startBurrow, startZooKeeper, type RunningProcess } from './burrow-processes';
import { startGroupTestBroker, type GroupTestBroker } from './group-test-broker';
import { createTopicAndProduce } from './group-test-clients';

interface BurrowLag {
  error: boolean;
  message: string;
  status: { status: string; totallag: number; partitions: { topic: string; partition: number; status: string; current_lag: number }[] };
}

/**
 * Burrow 1.2.1 (Debian's burrow) watching the broker: it learns groups and commits only from `__consumer_offsets`
 * and high watermarks from ListOffsets, so a group it lists with the right lag proves the topic is in Kafka's format.
 * Burrow's window is 3 commits (intervals=3), kept at least 1 s apart (min-distance=1).
 */
describe('Burrow reads __consumer_offsets', () => {
  let dir: string;
  let broker: GroupTestBroker;
  let zookeeper: RunningProcess | undefined;
  let burrow: (RunningProcess & { url: string }) | undefined;
  let client: ProtocolClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'burrow-'));
    broker = await startGroupTestBroker();
    client = await ProtocolClient.connect(broker.port);
    zookeeper = await startZooKeeper(dir);
    burrow = await startBurrow({ dir, zookeeperPort: (zookeeper as RunningProcess & { port: number }).port, broker: broker.bootstrap, intervals: 3 });
    await burrowConsumesOffsets();
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await burrow?.stop();
    await zookeeper?.stop();
    await broker?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** A commit as a consumer outside a group generation makes it (generation -1), one partition. */
  async function commit(groupId: string, topic: string, offset: bigint): Promise<void> {
    const res = await client.send<OffsetCommitResponse>(ApiKey.OffsetCommit, 7, {
      groupId,
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: '' }] }],
    });
    expect(res.topics[0].partitions[0].errorCode).toBe(0);
  }

  /** Burrow drops commits for topics its cluster module has not listed yet; a test waits for its topic first. */
  async function burrowKnowsTopic(topic: string): Promise<void> {
    await waitFor(async () => ((await (await fetch(`${burrow!.url}/v3/kafka/local/topic`)).json()) as { topics: string[] }).topics.includes(topic), {
      timeoutMs: 15_000,
      intervalMs: 200,
      what: `Burrow lists topic ${topic}`,
    });
  }

  /**
   * Burrow answers HTTP before its `__consumer_offsets` consumer has joined and fetched (seconds on a loaded
   * machine, and the tests below give each commit about a second): wait until it has listed a group from a commit.
   */
  async function burrowConsumesOffsets(): Promise<void> {
    const topic = uniqueName('burrow-warm-up');
    const groupId = uniqueName('burrow-warm-up-group');
    await createTopicAndProduce(broker.bootstrap, topic, 1, ['m0']);
    await burrowKnowsTopic(topic);
    let offset = 0n;
    await waitFor(
      async () => {
        await commit(groupId, topic, offset++ % 2n);
        return ((await (await fetch(`${burrow!.url}/v3/kafka/local/consumer`)).json()) as { consumers: string[] }).consumers.includes(groupId);
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: 'Burrow reading __consumer_offsets (a warm-up group listed)' },
    );
  }

  async function lag(groupId: string): Promise<BurrowLag | undefined> {
    const res = await fetch(`${burrow!.url}/v3/kafka/local/consumer/${groupId}/lag`);
    return res.ok ? ((await res.json()) as BurrowLag) : undefined;
  }

  it('lists a committing group with the broker\'s lag and OK, then STOP/ERR once it stops committing with lag left', async () => {
    const topic = uniqueName('burrow');
    const groupId = uniqueName('burrow-group');
    await createTopicAndProduce(broker.bootstrap, topic, 1, Array.from({ length: 20 }, (_, i) => `m${i}`));
    const produced = broker.topics.partition(topic, 0)!.highWatermark;
    expect(produced).toBe(20n);
    await burrowKnowsTopic(topic);

    // Commits a little over a second apart, each moving on and leaving less lag, until Burrow (whose window needs
    // three of them, and which learns a new topic within its refresh) reports the group OK with the broker's lag.
    let ok: BurrowLag | undefined;
    let brokerLag = -1;
    for (let offset = 1n; offset <= 16n && !ok; offset++) {
      await commit(groupId, topic, offset);
      brokerLag = Number(produced - broker.coordinator.fetchOffsets(groupId, null)[0].offset);
      expect(brokerLag).toBe(20 - Number(offset));
      ok = await waitFor(async () => {
        const body = await lag(groupId);
        return body && body.status.totallag === brokerLag && body.status.status === 'OK' ? body : undefined;
      }, { timeoutMs: 1_100, intervalMs: 100 }).catch(() => undefined);
    }
    if (!ok) throw new Error(`Burrow never reported ${groupId} OK with lag ${brokerLag}: ${JSON.stringify(await lag(groupId))}\n${burrow!.output().slice(-5000)}`);
    const consumers = (await (await fetch(`${burrow!.url}/v3/kafka/local/consumer`)).json()) as { consumers: string[] };
    expect(consumers.consumers).toContain(groupId);
    expect(ok.status.partitions).toEqual([expect.objectContaining({ topic, partition: 0, status: 'OK', current_lag: brokerLag })]);

    // No more commits while lag remains: once the last commit is older than the window spans (about 2 s), Burrow's rule 3
    // calls the partition STOP and the group ERR.
    const stopped = await waitFor(async () => {
      const body = await lag(groupId);
      return body?.status.status === 'ERR' ? body : undefined;
    }, { timeoutMs: 20_000, intervalMs: 250, what: `Burrow's verdict on ${groupId} turns ERR` });
    expect(stopped.status.partitions).toEqual([expect.objectContaining({ topic, partition: 0, status: 'STOP', current_lag: brokerLag })]);
  }, 90_000);

  it('shows a group that consumed everything with no lag and OK', async () => {
    const topic = uniqueName('burrow-done');
    const groupId = uniqueName('burrow-done');
    await createTopicAndProduce(broker.bootstrap, topic, 1, ['a', 'b', 'c']);
    await burrowKnowsTopic(topic);
    for (const offset of [1n, 2n, 3n]) {
      await commit(groupId, topic, offset);
      if (offset !== 3n) await new Promise((resolve) => setTimeout(resolve, 1_100));
    }
    const body = await waitFor(async () => {
      const b = await lag(groupId);
      return b && b.status.partitions.length === 1 && b.status.partitions[0].current_lag === 0 ? b : undefined;
    }, { timeoutMs: 20_000, intervalMs: 200, what: `Burrow's lag of ${groupId}` });
    expect(body.status.status).toBe('OK');
    expect(body.status.totallag).toBe(0);
  }, 60_000);
});
