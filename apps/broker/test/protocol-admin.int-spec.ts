import { Kafka, logLevel } from 'kafkajs';
import {
  ApiKey,
  ErrorCode,
  buildRecordBatch,
  type CreatePartitionsResponse,
  type DeleteRecordsResponse,
  type DescribeClusterResponse,
  type FetchResponse,
  type ListOffsetsResponse,
  type MetadataResponse,
  type OffsetForLeaderEpochResponse,
  type ProduceResponse,
} from '@app/kafka-protocol';
import { startTestBroker, type TestBroker } from './compat-broker';
import { ProtocolClient } from '@app/testing';

/** DescribeCluster, CreatePartitions, DeleteRecords and OffsetForLeaderEpoch over a real socket, every advertised version. */
describe('cluster and partition admin APIs over the wire', () => {
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

  const produce = (topic: string, partition: number, values: string[]) =>
    client.send<ProduceResponse>(ApiKey.Produce, 9, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 5000,
      topicData: [{ name: topic, partitionData: [{ index: partition, records: buildRecordBatch({ baseTimestamp: 1n, records: values.map((v) => ({ key: null, value: Buffer.from(v) })) }) }] }],
    });

  it.each([0, 1])('describes this node as the whole cluster and its controller (DescribeCluster v%i)', async (version) => {
    const res = await client.send<DescribeClusterResponse>(ApiKey.DescribeCluster, version, { includeClusterAuthorizedOperations: true, endpointType: 1 });
    expect(res).toMatchObject({ errorCode: 0, clusterId: 'streaming-platform-broker', controllerId: 0 });
    expect(res.brokers).toEqual([{ brokerId: 0, host: '127.0.0.1', port: broker.port, rack: null }]);
    // DESCRIBE (8) is among the operations reported when asked for.
    expect(res.clusterAuthorizedOperations & (1 << 8)).not.toBe(0);
    const notAsked = await client.send<DescribeClusterResponse>(ApiKey.DescribeCluster, version, { includeClusterAuthorizedOperations: false, endpointType: 1 });
    expect(notAsked.clusterAuthorizedOperations).toBe(-2147483648);
  });

  it('answers UNSUPPORTED_ENDPOINT_TYPE for a controllers endpoint request (DescribeCluster v1)', async () => {
    const res = await client.send<DescribeClusterResponse>(ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 2 });
    expect(res).toMatchObject({ errorCode: ErrorCode.UNSUPPORTED_ENDPOINT_TYPE, endpointType: 2, brokers: [] });
  });

  it.each([0, 1, 2, 3])('adds partitions with CreatePartitions v%i, which Metadata reports and Produce can use', async (version) => {
    const topic = `grow-v${version}`;
    await broker.topics.createTopic({ name: topic, numPartitions: 1, replicationFactor: 1 });
    await produce(topic, 0, ['kept']);
    const res = await client.send<CreatePartitionsResponse>(ApiKey.CreatePartitions, version, {
      topics: [
        { name: topic, count: 3, assignments: null },
        { name: 'no-such-topic', count: 2, assignments: null },
      ],
      timeoutMs: 5000,
      validateOnly: false,
    });
    expect(res.results.map((r) => [r.name, r.errorCode])).toEqual([
      [topic, 0],
      ['no-such-topic', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
    ]);
    const meta = await client.send<MetadataResponse>(ApiKey.Metadata, 12, { topics: [{ name: topic, topicId: Buffer.alloc(16) }], allowAutoTopicCreation: false });
    expect(meta.topics[0].partitions.map((p) => p.partitionIndex)).toEqual([0, 1, 2]);
    expect((await produce(topic, 2, ['new'])).responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0n });
    expect(broker.topics.partitions(topic).map((l) => l.highWatermark)).toEqual([1n, 0n, 1n]);
  });

  it('refuses shrinking, a topic named twice and assignments to other brokers; validate-only changes nothing', async () => {
    await broker.topics.createTopic({ name: 'grow-rules', numPartitions: 2, replicationFactor: 1 });
    const res = await client.send<CreatePartitionsResponse>(ApiKey.CreatePartitions, 3, {
      topics: [
        { name: 'grow-rules', count: 2, assignments: null },
        { name: 'twice', count: 4, assignments: null },
        { name: 'twice', count: 5, assignments: null },
      ],
      timeoutMs: 5000,
      validateOnly: false,
    });
    expect(res.results.map((r) => [r.name, r.errorCode])).toEqual([
      ['grow-rules', ErrorCode.INVALID_PARTITIONS],
      ['twice', ErrorCode.INVALID_REQUEST],
      ['twice', ErrorCode.INVALID_REQUEST],
    ]);
    const assigned = await client.send<CreatePartitionsResponse>(ApiKey.CreatePartitions, 1, {
      topics: [{ name: 'grow-rules', count: 4, assignments: [{ brokerIds: [0] }, { brokerIds: [7] }] }],
      timeoutMs: 5000,
      validateOnly: false,
    });
    expect(assigned.results[0].errorCode).toBe(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
    const validated = await client.send<CreatePartitionsResponse>(ApiKey.CreatePartitions, 2, {
      topics: [{ name: 'grow-rules', count: 4, assignments: [{ brokerIds: [0] }, { brokerIds: [0] }] }],
      timeoutMs: 5000,
      validateOnly: true,
    });
    expect(validated.results[0].errorCode).toBe(0);
    expect(broker.topics.describeTopic('grow-rules')!.partitions).toBe(2);
  });

  it('adds partitions through kafkajs admin.createPartitions, refused when not growing, and kafkajs metadata shows them', async () => {
    await broker.topics.createTopic({ name: 'grow-kafkajs', numPartitions: 1, replicationFactor: 1 });
    const kafka = new Kafka({ clientId: 'admin-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createPartitions({ topicPartitions: [{ topic: 'grow-kafkajs', count: 2 }] });
      const meta = await admin.fetchTopicMetadata({ topics: ['grow-kafkajs'] });
      expect(meta.topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1]);
      await expect(admin.createPartitions({ topicPartitions: [{ topic: 'grow-kafkajs', count: 1 }] })).rejects.toThrow();
    } finally {
      await admin.disconnect();
    }
    expect(broker.topics.partitions('grow-kafkajs')).toHaveLength(2);
  });

  it.each([0, 1, 2])('deletes records below an offset with DeleteRecords v%i: ListOffsets and Fetch start there', async (version) => {
    const topic = `records-v${version}`;
    await broker.topics.createTopic({ name: topic, numPartitions: 2, replicationFactor: 1 });
    await broker.topics.createTopic({ name: `__records-v${version}`, numPartitions: 1, replicationFactor: 1 });
    await produce(topic, 0, ['a', 'b', 'c', 'd', 'e']);
    await produce(topic, 1, ['x', 'y']);
    const res = await client.send<DeleteRecordsResponse>(ApiKey.DeleteRecords, version, {
      topics: [
        { name: topic, partitions: [{ partitionIndex: 0, offset: 3n }, { partitionIndex: 1, offset: -1n }, { partitionIndex: 7, offset: 0n }] },
        { name: `__records-v${version}`, partitions: [{ partitionIndex: 0, offset: 0n }] },
      ],
      timeoutMs: 5000,
    });
    expect(res.topics.map((t) => t.partitions.map((p) => [p.partitionIndex, p.lowWatermark, p.errorCode]))).toEqual([
      [
        [0, 3n, 0],
        [1, 2n, 0],
        [7, -1n, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
      ],
      [[0, -1n, ErrorCode.INVALID_TOPIC_EXCEPTION]],
    ]);
    const tooFar = await client.send<DeleteRecordsResponse>(ApiKey.DeleteRecords, version, { topics: [{ name: topic, partitions: [{ partitionIndex: 0, offset: 6n }] }], timeoutMs: 5000 });
    expect(tooFar.topics[0].partitions[0].errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);

    const earliest = await client.send<ListOffsetsResponse>(ApiKey.ListOffsets, 9, {
      replicaId: -1,
      isolationLevel: 0,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -2n }] }],
    });
    expect(earliest.topics[0].partitions[0].offset).toBe(3n);
    const fetch = (fetchOffset: bigint) =>
      client.send<FetchResponse>(ApiKey.Fetch, 12, {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1 << 20,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [{ topic, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset, lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
        forgottenTopicsData: [],
        rackId: '',
      });
    expect((await fetch(1n)).responses[0].partitions[0]).toMatchObject({ errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, logStartOffset: 3n });
    expect((await fetch(3n)).responses[0].partitions[0]).toMatchObject({ errorCode: 0, logStartOffset: 3n, highWatermark: 5n });
  });

  it('deletes records through kafkajs admin.deleteTopicRecords, and a kafkajs admin sees the new earliest offset', async () => {
    await broker.topics.createTopic({ name: 'records-kafkajs', numPartitions: 1, replicationFactor: 1 });
    await produce('records-kafkajs', 0, ['1', '2', '3', '4']);
    const kafka = new Kafka({ clientId: 'admin-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      // kafkajs 2.2.4 finds partition leaders from metadata it has already loaded (KafkaJSTopicMetadataNotLoaded otherwise).
      expect(await admin.fetchTopicOffsets('records-kafkajs')).toEqual([expect.objectContaining({ partition: 0, low: '0', high: '4' })]);
      await admin.deleteTopicRecords({ topic: 'records-kafkajs', partitions: [{ partition: 0, offset: '2' }] });
      expect(await admin.fetchTopicOffsets('records-kafkajs')).toEqual([expect.objectContaining({ partition: 0, low: '2', high: '4' })]);
    } finally {
      await admin.disconnect();
    }
  });

  it.each([0, 1, 2, 3, 4])('answers OffsetForLeaderEpoch v%i: epoch 0 ends at the log end, other epochs are undefined', async (version) => {
    const topic = `epochs-v${version}`;
    await broker.topics.createTopic({ name: topic, numPartitions: 1, replicationFactor: 1 });
    await produce(topic, 0, ['a', 'b', 'c']);
    const res = await client.send<OffsetForLeaderEpochResponse>(ApiKey.OffsetForLeaderEpoch, version, {
      replicaId: -1,
      topics: [
        {
          topic,
          partitions: [
            { partition: 0, currentLeaderEpoch: 0, leaderEpoch: 0 },
            { partition: 0, currentLeaderEpoch: -1, leaderEpoch: 3 },
            { partition: 5, currentLeaderEpoch: -1, leaderEpoch: 0 },
          ],
        },
      ],
    });
    const [current, later, missing] = res.topics[0].partitions;
    expect([current.errorCode, current.endOffset]).toEqual([0, 3n]);
    if (version >= 1) expect(current.leaderEpoch).toBe(0);
    expect([later.errorCode, later.endOffset]).toEqual([0, -1n]);
    expect(missing.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    if (version >= 2) {
      const fenced = await client.send<OffsetForLeaderEpochResponse>(ApiKey.OffsetForLeaderEpoch, version, {
        replicaId: -1,
        topics: [{ topic, partitions: [{ partition: 0, currentLeaderEpoch: 1, leaderEpoch: 0 }] }],
      });
      expect(fenced.topics[0].partitions[0].errorCode).toBe(ErrorCode.UNKNOWN_LEADER_EPOCH);
    }
  });
});
