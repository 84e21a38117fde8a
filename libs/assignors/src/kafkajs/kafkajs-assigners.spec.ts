import { decodeConsumerProtocolAssignment, decodeConsumerProtocolSubscription, encodeConsumerProtocolSubscription } from '@app/kafka-protocol';
import { AssignerProtocol, type Cluster, type Logger } from 'kafkajs';
import { kafkajsRangeAssigner, kafkajsRoundRobinAssigner, kafkajsStickyAssigner, membersFromMetadata } from './kafkajs-assigners';
import { decodeStickyUserData, encodeStickyUserData } from './sticky-user-data';

/** The two Cluster methods the adapters use, answering from a fixed topic → partition count table. */
function fakeCluster(counts: Record<string, number>): { cluster: Cluster; requested: string[][] } {
  const requested: string[][] = [];
  const cluster = {
    addMultipleTargetTopics: async (topics: string[]) => void requested.push(topics),
    findTopicPartitionMetadata: (topic: string) =>
      Array.from({ length: counts[topic] ?? 0 }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 })),
  } as unknown as Cluster;
  return { cluster, requested };
}

const config = (cluster: Cluster) => ({ cluster, groupId: 'g', logger: {} as Logger });

describe('kafkajs assigner adapters', () => {
  it('announce the standard protocol names with consumer-protocol metadata kafkajs itself can read', () => {
    const { cluster } = fakeCluster({});
    for (const [factory, name] of [
      [kafkajsRangeAssigner, 'range'],
      [kafkajsRoundRobinAssigner, 'roundrobin'],
    ] as const) {
      const protocol = factory(config(cluster)).protocol({ topics: ['a', 'b'] });
      expect(protocol.name).toBe(name);
      expect(AssignerProtocol.MemberMetadata.decode(protocol.metadata)).toMatchObject({ version: 0, topics: ['a', 'b'] });
    }
  });

  it('assign range over every member subscription, fetching metadata for topics only others subscribe to', async () => {
    const { cluster, requested } = fakeCluster({ a: 3, b: 2 });
    const assigner = kafkajsRangeAssigner(config(cluster));
    const members = [
      // A librdkafka member writes subscription v1 with owned partitions; a kafkajs member writes v0.
      { memberId: 'm2', memberMetadata: encodeConsumerProtocolSubscription({ topics: ['a', 'b'], userData: null, ownedPartitions: [] }, 1) },
      { memberId: 'm1', memberMetadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics: ['a'], userData: Buffer.alloc(0) }) },
    ];
    const result = await assigner.assign({ members, topics: ['a'] });
    expect(requested).toEqual([['a', 'b']]);
    const decoded = Object.fromEntries(result.map((r) => [r.memberId, AssignerProtocol.MemberAssignment.decode(r.memberAssignment)!.assignment]));
    expect(decoded).toEqual({ m1: { a: [0, 1] }, m2: { a: [2], b: [0, 1] } });
    expect(decodeConsumerProtocolAssignment(result[0].memberAssignment).version).toBe(0);
  });

  it('sticky announces what the member owns (subscription v1 and sticky user data) and keeps it on reassignment', async () => {
    const sticky = kafkajsStickyAssigner();
    sticky.state.owned = [{ topic: 'a', partitions: [2, 3] }];
    const { cluster } = fakeCluster({ a: 4 });
    const assigner = sticky.assigner(config(cluster));
    const protocol = assigner.protocol({ topics: ['a'] });
    expect(protocol.name).toBe('sticky');
    const sub = decodeConsumerProtocolSubscription(protocol.metadata);
    expect(sub).toMatchObject({ version: 1, topics: ['a'], ownedPartitions: [{ topic: 'a', partitions: [2, 3] }] });
    expect(decodeStickyUserData(sub.userData!)).toEqual({ previousAssignment: [{ topic: 'a', partitions: [2, 3] }], generation: -1 });

    const newcomer = { memberId: 'aaa', memberMetadata: kafkajsStickyAssigner().assigner(config(cluster)).protocol({ topics: ['a'] }).metadata };
    const result = await assigner.assign({ members: [newcomer, { memberId: 'zzz', memberMetadata: protocol.metadata }], topics: ['a'] });
    const decoded = Object.fromEntries(result.map((r) => [r.memberId, AssignerProtocol.MemberAssignment.decode(r.memberAssignment)!.assignment]));
    expect(decoded).toEqual({ aaa: { a: [0, 1] }, zzz: { a: [2, 3] } });
  });

  it('reads stickiness from kafka-python style user data when the subscription has no owned partitions', () => {
    const userData = encodeStickyUserData({ previousAssignment: [{ topic: 't', partitions: [1] }], generation: 7 });
    const metadata = encodeConsumerProtocolSubscription({ topics: ['t'], userData }, 0);
    expect(membersFromMetadata([{ memberId: 'p', memberMetadata: metadata }], true)).toEqual([
      { memberId: 'p', topics: ['t'], ownedPartitions: [{ topic: 't', partitions: [1] }], generation: 7 },
    ]);
    const garbage = encodeConsumerProtocolSubscription({ topics: ['t'], userData: Buffer.from([1, 2]) }, 0);
    expect(membersFromMetadata([{ memberId: 'q', memberMetadata: garbage }], true)[0].ownedPartitions).toEqual([]);
  });

  it('sticky user data v0 (no generation) decodes with generation -1', () => {
    const v1 = encodeStickyUserData({ previousAssignment: [{ topic: 'x', partitions: [0, 5] }], generation: 3 });
    expect(decodeStickyUserData(v1.subarray(0, v1.length - 4))).toEqual({ previousAssignment: [{ topic: 'x', partitions: [0, 5] }], generation: -1 });
  });
});
