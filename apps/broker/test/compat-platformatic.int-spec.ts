import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ApiKey, type OffsetFetchResponse } from '@app/kafka-protocol';
import { startTestBroker, type TestBroker } from './compat-broker';
import { ProtocolClient } from '@app/testing';

const SCRIPT = join(__dirname, 'compat-platformatic.mjs');

interface Outcome {
  error?: string;
  created: Array<{ name: string; id: string; partitions: number; replicas: number }>;
  listedAfterCreate: string[];
  described: { id: string; partitionsCount: number; leaders: number[]; epochs: number[] };
  produced: Array<{ partition: number; offset: number }>;
  consumed: Array<{ partition: number; offset: number; key: string; value: string; header: string }>;
  heartbeat: boolean;
  committed: Record<string, number[]>;
  groupOffsets: Array<{ groupId: string; topics: Array<{ name: string; partitions: Array<[number, number]> }> }>;
  groups: Array<{ id: string; state: string; protocolType: string }>;
  describedGroup: { id: string; state: string; protocol: string; protocolType: string; members: number };
  offsets: Record<string, number[]>;
  earliest: Record<string, number[]>;
  groupsAfterLeave: string[];
  groupsAfterDelete: number;
  listedAfterDelete: string[];
}

/** Runs compat-platformatic.mjs (an ES module, as the client is) with plain node; it prints what the client saw. */
function runPlatformatic(command: unknown): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [SCRIPT], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${SCRIPT} failed: ${err.message}\n${stderr.slice(-3000)}\n${stdout.slice(-1000)}`));
      else resolve(JSON.parse(stdout) as Outcome);
    });
    child.stdin!.end(JSON.stringify(command));
  });
}

/**
 * @platformatic/kafka 1.x implements only flexible protocol versions (Metadata 12, Fetch 17, JoinGroup 9 ...): it
 * is the client that proves the broker's flexible versions work end to end, each step checked against what the
 * broker itself holds; once with a classic group and once with a KIP-848 one (ConsumerGroupHeartbeat v1).
 */
describe('@platformatic/kafka 1.x against the broker', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await startTestBroker({ autoCreateTopics: false });
  });

  afterAll(async () => {
    await broker.stop();
  });

  it.each([
    ['classic', 'roundrobin'],
    ['consumer', 'uniform'],
  ])('creates, lists, describes and deletes a topic; produces and consumes in a %s-protocol group with commits; lists and describes groups and offsets', async (groupProtocol, assignor) => {
    const topic = `platformatic-compat-${groupProtocol}`;
    const groupId = `platformatic-group-${groupProtocol}`;
    const messages = [
      { partition: 0, key: 'k0', value: 'first' },
      { partition: 1, key: 'k1', value: 'second' },
      { partition: 0, key: 'k2', value: 'third' },
      { partition: 1, key: 'k3', value: 'fourth' },
      { partition: 1, key: 'k4', value: 'fifth' },
    ];
    // The broker's own view, read while the script runs: the topic id and the committed offsets.
    let topicIdSeen: string | undefined;
    const seen = setInterval(() => (topicIdSeen ??= broker.topics.describeTopic(topic)?.topicId), 5);
    const out = await runPlatformatic({ bootstrap: broker.bootstrap, topic, groupId, messages, groupProtocol }).finally(() => clearInterval(seen));
    expect(out.error).toBeUndefined();

    expect(out.created).toEqual([{ name: topic, id: topicIdSeen, partitions: 2, replicas: 1 }]);
    expect(out.listedAfterCreate).toContain(topic);
    expect(out.described).toEqual({ id: topicIdSeen, partitionsCount: 2, leaders: [0, 0], epochs: [0, 0] });

    expect(out.produced.sort((a, b) => a.partition - b.partition)).toEqual([
      { partition: 0, offset: 0 },
      { partition: 1, offset: 0 },
    ]);
    expect(out.consumed).toEqual([
      { partition: 0, offset: 0, key: 'k0', value: 'first', header: 'k0' },
      { partition: 0, offset: 1, key: 'k2', value: 'third', header: 'k2' },
      { partition: 1, offset: 0, key: 'k1', value: 'second', header: 'k1' },
      { partition: 1, offset: 1, key: 'k3', value: 'fourth', header: 'k3' },
      { partition: 1, offset: 2, key: 'k4', value: 'fifth', header: 'k4' },
    ]);
    expect(out.heartbeat).toBe(true);

    // Every consumed message was committed: the next offset to read per partition, as the broker stores it.
    expect(out.committed).toEqual({ [topic]: [2, 3] });
    expect(out.groupOffsets).toEqual([{ groupId, topics: [{ name: topic, partitions: [[0, 2], [1, 3]] }] }]);

    expect(out.groups).toContainEqual({ id: groupId, state: 'STABLE', protocolType: 'consumer' });
    // A KIP-848 group is described through DescribeGroups too, named after its server-side assignor.
    expect(out.describedGroup).toEqual({ id: groupId, state: 'STABLE', protocol: assignor, protocolType: 'consumer', members: 1 });
    expect(out.offsets).toEqual({ [topic]: [2, 3] });
    expect(out.earliest).toEqual({ [topic]: [0, 0] });

    expect(out.groupsAfterLeave).toEqual(['EMPTY']);
    expect(out.groupsAfterDelete).toBe(0);
    // DeleteGroups took the group's committed offsets with it.
    const client = await ProtocolClient.connect(broker.port);
    try {
      const stored = await client.send<OffsetFetchResponse>(ApiKey.OffsetFetch, 1, { groupId, topics: [{ name: topic, partitionIndexes: [0, 1] }] });
      expect(stored.topics![0].partitions.map((p) => p.committedOffset)).toEqual([-1n, -1n]);
    } finally {
      client.close();
    }
    expect(out.listedAfterDelete).not.toContain(topic);
    expect(broker.topics.describeTopic(topic)).toBeUndefined();
  });
});
