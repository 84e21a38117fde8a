import {
  ApiKey,
  ErrorCode,
  encodeConsumerProtocolSubscription,
  type DescribeGroupsResponse,
  type HeartbeatResponse,
  type JoinGroupResponse,
  type ListGroupsResponse,
  type OffsetCommitResponse,
  type OffsetDeleteResponse,
  type OffsetFetchResponse,
  type SyncGroupResponse,
} from '@app/kafka-protocol';
import { ProtocolClient, uniqueName } from '@app/testing';
import { startGroupTestBroker, type GroupTestBroker } from './group-test-broker';

const metadata = (topics: string[]) => encodeConsumerProtocolSubscription({ topics, userData: null }, 0);

describe('group APIs with bad or extreme input, over the wire', () => {
  let broker: GroupTestBroker;
  let client: ProtocolClient;
  const topic = 'bad-input-topic';

  beforeAll(async () => {
    broker = await startGroupTestBroker();
    await broker.topics.createTopic({ name: topic, numPartitions: 2, replicationFactor: -1 });
    client = await ProtocolClient.connect(broker.port);
  });

  afterAll(async () => {
    client.close();
    await broker.stop();
  });

  const join = (groupId: string, memberId: string, protocols: { name: string; metadata: Buffer }[], version = 5) =>
    client.send<JoinGroupResponse>(ApiKey.JoinGroup, version, {
      groupId,
      sessionTimeoutMs: 10_000,
      rebalanceTimeoutMs: 10_000,
      memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols,
    });

  /** A one-member group through the KIP-394 round trip; returns the member id and generation. */
  async function stableMember(groupId: string, meta = metadata([topic])) {
    const first = await join(groupId, '', [{ name: 'range', metadata: meta }]);
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    const joined = await join(groupId, first.memberId, [{ name: 'range', metadata: meta }]);
    expect(joined.errorCode).toBe(0);
    const synced = await client.send<SyncGroupResponse>(ApiKey.SyncGroup, 3, {
      groupId,
      generationId: joined.generationId,
      memberId: joined.memberId,
      groupInstanceId: null,
      assignments: [{ memberId: joined.memberId, assignment: Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }],
    });
    expect(synced.errorCode).toBe(0);
    return joined;
  }

  it('refuses an empty protocol list, an empty group id and a session timeout out of range', async () => {
    expect((await join(uniqueName('g'), '', [])).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await join('', '', [{ name: 'range', metadata: metadata([topic]) }])).errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    const tooShort = await client.send<JoinGroupResponse>(ApiKey.JoinGroup, 5, {
      groupId: uniqueName('g'),
      sessionTimeoutMs: 10,
      rebalanceTimeoutMs: 10,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: metadata([topic]) }],
    });
    expect(tooShort.errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
  });

  it('answers unknown members and stale generations with the errors clients act on', async () => {
    const groupId = uniqueName('g');
    const member = await stableMember(groupId);
    const heartbeat = (memberId: string, generationId: number) =>
      client.send<HeartbeatResponse>(ApiKey.Heartbeat, 3, { groupId, generationId, memberId, groupInstanceId: null });
    expect((await heartbeat(member.memberId, member.generationId)).errorCode).toBe(0);
    expect((await heartbeat('nobody', member.generationId)).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await heartbeat(member.memberId, member.generationId - 1)).errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    const sync = await client.send<SyncGroupResponse>(ApiKey.SyncGroup, 3, { groupId, generationId: 99, memberId: member.memberId, groupInstanceId: null, assignments: [] });
    expect(sync.errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect((await join(groupId, 'made-up-id', [{ name: 'range', metadata: metadata([topic]) }])).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const commit = await client.send<OffsetCommitResponse>(ApiKey.OffsetCommit, 7, {
      groupId,
      generationIdOrMemberEpoch: member.generationId + 5,
      memberId: member.memberId,
      groupInstanceId: null,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, committedOffset: 1n, committedLeaderEpoch: -1, committedMetadata: '' }] }],
    });
    expect(commit.topics[0].partitions[0].errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
  });

  it('refuses oversized commit metadata and unknown partitions, and stores the rest of the request', async () => {
    const groupId = uniqueName('g');
    const commit = await client.send<OffsetCommitResponse>(ApiKey.OffsetCommit, 2, {
      groupId,
      generationIdOrMemberEpoch: -1,
      memberId: '',
      retentionTimeMs: -1n,
      topics: [
        { name: topic, partitions: [
          { partitionIndex: 0, committedOffset: 10n, committedMetadata: 'x'.repeat(4_097) },
          { partitionIndex: 1, committedOffset: 11n, committedMetadata: 'fine' },
          { partitionIndex: 7, committedOffset: 12n, committedMetadata: '' },
        ] },
        { name: 'no-such-topic', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedMetadata: '' }] },
      ],
    });
    expect(commit.topics.map((t) => t.partitions.map((p) => p.errorCode))).toEqual([
      [ErrorCode.OFFSET_METADATA_TOO_LARGE, 0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
      [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
    ]);
    const fetched = await client.send<OffsetFetchResponse>(ApiKey.OffsetFetch, 1, { groupId, topics: [{ name: topic, partitionIndexes: [0, 1] }] });
    expect(fetched.topics![0].partitions.map((p) => [p.committedOffset, p.metadata])).toEqual([
      [-1n, ''],
      [11n, 'fine'],
    ]);

    const deleted = await client.send<OffsetDeleteResponse>(ApiKey.OffsetDelete, 0, { groupId, topics: [{ name: topic, partitions: [{ partitionIndex: 1 }] }] });
    expect(deleted).toMatchObject({ errorCode: 0, topics: [{ name: topic, partitions: [{ partitionIndex: 1, errorCode: 0 }] }] });
    const after = await client.send<OffsetFetchResponse>(ApiKey.OffsetFetch, 5, { groupId, topics: null });
    expect(after.topics).toEqual([]);
    const unknown = await client.send<OffsetDeleteResponse>(ApiKey.OffsetDelete, 0, { groupId: uniqueName('none'), topics: [] });
    expect(unknown.errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  });

  it('carries 1 MiB of member metadata to the leader intact, and opaque non-consumer metadata verbatim', async () => {
    const big = Buffer.concat([metadata([topic]), Buffer.alloc(1024 * 1024, 7)]);
    const groupId = uniqueName('big');
    const first = await join(groupId, '', [{ name: 'range', metadata: big }]);
    const joined = await join(groupId, first.memberId, [{ name: 'range', metadata: big }]);
    expect(joined.members[0].metadata.equals(big)).toBe(true);

    const opaque = uniqueName('opaque');
    const garbage = Buffer.from('not a consumer subscription');
    const a = await client.send<JoinGroupResponse>(ApiKey.JoinGroup, 3, {
      groupId: opaque,
      sessionTimeoutMs: 10_000,
      rebalanceTimeoutMs: 10_000,
      memberId: '',
      protocolType: 'connect',
      protocols: [{ name: 'default', metadata: garbage }],
    });
    expect(a).toMatchObject({ errorCode: 0, protocolName: 'default' });
    await client.send(ApiKey.SyncGroup, 3, { groupId: opaque, generationId: a.generationId, memberId: a.memberId, groupInstanceId: null, assignments: [{ memberId: a.memberId, assignment: garbage }] });
    const described = await client.send<DescribeGroupsResponse>(ApiKey.DescribeGroups, 4, { groups: [opaque], includeAuthorizedOperations: false });
    expect(described.groups[0]).toMatchObject({ groupState: 'Stable', protocolType: 'connect', protocolData: 'default' });
    expect(described.groups[0].members[0].memberMetadata.equals(garbage)).toBe(true);
    const detail = (await (await fetch(`${broker.httpUrl}/v1/groups/${opaque}`)).json()) as { members: { assignment: unknown }[] };
    expect(detail.members[0].assignment).toEqual({});
  });

  it('handles thousands of groups: lists, filters and describes them in one request each', async () => {
    const prefix = uniqueName('many');
    const ids = Array.from({ length: 3_000 }, (_, i) => `${prefix}-${i}`);
    const results = await Promise.all(
      ids.map((groupId) =>
        client.send<OffsetCommitResponse>(ApiKey.OffsetCommit, 2, {
          groupId,
          generationIdOrMemberEpoch: -1,
          memberId: '',
          retentionTimeMs: -1n,
          topics: [{ name: topic, partitions: [{ partitionIndex: 0, committedOffset: 1n, committedMetadata: '' }] }],
        }),
      ),
    );
    expect(results.every((r) => r.topics[0].partitions[0].errorCode === 0)).toBe(true);
    const listed = await client.send<ListGroupsResponse>(ApiKey.ListGroups, 4, { statesFilter: ['Empty'] });
    const mine = listed.groups.filter((g) => g.groupId.startsWith(prefix));
    expect(mine).toHaveLength(3_000);
    expect(new Set(mine.map((g) => g.groupState))).toEqual(new Set(['Empty']));
    const stable = await client.send<ListGroupsResponse>(ApiKey.ListGroups, 4, { statesFilter: ['Stable'] });
    expect(stable.groups.some((g) => g.groupId.startsWith(prefix))).toBe(false);
    const described = await client.send<DescribeGroupsResponse>(ApiKey.DescribeGroups, 0, { groups: [...ids.slice(0, 1_000), 'never-seen'] });
    expect(described.groups).toHaveLength(1_001);
    expect(described.groups.at(-1)).toMatchObject({ errorCode: 0, groupId: 'never-seen', groupState: 'Dead', protocolType: '' });
  });
});
