import { rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssignerProtocol } from 'kafkajs';
import {
  ApiKey,
  ErrorCode,
  buildRecordBatch,
  decodeRecordBatch,
  encodeRequest,
  uuidFromBytes,
  uuidToBytes,
  type ApiVersionsResponse,
  type CreateTopicsResponse,
  type DeleteGroupsResponse,
  type DeleteTopicsResponse,
  type DescribeConfigsResponse,
  type DescribeGroupsResponse,
  type FetchResponse,
  type FindCoordinatorResponse,
  type HeartbeatResponse,
  type InitProducerIdResponse,
  type JoinGroupResponse,
  type LeaveGroupResponse,
  type ListGroupsResponse,
  type ListOffsetsResponse,
  type MetadataResponse,
  type OffsetCommitResponse,
  type OffsetFetchResponse,
  type ProduceResponse,
  type SyncGroupResponse,
} from '@app/kafka-protocol';
import { startTestBroker, type TestBroker } from './compat-broker';
import { ProtocolClient } from '@app/testing';

/**
 * The flexible (KIP-482) versions up to Kafka 3.9's maxima, over a real socket: header v2 / response header v1,
 * compact fields, tagged fields, and the fields those versions add (topic ids, leader epochs, batched group
 * requests). Every request is encoded by the generated codec at the version named.
 */
const batch = (values: string[], baseTimestamp = 1_700_000_000_000n) =>
  buildRecordBatch({ baseTimestamp, records: values.map((v) => ({ key: null, value: Buffer.from(v) })) });

function values(records: Buffer | null): string[] {
  const out: string[] = [];
  if (!records) return out;
  for (let at = 0; at + 12 <= records.length; ) {
    const size = records.readInt32BE(at + 8) + 12;
    out.push(...decodeRecordBatch(records.subarray(at, at + size)).map((r) => r.value!.toString()));
    at += size;
  }
  return out;
}

/** Two records stamped ts and ts + 1. */
const stampedBatch = (ts: bigint) =>
  buildRecordBatch({ baseTimestamp: ts, records: ['x', 'y'].map((v, i) => ({ key: null, value: Buffer.from(v), timestamp: ts + BigInt(i) })) });

const subscription = (...topics: string[]) => AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) });
const RANDOM_ID = uuidToBytes('5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab');

describe('flexible protocol versions over the wire', () => {
  let broker: TestBroker;
  let client: ProtocolClient;

  beforeAll(async () => {
    broker = await startTestBroker({ autoCreateTopics: false });
  });

  beforeEach(async () => {
    client = await ProtocolClient.connect(broker.port);
  });

  afterEach(() => client.close());
  afterAll(() => broker.stop());

  const createTopic = async (name: string, numPartitions = 1) => {
    const res = await client.send<CreateTopicsResponse>(ApiKey.CreateTopics, 7, {
      topics: [{ name, numPartitions, replicationFactor: -1, assignments: [], configs: [{ name: 'retention.ms', value: '3600000' }] }],
      timeoutMs: 5000,
      validateOnly: false,
    });
    return res.topics[0];
  };

  it('advertises Kafka 3.9 maxima for every implemented API', async () => {
    const res = await client.send<ApiVersionsResponse>(ApiKey.ApiVersions, 4, { clientSoftwareName: 'flex-test', clientSoftwareVersion: '1' });
    const max = Object.fromEntries(res.apiKeys.map((k) => [k.apiKey, [k.minVersion, k.maxVersion]]));
    expect(max).toMatchObject({
      [ApiKey.Produce]: [0, 11],
      [ApiKey.Fetch]: [4, 17],
      [ApiKey.ListOffsets]: [0, 9],
      [ApiKey.Metadata]: [0, 12],
      [ApiKey.OffsetCommit]: [0, 9],
      [ApiKey.OffsetFetch]: [0, 9],
      [ApiKey.FindCoordinator]: [0, 6],
      [ApiKey.JoinGroup]: [0, 9],
      [ApiKey.Heartbeat]: [0, 4],
      [ApiKey.LeaveGroup]: [0, 5],
      [ApiKey.SyncGroup]: [0, 5],
      [ApiKey.DescribeGroups]: [0, 5],
      [ApiKey.ListGroups]: [0, 5],
      [ApiKey.SaslHandshake]: [0, 1],
      [ApiKey.ApiVersions]: [0, 4],
      [ApiKey.CreateTopics]: [0, 7],
      [ApiKey.DeleteTopics]: [0, 6],
      [ApiKey.InitProducerId]: [0, 5],
      [ApiKey.DescribeConfigs]: [0, 4],
      [ApiKey.SaslAuthenticate]: [0, 2],
      [ApiKey.DeleteGroups]: [0, 2],
      [ApiKey.OffsetForLeaderEpoch]: [0, 4],
      [ApiKey.CreatePartitions]: [0, 3],
      [ApiKey.DescribeCluster]: [0, 1],
      [ApiKey.DeleteRecords]: [0, 2],
    });
  });

  it('creates a topic (v7: id, partitions, configs), describes it by name and by id (Metadata v12), epoch 0', async () => {
    const created = await createTopic('flex-meta', 3);
    expect(created).toMatchObject({ errorCode: 0, numPartitions: 3, replicationFactor: 1 });
    expect(created.configs).toContainEqual({ name: 'retention.ms', value: '3600000', readOnly: false, configSource: 1, isSensitive: false });
    expect(created.configs).toContainEqual(expect.objectContaining({ name: 'segment.bytes', configSource: 5 }));
    const id = uuidFromBytes(created.topicId!);
    expect(id).toBe(broker.topics.describeTopic('flex-meta')!.topicId);

    const byName = await client.send<MetadataResponse>(ApiKey.Metadata, 12, {
      topics: [{ name: 'flex-meta', topicId: Buffer.alloc(16) }],
      allowAutoTopicCreation: false,
      includeTopicAuthorizedOperations: false,
    });
    expect(byName.topics).toHaveLength(1);
    expect(byName.topics[0]).toMatchObject({ errorCode: 0, name: 'flex-meta', isInternal: false });
    expect(uuidFromBytes(byName.topics[0].topicId!)).toBe(id);
    expect(byName.topics[0].partitions.map((p) => [p.partitionIndex, p.leaderEpoch, p.leaderId])).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [2, 0, 0],
    ]);

    const byId = await client.send<MetadataResponse>(ApiKey.Metadata, 12, { topics: [{ name: null, topicId: created.topicId }], allowAutoTopicCreation: false });
    expect(byId.topics[0]).toMatchObject({ errorCode: 0, name: 'flex-meta' });

    const unknown = await client.send<MetadataResponse>(ApiKey.Metadata, 12, { topics: [{ name: null, topicId: RANDOM_ID }], allowAutoTopicCreation: false });
    expect(unknown.topics[0]).toMatchObject({ errorCode: ErrorCode.UNKNOWN_TOPIC_ID, name: null });
    // Apache accepts ids in Metadata requests only from v12.
    const v11 = await client.send<MetadataResponse>(ApiKey.Metadata, 11, { topics: [{ name: null, topicId: created.topicId }], allowAutoTopicCreation: false });
    expect(v11.topics[0].errorCode).toBe(ErrorCode.INVALID_REQUEST);

    const all = await client.send<MetadataResponse>(ApiKey.Metadata, 9, { topics: null, allowAutoTopicCreation: false });
    expect(all.topics.find((t) => t.name === 'flex-meta')?.partitions).toHaveLength(3);
  });

  it('produces with v11 and fetches by topic id with v17 (and by name with v12)', async () => {
    const created = await createTopic('flex-data');
    const produced = await client.send<ProduceResponse>(ApiKey.Produce, 11, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 5000,
      topicData: [{ name: 'flex-data', partitionData: [{ index: 0, records: batch(['a', 'b', 'c']) }] }],
    });
    expect(produced.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0n, logStartOffset: 0n });

    const fetchV17 = await client.send<FetchResponse>(ApiKey.Fetch, 17, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 1 << 20,
      isolationLevel: 1,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topicId: created.topicId, partitions: [{ partition: 0, currentLeaderEpoch: 0, fetchOffset: 1n, lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
      forgottenTopicsData: [],
      rackId: '',
    });
    expect(fetchV17.errorCode).toBe(0);
    expect(fetchV17.responses[0].topicId).toEqual(created.topicId);
    const part = fetchV17.responses[0].partitions[0];
    expect(part).toMatchObject({ errorCode: 0, highWatermark: 3n, lastStableOffset: 3n, logStartOffset: 0n });
    expect(values(part.records)).toEqual(['a', 'b', 'c']);

    const fetchV12 = await client.send<FetchResponse>(ApiKey.Fetch, 12, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 1 << 20,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic: 'flex-data', partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
      forgottenTopicsData: [],
      rackId: '',
    });
    expect(fetchV12.responses[0].topic).toBe('flex-data');
    expect(values(fetchV12.responses[0].partitions[0].records)).toEqual(['a', 'b', 'c']);
  });

  it('answers UNKNOWN_TOPIC_ID for a Fetch v13+ topic id no topic has, and UNKNOWN_LEADER_EPOCH for an epoch above 0; the connection stays open', async () => {
    const created = await createTopic('flex-epoch');
    const fetch = (topicId: Buffer, currentLeaderEpoch: number) =>
      client.send<FetchResponse>(ApiKey.Fetch, 13, {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1 << 20,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [{ topicId, partitions: [{ partition: 0, currentLeaderEpoch, fetchOffset: 0n, lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
        forgottenTopicsData: [],
        rackId: '',
      });
    const unknown = await fetch(RANDOM_ID, -1);
    expect(unknown.responses[0].topicId).toEqual(RANDOM_ID);
    expect(unknown.responses[0].partitions[0]).toMatchObject({ errorCode: ErrorCode.UNKNOWN_TOPIC_ID, highWatermark: -1n });
    expect((await fetch(created.topicId!, 1)).responses[0].partitions[0].errorCode).toBe(ErrorCode.UNKNOWN_LEADER_EPOCH);
    expect((await fetch(created.topicId!, 0)).responses[0].partitions[0].errorCode).toBe(0);
  });

  it('answers ListOffsets v9 for latest, earliest, max timestamp, earliest local and latest tiered, with leader epoch 0', async () => {
    await createTopic('flex-offsets');
    for (const ts of [1_000n, 9_000n, 5_000n]) {
      await client.send<ProduceResponse>(ApiKey.Produce, 9, {
        transactionalId: null,
        // acks=all: answered once the high watermark covers the batch.
        acks: -1,
        timeoutMs: 5000,
        topicData: [{ name: 'flex-offsets', partitionData: [{ index: 0, records: stampedBatch(ts) }] }],
      });
    }
    const list = async (timestamp: bigint) => {
      const res = await client.send<ListOffsetsResponse>(ApiKey.ListOffsets, 9, {
        replicaId: -1,
        isolationLevel: 0,
        topics: [{ name: 'flex-offsets', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp }] }],
      });
      const p = res.topics[0].partitions[0];
      return [p.errorCode, p.offset, p.timestamp, p.leaderEpoch];
    };
    expect(await list(-1n)).toEqual([0, 6n, -1n, 0]);
    expect(await list(-2n)).toEqual([0, 0n, -1n, 0]);
    // The batch at 9000 holds records stamped 9000 and 9001 at offsets 2 and 3: the largest is 9001.
    expect(await list(-3n)).toEqual([0, 3n, 9_001n, 0]);
    expect(await list(-4n)).toEqual([0, 0n, -1n, 0]);
    expect(await list(-5n)).toEqual([0, -1n, -1n, -1]);
    expect(await list(5_000n)).toEqual([0, 2n, 9_000n, 0]);
  });

  it('deletes topics by id and by name with DeleteTopics v6; unknown ids and ambiguous entries get their own errors', async () => {
    const byId = await createTopic('flex-del-id');
    await createTopic('flex-del-name');
    const res = await client.send<DeleteTopicsResponse>(ApiKey.DeleteTopics, 6, {
      topics: [
        { name: null, topicId: byId.topicId },
        { name: 'flex-del-name', topicId: Buffer.alloc(16) },
        { name: null, topicId: RANDOM_ID },
        { name: 'flex-meta', topicId: RANDOM_ID },
      ],
      timeoutMs: 5000,
    });
    expect(res.responses.map((r) => [r.name, r.errorCode])).toEqual([
      ['flex-del-id', 0],
      ['flex-del-name', 0],
      [null, ErrorCode.UNKNOWN_TOPIC_ID],
      ['flex-meta', ErrorCode.INVALID_REQUEST],
    ]);
    expect(res.responses[0].topicId).toEqual(byId.topicId);
    expect(broker.topics.describeTopic('flex-del-id')).toBeUndefined();
    expect(broker.topics.describeTopic('flex-del-name')).toBeUndefined();
    expect(broker.topics.describeTopic('flex-meta')).toBeDefined();

    // v4 (flexible, before ids) still deletes by name.
    await createTopic('flex-del-v4');
    const v4 = await client.send<DeleteTopicsResponse>(ApiKey.DeleteTopics, 4, { topicNames: ['flex-del-v4', 'flex-never'], timeoutMs: 5000 });
    expect(v4.responses.map((r) => [r.name, r.errorCode])).toEqual([
      ['flex-del-v4', 0],
      ['flex-never', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
    ]);
    expect(broker.topics.describeTopic('flex-del-v4')).toBeUndefined();
  });

  it('describes topic configs with DescribeConfigs v4 (config types) and hands out producer ids with InitProducerId v5', async () => {
    await createTopic('flex-configs');
    const res = await client.send<DescribeConfigsResponse>(ApiKey.DescribeConfigs, 4, {
      resources: [{ resourceType: 2, resourceName: 'flex-configs', configurationKeys: ['retention.ms', 'cleanup.policy'] }],
      includeSynonyms: false,
      includeDocumentation: false,
    });
    expect(res.results[0].configs.map((c) => [c.name, c.value, c.configType, c.configSource])).toEqual([
      ['cleanup.policy', 'delete', 7, 5],
      ['retention.ms', '3600000', 5, 1],
    ]);
    const pid = await client.send<InitProducerIdResponse>(ApiKey.InitProducerId, 5, { transactionalId: null, transactionTimeoutMs: -1, producerId: -1n, producerEpoch: -1 });
    expect(pid).toMatchObject({ errorCode: 0, producerEpoch: 0 });
    expect(pid.producerId >= 0n).toBe(true);
  });

  it('runs a classic group at the newest versions: batched FindCoordinator, JoinGroup v9 with reason, SyncGroup v5, Heartbeat v4, OffsetCommit v9, multi-group OffsetFetch v9, ListGroups v5 filters, DescribeGroups v5, LeaveGroup v5, DeleteGroups v2', async () => {
    await createTopic('flex-group', 2);
    const coordinators = await client.send<FindCoordinatorResponse>(ApiKey.FindCoordinator, 6, { keyType: 0, coordinatorKeys: ['flex-g', 'other-g'] });
    expect(coordinators.coordinators!.map((c) => [c.key, c.nodeId, c.port, c.errorCode])).toEqual([
      ['flex-g', 0, broker.port, 0],
      ['other-g', 0, broker.port, 0],
    ]);
    const badKeyType = await client.send<FindCoordinatorResponse>(ApiKey.FindCoordinator, 4, { keyType: 7, coordinatorKeys: ['x'] });
    expect(badKeyType.coordinators![0].errorCode).toBe(ErrorCode.INVALID_REQUEST);

    const joinBody = (memberId: string) => ({
      groupId: 'flex-g',
      sessionTimeoutMs: 30_000,
      rebalanceTimeoutMs: 30_000,
      memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: subscription('flex-group') }],
      reason: 'flex test joins',
    });
    const first = await client.send<JoinGroupResponse>(ApiKey.JoinGroup, 9, joinBody(''));
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    const joined = await client.send<JoinGroupResponse>(ApiKey.JoinGroup, 9, joinBody(first.memberId));
    expect(joined).toMatchObject({ errorCode: 0, generationId: 1, protocolType: 'consumer', protocolName: 'range', leader: first.memberId, skipAssignment: false });
    expect(joined.members.map((m) => m.memberId)).toEqual([first.memberId]);
    const memberId = joined.memberId;

    const assignment = AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: { 'flex-group': [0, 1] }, userData: Buffer.alloc(0) });
    const wrongProtocol = await client.send<SyncGroupResponse>(ApiKey.SyncGroup, 5, {
      groupId: 'flex-g',
      generationId: 1,
      memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'roundrobin',
      assignments: [{ memberId, assignment }],
    });
    expect(wrongProtocol.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const synced = await client.send<SyncGroupResponse>(ApiKey.SyncGroup, 5, {
      groupId: 'flex-g',
      generationId: 1,
      memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: [{ memberId, assignment }],
    });
    expect(synced).toMatchObject({ errorCode: 0, protocolType: 'consumer', protocolName: 'range' });
    expect(synced.assignment).toEqual(assignment);

    const hb = await client.send<HeartbeatResponse>(ApiKey.Heartbeat, 4, { groupId: 'flex-g', generationId: 1, memberId, groupInstanceId: null });
    expect(hb.errorCode).toBe(0);

    const commit = await client.send<OffsetCommitResponse>(ApiKey.OffsetCommit, 9, {
      groupId: 'flex-g',
      generationIdOrMemberEpoch: 1,
      memberId,
      groupInstanceId: null,
      topics: [{ name: 'flex-group', partitions: [{ partitionIndex: 0, committedOffset: 42n, committedLeaderEpoch: 0, committedMetadata: 'm0' }, { partitionIndex: 1, committedOffset: 7n, committedLeaderEpoch: 0, committedMetadata: null }] }],
    });
    expect(commit.topics[0].partitions.map((p) => p.errorCode)).toEqual([0, 0]);
    const staleCommit = await client.send<OffsetCommitResponse>(ApiKey.OffsetCommit, 8, {
      groupId: 'flex-g',
      generationIdOrMemberEpoch: 5,
      memberId,
      groupInstanceId: null,
      topics: [{ name: 'flex-group', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedLeaderEpoch: 0, committedMetadata: '' }] }],
    });
    expect(staleCommit.topics[0].partitions[0].errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);

    const fetched = await client.send<OffsetFetchResponse>(ApiKey.OffsetFetch, 9, {
      groups: [
        { groupId: 'flex-g', memberId: null, memberEpoch: -1, topics: [{ name: 'flex-group', partitionIndexes: [0, 1] }] },
        { groupId: 'flex-g', memberId: null, memberEpoch: -1, topics: null },
        { groupId: 'no-such-group', memberId: null, memberEpoch: -1, topics: [{ name: 'flex-group', partitionIndexes: [0] }] },
      ],
      requireStable: true,
    });
    expect(fetched.groups!.map((g) => [g.groupId, g.errorCode, g.topics.flatMap((t) => t.partitions.map((p) => [t.name, p.partitionIndex, p.committedOffset, p.metadata]))])).toEqual([
      ['flex-g', 0, [['flex-group', 0, 42n, 'm0'], ['flex-group', 1, 7n, '']]],
      ['flex-g', 0, [['flex-group', 0, 42n, 'm0'], ['flex-group', 1, 7n, '']]],
      ['no-such-group', 0, [['flex-group', 0, -1n, '']]],
    ]);

    const listed = async (statesFilter: string[], typesFilter: string[]) =>
      (await client.send<ListGroupsResponse>(ApiKey.ListGroups, 5, { statesFilter, typesFilter })).groups.filter((g) => g.groupId === 'flex-g');
    expect(await listed([], [])).toEqual([{ groupId: 'flex-g', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' }]);
    expect(await listed(['stable'], ['Classic'])).toHaveLength(1);
    expect(await listed(['Empty'], [])).toEqual([]);
    expect(await listed([], ['consumer'])).toEqual([]);

    const described = await client.send<DescribeGroupsResponse>(ApiKey.DescribeGroups, 5, { groups: ['flex-g', 'never-seen'], includeAuthorizedOperations: false });
    expect(described.groups.map((g) => [g.groupId, g.errorCode, g.groupState, g.protocolData, g.members.map((m) => m.memberId)])).toEqual([
      ['flex-g', 0, 'Stable', 'range', [memberId]],
      ['never-seen', 0, 'Dead', '', []],
    ]);
    expect(described.groups[0].members[0].memberAssignment).toEqual(assignment);

    const left = await client.send<LeaveGroupResponse>(ApiKey.LeaveGroup, 5, {
      groupId: 'flex-g',
      members: [
        { memberId, groupInstanceId: null, reason: 'flex test done' },
        { memberId: 'not-a-member', groupInstanceId: null, reason: null },
      ],
    });
    expect(left.errorCode).toBe(0);
    expect(left.members!.map((m) => [m.memberId, m.errorCode])).toEqual([
      [memberId, 0],
      ['not-a-member', ErrorCode.UNKNOWN_MEMBER_ID],
    ]);
    expect(await listed(['Empty'], ['classic'])).toHaveLength(1);

    const deleted = await client.send<DeleteGroupsResponse>(ApiKey.DeleteGroups, 2, { groupsNames: ['flex-g', 'never-seen'] });
    expect(deleted.results.map((r) => [r.groupId, r.errorCode])).toEqual([
      ['flex-g', 0],
      ['never-seen', ErrorCode.GROUP_ID_NOT_FOUND],
    ]);
    const after = await client.send<OffsetFetchResponse>(ApiKey.OffsetFetch, 8, { groups: [{ groupId: 'flex-g', topics: null }], requireStable: false });
    expect(after.groups![0].topics).toEqual([]);
  });

  it('reports __-prefixed topics internal in Metadata and refuses client Produce and DeleteTopics on them with INVALID_TOPIC_EXCEPTION, storing nothing', async () => {
    await createTopic('__consumer_offsets');
    await createTopic('__flex-internal');
    await createTopic('flex_user_topic');
    for (const version of [1, 9, 12]) {
      const res = await client.send<MetadataResponse>(ApiKey.Metadata, version, {
        topics: ['__consumer_offsets', '__flex-internal', 'flex_user_topic'].map((name) => ({ name, topicId: Buffer.alloc(16) })),
        allowAutoTopicCreation: false,
      });
      expect(res.topics.map((t) => [t.name, t.errorCode, t.isInternal])).toEqual([
        ['__consumer_offsets', 0, true],
        ['__flex-internal', 0, true],
        ['flex_user_topic', 0, false],
      ]);
    }
    for (const version of [3, 7, 11]) {
      const res = await client.send<ProduceResponse>(ApiKey.Produce, version, {
        transactionalId: null,
        acks: -1,
        timeoutMs: 5000,
        topicData: ['__consumer_offsets', '__flex-internal', '__never-created', 'flex_user_topic'].map((name) => ({ name, partitionData: [{ index: 0, records: batch(['x']) }] })),
      });
      expect(res.responses.map((r) => [r.name, r.partitionResponses[0].errorCode])).toEqual([
        ['__consumer_offsets', ErrorCode.INVALID_TOPIC_EXCEPTION],
        ['__flex-internal', ErrorCode.INVALID_TOPIC_EXCEPTION],
        ['__never-created', ErrorCode.INVALID_TOPIC_EXCEPTION],
        ['flex_user_topic', 0],
      ]);
    }
    expect(broker.topics.partition('__consumer_offsets', 0)!.highWatermark).toBe(0n);
    expect(broker.topics.partition('__flex-internal', 0)!.highWatermark).toBe(0n);
    expect(broker.topics.describeTopic('__never-created')).toBeUndefined();
    expect(broker.topics.partition('flex_user_topic', 0)!.highWatermark).toBe(3n);

    // Deleting one is refused too, by name and by id, and the topic stays.
    const internalId = uuidToBytes(broker.topics.describeTopic('__flex-internal')!.topicId);
    const deleted = await client.send<DeleteTopicsResponse>(ApiKey.DeleteTopics, 6, {
      topics: [
        { name: '__consumer_offsets', topicId: Buffer.alloc(16) },
        { name: null, topicId: internalId },
      ],
      timeoutMs: 5000,
    });
    expect(deleted.responses.map((r) => [r.name, r.errorCode, r.errorMessage])).toEqual([
      ['__consumer_offsets', ErrorCode.INVALID_TOPIC_EXCEPTION, 'Topic __consumer_offsets is an internal topic and is not allowed to be deleted.'],
      ['__flex-internal', ErrorCode.INVALID_TOPIC_EXCEPTION, 'Topic __flex-internal is an internal topic and is not allowed to be deleted.'],
    ]);
    expect(broker.topics.describeTopic('__consumer_offsets')).toBeDefined();
    expect(broker.topics.describeTopic('__flex-internal')).toBeDefined();
  });

  it('skips unknown tagged fields, and closes only the connection whose known tagged field does not parse', async () => {
    // Metadata v12 with an unknown tag (99, 3 bytes) in its top-level tagged fields: answered as usual.
    const metadata = encodeRequest(ApiKey.Metadata, 12, 41, 'c', { topics: null, allowAutoTopicCreation: false });
    const withUnknownTag = Buffer.concat([metadata.subarray(0, metadata.length - 1), Buffer.from([0x01, 99, 0x03, 1, 2, 3])]);
    withUnknownTag.writeInt32BE(withUnknownTag.length - 4, 0);
    client.writeRaw(withUnknownTag);
    const answered = await client.expectResponse<MetadataResponse>(41, ApiKey.Metadata, 12);
    expect(answered.brokers).toHaveLength(1);

    // Fetch v12's tag 0 is ClusterId, a compact nullable string: claim 40 bytes inside a 2-byte field.
    const bad = await ProtocolClient.connect(broker.port);
    const fetch = encodeRequest(ApiKey.Fetch, 12, 42, 'c', {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 1024,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [],
      forgottenTopicsData: [],
      rackId: '',
    });
    const badTag = Buffer.concat([fetch.subarray(0, fetch.length - 1), Buffer.from([0x01, 0x00, 0x02, 41, 0x61])]);
    badTag.writeInt32BE(badTag.length - 4, 0);
    bad.writeRaw(badTag);
    await bad.closed;
    expect((await client.send<ApiVersionsResponse>(ApiKey.ApiVersions, 4, {})).errorCode).toBe(0);
  });
});

describe('topic ids across a restart', () => {
  it('reports the same topic id in Metadata v12 after the broker restarts on the same data dir', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'broker-topic-ids-'));
    try {
      let broker = await startTestBroker({ dataDir });
      let client = await ProtocolClient.connect(broker.port);
      const created = await client.send<CreateTopicsResponse>(ApiKey.CreateTopics, 7, {
        topics: [{ name: 'kept-id', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
        timeoutMs: 5000,
      });
      client.close();
      await broker.stop();

      broker = await startTestBroker({ dataDir });
      client = await ProtocolClient.connect(broker.port);
      const res = await client.send<MetadataResponse>(ApiKey.Metadata, 12, { topics: [{ name: 'kept-id', topicId: Buffer.alloc(16) }], allowAutoTopicCreation: false });
      client.close();
      await broker.stop();
      expect(res.topics[0].errorCode).toBe(0);
      expect(res.topics[0].topicId).toEqual(created.topics[0].topicId);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
