import { Registry } from 'prom-client';
import {
  ApiKey,
  ErrorCode,
  buildRecordBatch,
  decodeRecordBatch,
  type CreateTopicsResponse,
  type FetchResponse,
  type ListOffsetsResponse,
  type MetadataResponse,
  type ProduceResponse,
} from '@app/kafka-protocol';
import { startTestBroker, type TestBroker } from './compat-broker';
import { ProtocolClient } from '@app/testing';

const batch = (values: string[], size = 0) =>
  buildRecordBatch({ baseTimestamp: 1_700_000_000_000n, records: values.map((v) => ({ key: null, value: Buffer.from(v + 'x'.repeat(size)) })) });

const produceBody = (topic: string, partition: number, records: Buffer, acks = -1) => ({
  transactionalId: null,
  acks,
  timeoutMs: 5000,
  topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
});

const fetchBody = (parts: Array<[string, number, bigint, number]>, opts: { maxWaitMs?: number; minBytes?: number; maxBytes?: number } = {}) => ({
  replicaId: -1,
  maxWaitMs: opts.maxWaitMs ?? 0,
  minBytes: opts.minBytes ?? 0,
  maxBytes: opts.maxBytes ?? 50 * 1024 * 1024,
  isolationLevel: 1,
  topics: [...new Set(parts.map((p) => p[0]))].map((topic) => ({
    topic,
    partitions: parts.filter((p) => p[0] === topic).map(([, partition, fetchOffset, partitionMaxBytes]) => ({ partition, fetchOffset, partitionMaxBytes })),
  })),
});

function values(records: Buffer | null): string[] {
  const out: string[] = [];
  if (!records) return out;
  for (let at = 0; at + 12 <= records.length; ) {
    const size = records.readInt32BE(at + 8) + 12;
    if (at + size > records.length) break;
    out.push(...decodeRecordBatch(records.subarray(at, at + size)).map((r) => r.value!.toString().replace(/x+$/, '')));
    at += size;
  }
  return out;
}

describe('data plane over the wire', () => {
  let broker: TestBroker;
  let client: ProtocolClient;
  const registry = new Registry();

  beforeAll(async () => {
    broker = await startTestBroker({ registry });
    await broker.topics.createTopic({ name: 'dp', numPartitions: 2, replicationFactor: 1 });
  });

  beforeEach(async () => {
    client = await ProtocolClient.connect(broker.port);
  });

  afterEach(() => client.close());

  afterAll(async () => {
    await broker.stop();
  });

  it('assigns consecutive base offsets and serves them back by Fetch', async () => {
    const first = await client.send<ProduceResponse>(ApiKey.Produce, 7, produceBody('dp', 0, batch(['a', 'b'])));
    const second = await client.send<ProduceResponse>(ApiKey.Produce, 7, produceBody('dp', 0, batch(['c'])));
    expect(first.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0n, logStartOffset: 0n });
    expect(second.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 2n });
    const res = await client.send<FetchResponse>(ApiKey.Fetch, 11, fetchBody([['dp', 0, 1n, 1 << 20]]));
    const p = res.responses[0].partitions[0];
    expect(p).toMatchObject({ errorCode: 0, highWatermark: 3n, lastStableOffset: 3n, logStartOffset: 0n, abortedTransactions: [] });
    expect(values(p.records)).toEqual(['a', 'b', 'c']);
  });

  it('holds a Fetch until data arrives (long poll) and answers as soon as it does', async () => {
    await broker.topics.createTopic({ name: 'lp2', numPartitions: 1, replicationFactor: 1 });
    const waiting = client.send<FetchResponse>(ApiKey.Fetch, 11, fetchBody([['lp2', 0, 0n, 1 << 20]], { maxWaitMs: 120_000, minBytes: 1 }));
    const producer = await ProtocolClient.connect(broker.port);
    await producer.send(ApiKey.Produce, 7, produceBody('lp2', 0, batch(['wake-up'])));
    producer.close();
    // The request would wait two minutes (beyond the test timeout) if the append did not wake it.
    expect(values((await waiting).responses[0].partitions[0].records)).toEqual(['wake-up']);
  });

  it('answers an empty Fetch after max_wait_ms with the watermarks', async () => {
    const res = await client.send<FetchResponse>(ApiKey.Fetch, 4, fetchBody([['dp', 1, 0n, 1 << 20]], { maxWaitMs: 50, minBytes: 1 }));
    expect(res.responses[0].partitions[0]).toMatchObject({ errorCode: 0, highWatermark: 0n, records: Buffer.alloc(0) });
  });

  it('returns the first batch whole even over the limits, and only whole batches after it (KIP-74)', async () => {
    await broker.topics.createTopic({ name: 'limits', numPartitions: 2, replicationFactor: 1 });
    for (const p of [0, 1]) {
      for (const v of ['one', 'two', 'three']) await client.send(ApiKey.Produce, 7, produceBody('limits', p, batch([v], 1000)));
    }
    const tiny = await client.send<FetchResponse>(ApiKey.Fetch, 11, fetchBody([['limits', 0, 0n, 10]]));
    expect(values(tiny.responses[0].partitions[0].records)).toEqual(['one']);
    const twoBatches = await client.send<FetchResponse>(ApiKey.Fetch, 11, fetchBody([['limits', 0, 0n, 2300]]));
    expect(values(twoBatches.responses[0].partitions[0].records)).toEqual(['one', 'two']);
    const capped = await client.send<FetchResponse>(
      ApiKey.Fetch,
      11,
      fetchBody([['limits', 0, 0n, 1 << 20], ['limits', 1, 0n, 1 << 20]], { maxBytes: 1500 }),
    );
    const [p0, p1] = capped.responses[0].partitions;
    expect(values(p0.records)).toEqual(['one']);
    expect(values(p1.records)).toEqual([]);
    expect(p1.highWatermark).toBe(3n);
  });

  it('reports OFFSET_OUT_OF_RANGE and UNKNOWN_TOPIC_OR_PARTITION per partition', async () => {
    const res = await client.send<FetchResponse>(ApiKey.Fetch, 11, fetchBody([['dp', 0, 999n, 1024], ['nope', 0, 0n, 1024]], { maxWaitMs: 10_000, minBytes: 1 }));
    expect(res.responses.map((t) => t.partitions[0].errorCode)).toEqual([ErrorCode.OFFSET_OUT_OF_RANGE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
  });

  it('sends nothing back for acks=0 but stores the batch, keeping later responses in order', async () => {
    client.sendNoResponse(ApiKey.Produce, 7, produceBody('dp', 1, batch(['silent']), 0));
    const after = await client.send<FetchResponse>(ApiKey.Fetch, 11, fetchBody([['dp', 1, 0n, 1 << 20]], { maxWaitMs: 120_000, minBytes: 1 }));
    expect(values(after.responses[0].partitions[0].records)).toEqual(['silent']);
    expect(client.rawFrames).toHaveLength(1);
  });

  it('refuses corrupt batches, unknown partitions, bad acks and legacy Produce versions per partition', async () => {
    const corrupt = batch(['bad']);
    corrupt[corrupt.length - 1] ^= 0xff;
    const res = await client.send<ProduceResponse>(ApiKey.Produce, 7, produceBody('dp', 0, corrupt));
    expect(res.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.CORRUPT_MESSAGE);
    const unknown = await client.send<ProduceResponse>(ApiKey.Produce, 7, produceBody('dp', 7, batch(['x'])));
    expect(unknown.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const acks = await client.send<ProduceResponse>(ApiKey.Produce, 7, produceBody('dp', 0, batch(['x']), 2));
    expect(acks.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.INVALID_REQUIRED_ACKS);
    const legacy = await client.send<ProduceResponse>(ApiKey.Produce, 2, produceBody('dp', 0, batch(['x'])));
    expect(legacy.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT);
  });

  it('answers ListOffsets v0 with old-style offset lists and v1+ by timestamp', async () => {
    const v0 = await client.send<ListOffsetsResponse>(ApiKey.ListOffsets, 0, {
      replicaId: -1,
      topics: [{ name: 'dp', partitions: [{ partitionIndex: 0, timestamp: -2n, maxNumOffsets: 1 }, { partitionIndex: 0, timestamp: -1n, maxNumOffsets: 1 }] }],
    });
    expect(v0.topics[0].partitions.map((p) => p.oldStyleOffsets)).toEqual([[0n], [3n]]);
    const byTime = await client.send<ListOffsetsResponse>(ApiKey.ListOffsets, 3, {
      replicaId: -1,
      isolationLevel: 0,
      topics: [{ name: 'dp', partitions: [{ partitionIndex: 0, timestamp: 1_700_000_000_000n }, { partitionIndex: 0, timestamp: 1_800_000_000_000n }] }],
    });
    expect(byTime.topics[0].partitions.map((p) => [p.offset, p.timestamp])).toEqual([
      [0n, 1_700_000_000_000n],
      [-1n, -1n],
    ]);
  });

  it('lists all topics in Metadata v0 (empty list) and v1+ (null), and auto-creates only when allowed', async () => {
    const v0 = await client.send<MetadataResponse>(ApiKey.Metadata, 0, { topics: [] });
    expect(v0.topics.map((t) => t.name)).toContain('dp');
    expect(v0.brokers).toEqual([{ nodeId: 0, host: '127.0.0.1', port: broker.port, rack: null }]);
    const v1 = await client.send<MetadataResponse>(ApiKey.Metadata, 1, { topics: null });
    expect(v1.controllerId).toBe(0);
    expect(v1.topics.find((t) => t.name === 'dp')?.partitions.map((p) => [p.partitionIndex, p.leaderId, p.replicaNodes, p.isrNodes])).toEqual([
      [0, 0, [0], [0]],
      [1, 0, [0], [0]],
    ]);
    const none = await client.send<MetadataResponse>(ApiKey.Metadata, 1, { topics: [] });
    expect(none.topics).toEqual([]);
    const refused = await client.send<MetadataResponse>(ApiKey.Metadata, 6, { topics: [{ name: 'not-auto' }], allowAutoTopicCreation: false });
    expect(refused.topics[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const created = await client.send<MetadataResponse>(ApiKey.Metadata, 6, { topics: [{ name: 'auto-made' }], allowAutoTopicCreation: true });
    expect(created.topics[0]).toMatchObject({ errorCode: 0, name: 'auto-made' });
    const invalid = await client.send<MetadataResponse>(ApiKey.Metadata, 6, { topics: [{ name: 'bad/name' }], allowAutoTopicCreation: true });
    expect(invalid.topics[0].errorCode).toBe(ErrorCode.INVALID_TOPIC_EXCEPTION);
  });

  it('validates CreateTopics requests (duplicates, assignments, existing topics)', async () => {
    const res = await client.send<CreateTopicsResponse>(ApiKey.CreateTopics, 4, {
      timeoutMs: 1000,
      validateOnly: false,
      topics: [
        { name: 'twice', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] },
        { name: 'twice', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] },
        { name: 'assigned', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [0] }, { partitionIndex: 1, brokerIds: [0] }], configs: [] },
        { name: 'elsewhere', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [3] }], configs: [] },
        { name: 'dp', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] },
        { name: 'rf3', numPartitions: 1, replicationFactor: 3, assignments: [], configs: [] },
      ],
    });
    expect(res.topics.map((t) => [t.name, t.errorCode])).toEqual([
      ['twice', ErrorCode.INVALID_REQUEST],
      ['twice', ErrorCode.INVALID_REQUEST],
      ['assigned', 0],
      ['elsewhere', ErrorCode.INVALID_REPLICA_ASSIGNMENT],
      ['dp', ErrorCode.TOPIC_ALREADY_EXISTS],
      ['rf3', ErrorCode.INVALID_REPLICATION_FACTOR],
    ]);
    expect(broker.topics.describeTopic('assigned')?.partitions).toBe(2);
  });

  it('keeps answering other connections while one does not read its responses, and stops reading from that one', async () => {
    await broker.topics.createTopic({ name: 'slow-reader', numPartitions: 1, replicationFactor: 1 });
    for (let i = 0; i < 4; i++) await client.send(ApiKey.Produce, 7, produceBody('slow-reader', 0, batch([`big${i}`], 256 * 1024)));
    const fetchesReceived = async () => {
      const counter = (await registry.getSingleMetric('broker_kafka_requests_total')!.get()).values;
      return counter.filter((v) => v.labels.api === 'Fetch').reduce((sum, v) => sum + v.value, 0);
    };
    const before = await fetchesReceived();
    const slow = await ProtocolClient.connect(broker.port);
    slow.socket.pause();
    // ~100 MB of responses the slow client never reads, asked for in rounds the server reads one by one: the server
    // stops reading from it, nobody else waits.
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 10; i++) slow.send(ApiKey.Fetch, 11, fetchBody([['slow-reader', 0, 0n, 1 << 20]])).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const fast = await ProtocolClient.connect(broker.port);
    for (let i = 0; i < 5; i++) {
      const res = await fast.send<FetchResponse>(ApiKey.Fetch, 11, fetchBody([['slow-reader', 0, 0n, 1 << 21]]));
      expect(values(res.responses[0].partitions[0].records)).toEqual(['big0', 'big1', 'big2', 'big3']);
    }
    // Each response is 1 MB; the server pauses the connection at 16 MB it could not write, after the kernel's socket
    // buffers have filled (45 of the 100 were read here). A server that kept reading would have read all 100.
    const fromSlow = (await fetchesReceived()) - before - 5;
    expect(fromSlow).toBeGreaterThan(0);
    expect(fromSlow).toBeLessThan(100);
    fast.close();
    slow.close();
  });

  it('reuses a Fetch read buffer only once its response has left: a slow reader still gets its own bytes', async () => {
    await broker.topics.createTopic({ name: 'pooled', numPartitions: 2, replicationFactor: 1 });
    for (let i = 0; i < 4; i++) {
      await client.send(ApiKey.Produce, 7, produceBody('pooled', 0, batch([`zero${i}`], 200 * 1024)));
      await client.send(ApiKey.Produce, 7, produceBody('pooled', 1, batch([`one${i}`], 200 * 1024)));
    }
    const slow = await ProtocolClient.connect(broker.port);
    slow.socket.pause();
    const slowFetches = Array.from({ length: 40 }, () => slow.send<FetchResponse>(ApiKey.Fetch, 11, fetchBody([['pooled', 0, 0n, 1 << 20]])));
    // Same buffer size class, other bytes: a buffer handed back before the slow responses left would be overwritten here.
    const fast = await ProtocolClient.connect(broker.port);
    for (let i = 0; i < 40; i++) {
      const res = await fast.send<FetchResponse>(ApiKey.Fetch, 11, fetchBody([['pooled', 1, 0n, 1 << 20]]));
      expect(values(res.responses[0].partitions[0].records)).toEqual(['one0', 'one1', 'one2', 'one3']);
    }
    slow.socket.resume();
    for (const res of await Promise.all(slowFetches)) {
      expect(values(res.responses[0].partitions[0].records)).toEqual(['zero0', 'zero1', 'zero2', 'zero3']);
    }
    fast.close();
    slow.close();
  });

  it('reuses a pooled Produce frame only once its batches are in the log: pipelined large requests read back intact', async () => {
    await broker.topics.createTopic({ name: 'pooled-produce', numPartitions: 1, replicationFactor: 1 });
    const names = Array.from({ length: 12 }, (_, i) => `large${i}`);
    // Each request spans many socket chunks, so the broker assembles it in a pooled buffer; all are in flight at once.
    const acks = await Promise.all(names.map((n) => client.send<ProduceResponse>(ApiKey.Produce, 7, produceBody('pooled-produce', 0, batch([n], 300 * 1024)))));
    expect(acks.map((a) => a.responses[0].partitionResponses[0].errorCode)).toEqual(names.map(() => 0));
    const read: string[] = [];
    for (let offset = 0n; read.length < names.length; offset = BigInt(read.length)) {
      const res = await client.send<FetchResponse>(ApiKey.Fetch, 11, fetchBody([['pooled-produce', 0, offset, 1 << 20]]));
      read.push(...values(res.responses[0].partitions[0].records));
    }
    expect(read).toEqual(names);
  });

  it('counts requests by API and version, errors by code and bytes on the registry', async () => {
    await client.send(ApiKey.Metadata, 4, { topics: [{ name: 'nope-metric' }], allowAutoTopicCreation: false });
    const text = await registry.metrics();
    expect(text).toMatch(/broker_kafka_requests_total\{api="Metadata",version="4"\} [1-9]/);
    expect(text).toMatch(/broker_kafka_errors_total\{api="Metadata",code="3"\} [1-9]/);
    expect(text).toMatch(/broker_kafka_bytes_in_total [1-9]/);
    expect(text).toMatch(/broker_kafka_request_duration_seconds_count\{api="Produce"\} [1-9]/);
  });
});
