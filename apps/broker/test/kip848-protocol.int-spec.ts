import Redis from 'ioredis';
import {
  ApiKey,
  ErrorCode,
  uuidToBytes,
  type ConsumerGroupDescribeResponse,
  type ConsumerGroupHeartbeatRequest,
  type ConsumerGroupHeartbeatResponse,
  type DescribeGroupsResponse,
  type ListGroupsResponse,
  type OffsetCommitResponse,
  type OffsetFetchResponse,
} from '@app/kafka-protocol';
import { groupEventSchema } from '@app/domain';
import { startGroupTestBroker, type GroupTestBroker } from './group-test-broker';
import { consumerGroupHeartbeatRequest, ProtocolClient } from '@app/testing';

/**
 * KIP-848 over a real socket, every request encoded by the generated codec: ConsumerGroupHeartbeat v0 (the
 * coordinator names the member) and v1 (the client does), ConsumerGroupDescribe, the classic admin APIs over a
 * consumer-protocol group, OffsetCommit fenced by member epoch, group events in Redis, and a broker restart that
 * members carry on through at their epochs.
 */
describe('KIP-848 consumer groups over the wire', () => {
  let broker: GroupTestBroker;
  let client: ProtocolClient;
  let topicId: Buffer;
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });

  beforeAll(async () => {
    broker = await startGroupTestBroker();
    const created = await broker.topics.createTopic({ name: 'kip848', numPartitions: 4, replicationFactor: 1 });
    topicId = uuidToBytes(created.topicId);
    client = await ProtocolClient.connect(broker.port);
    await redis.connect();
  });
  afterAll(async () => {
    client?.socket.destroy();
    await broker?.stop();
    redis.disconnect();
  });

  const heartbeat = (version: number, body: Partial<ConsumerGroupHeartbeatRequest>, via = client) =>
    via.send<ConsumerGroupHeartbeatResponse>(
      ApiKey.ConsumerGroupHeartbeat,
      version,
      consumerGroupHeartbeatRequest({ groupId: 'wire-g', memberId: '', memberEpoch: 0, rebalanceTimeoutMs: 30_000, subscribedTopicNames: ['kip848'], topicPartitions: [], ...body }),
    );
  const owned = (partitions: number[]) => [{ topicId, partitions }];

  it('joins, reconciles two members, fences stale commits, and shows the group through every admin API', async () => {
    const a = await heartbeat(0, {});
    expect(a).toMatchObject({ errorCode: 0, memberEpoch: 1, heartbeatIntervalMs: 5_000 });
    expect(a.memberId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.assignment).toEqual({ topicPartitions: [{ topicId, partitions: [0, 1, 2, 3] }] });

    const b = await heartbeat(1, { memberId: 'client-made-b', serverAssignor: 'range' });
    expect(b).toMatchObject({ errorCode: 0, memberId: 'client-made-b', memberEpoch: 2, assignment: { topicPartitions: [] } });

    // A must give up two partitions first; a lightweight heartbeat (nothing changed) still gets the new assignment.
    const revoke = await heartbeat(0, { memberId: a.memberId!, memberEpoch: 1, rebalanceTimeoutMs: -1, subscribedTopicNames: null, topicPartitions: null });
    expect(revoke.memberEpoch).toBe(1);
    const kept = revoke.assignment!.topicPartitions[0].partitions;
    expect(kept).toHaveLength(2);
    const acked = await heartbeat(0, { memberId: a.memberId!, memberEpoch: 1, rebalanceTimeoutMs: -1, subscribedTopicNames: null, topicPartitions: owned(kept) });
    expect(acked).toMatchObject({ errorCode: 0, memberEpoch: 2, assignment: null });
    const bGets = await heartbeat(1, { memberId: 'client-made-b', memberEpoch: 2, rebalanceTimeoutMs: -1, subscribedTopicNames: null, topicPartitions: owned([]) });
    expect(bGets.assignment!.topicPartitions[0].partitions).toEqual([0, 1, 2, 3].filter((p) => !kept.includes(p)));

    const described = await client.send<ConsumerGroupDescribeResponse>(ApiKey.ConsumerGroupDescribe, 0, { groupIds: ['wire-g', 'nope'], includeAuthorizedOperations: true });
    expect(described.groups[0]).toMatchObject({ errorCode: 0, groupState: 'Stable', groupEpoch: 2, assignmentEpoch: 2, assignorName: 'range' });
    expect(described.groups[0].members.map((m) => [m.memberEpoch, m.subscribedTopicNames, m.assignment.topicPartitions[0]?.topicName])).toEqual([
      [2, ['kip848'], 'kip848'],
      [2, ['kip848'], 'kip848'],
    ]);
    expect(described.groups[1]).toMatchObject({ errorCode: ErrorCode.GROUP_ID_NOT_FOUND, groupId: 'nope' });

    const listed = await client.send<ListGroupsResponse>(ApiKey.ListGroups, 5, { statesFilter: [], typesFilter: ['consumer'] });
    expect(listed.groups).toEqual([{ groupId: 'wire-g', protocolType: 'consumer', groupState: 'Stable', groupType: 'consumer' }]);
    expect((await client.send<ListGroupsResponse>(ApiKey.ListGroups, 5, { statesFilter: [], typesFilter: ['classic'] })).groups.map((g) => g.groupId)).not.toContain('wire-g');
    const classic = await client.send<DescribeGroupsResponse>(ApiKey.DescribeGroups, 5, { groups: ['wire-g'], includeAuthorizedOperations: false });
    expect(classic.groups[0]).toMatchObject({ groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' });
    expect(classic.groups[0].members).toHaveLength(2);

    const commit = (memberId: string, epoch: number) =>
      client.send<OffsetCommitResponse>(ApiKey.OffsetCommit, 9, {
        groupId: 'wire-g',
        generationIdOrMemberEpoch: epoch,
        memberId,
        groupInstanceId: null,
        topics: [{ name: 'kip848', partitions: [{ partitionIndex: kept[0], committedOffset: 7n, committedLeaderEpoch: -1, committedMetadata: null }] }],
      });
    expect((await commit(a.memberId!, 2)).topics[0].partitions[0].errorCode).toBe(0);
    expect((await commit(a.memberId!, 1)).topics[0].partitions[0].errorCode).toBe(ErrorCode.STALE_MEMBER_EPOCH);
    expect((await commit('stranger', 2)).topics[0].partitions[0].errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const fetched = await client.send<OffsetFetchResponse>(ApiKey.OffsetFetch, 9, {
      groups: [{ groupId: 'wire-g', memberId: a.memberId, memberEpoch: 2, topics: [{ name: 'kip848', partitionIndexes: [kept[0]] }] }],
      requireStable: false,
    });
    expect(fetched.groups![0].topics[0].partitions[0].committedOffset).toBe(7n);
    // v9 checks the member for a KIP-848 group: a stale epoch and a stranger are refused for the group; an admin
    // tool (no member id, epoch -1) reads.
    const fetchAs = async (memberId: string | null, memberEpoch: number) =>
      (
        await client.send<OffsetFetchResponse>(ApiKey.OffsetFetch, 9, {
          groups: [{ groupId: 'wire-g', memberId, memberEpoch, topics: [{ name: 'kip848', partitionIndexes: [kept[0]] }] }],
          requireStable: false,
        })
      ).groups![0];
    expect(await fetchAs(a.memberId, 1)).toMatchObject({ errorCode: ErrorCode.STALE_MEMBER_EPOCH, topics: [] });
    expect((await fetchAs('stranger', 2)).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await fetchAs(null, -1)).topics[0].partitions[0].committedOffset).toBe(7n);

    const detail = (await (await fetch(`${broker.httpUrl}/v1/groups/wire-g`)).json()) as { protocolType: string; generation: number; members: { assignment: Record<string, number[]> }[] };
    expect(detail).toMatchObject({ protocolType: 'consumer', generation: 2 });
    expect(detail.members.flatMap((m) => m.assignment.kip848).sort()).toEqual([0, 1, 2, 3]);

    const events = (await redis.xrange(broker.eventsStream, '-', '+')).map(([, fields]) => groupEventSchema.parse(JSON.parse(fields[fields.indexOf('data') + 1])));
    expect(events.filter((e) => e.group_id === 'wire-g').map((e) => e.type)).toEqual([
      'member_joined',
      'rebalance_started',
      'group_state_changed',
      'rebalance_completed',
      'member_joined',
      'rebalance_started',
      'rebalance_completed',
    ]);
  });

  it('after a broker restart, members carry on at their epochs with their partitions', async () => {
    const before = await client.send<ConsumerGroupDescribeResponse>(ApiKey.ConsumerGroupDescribe, 0, { groupIds: ['wire-g'], includeAuthorizedOperations: false });
    const members = before.groups[0].members;
    client.socket.destroy();
    await broker.close();
    broker = await startGroupTestBroker({ dataDir: broker.dataDir, port: broker.port, eventsStream: broker.eventsStream });
    client = await ProtocolClient.connect(broker.port);

    for (const m of members) {
      const partitions = m.assignment.topicPartitions.map((tp) => ({ topicId: tp.topicId, partitions: tp.partitions }));
      const answer = await heartbeat(1, { memberId: m.memberId, memberEpoch: m.memberEpoch, topicPartitions: partitions });
      expect(answer).toMatchObject({ errorCode: 0, memberEpoch: m.memberEpoch, assignment: { topicPartitions: partitions } });
    }
    const after = await client.send<ConsumerGroupDescribeResponse>(ApiKey.ConsumerGroupDescribe, 0, { groupIds: ['wire-g'], includeAuthorizedOperations: false });
    expect(after.groups[0]).toMatchObject({ groupState: 'Stable', groupEpoch: before.groups[0].groupEpoch });

    // Leaving empties the group; classic members may then take it over.
    for (const m of members) expect((await heartbeat(1, { memberId: m.memberId, memberEpoch: -1 })).errorCode).toBe(0);
    const listed = await client.send<ListGroupsResponse>(ApiKey.ListGroups, 5, { statesFilter: ['empty'], typesFilter: [] });
    expect(listed.groups).toContainEqual({ groupId: 'wire-g', protocolType: 'consumer', groupState: 'Empty', groupType: 'consumer' });
  });

  it('closes only the connection whose ConsumerGroupHeartbeat frame does not parse (bad requests: kip848-platformatic.int-spec)', async () => {
    const victim = await ProtocolClient.connect(broker.port);
    // A ConsumerGroupHeartbeat v1 header followed by a group id whose compact length runs past the frame.
    const body = Buffer.from([0x00, 0x44, 0x00, 0x01, 0x00, 0x00, 0x00, 0x09, 0xff, 0xff, 0x00, 0x7f, 0x61]);
    const frame = Buffer.alloc(4 + body.length);
    frame.writeInt32BE(body.length, 0);
    body.copy(frame, 4);
    victim.writeRaw(frame);
    await victim.closed;
    expect((await heartbeat(1, { memberId: 'still-fine', groupId: 'other-g' })).errorCode).toBe(0);
  });
});
