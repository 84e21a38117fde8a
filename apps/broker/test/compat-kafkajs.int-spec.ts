import { CompressionTypes, Kafka, logLevel, type Producer } from 'kafkajs';
import { ApiKey, type ProduceRequest } from '@app/kafka-protocol';
import { ProduceHandler } from '../src/storage/handlers/produce.handler';
import type { RequestContext } from '../src/server';
import { startTestBroker, type TestBroker } from './compat-broker';
import { compressionOf, fetchRawBatches, kcatConsume, latestOffset } from './compat-tools';

describe('kafkajs against the broker', () => {
  let broker: TestBroker;
  let kafka: Kafka;

  beforeAll(async () => {
    broker = await startTestBroker();
    kafka = new Kafka({ clientId: 'compat-kafkajs', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 50 } });
  });

  afterAll(async () => {
    await broker.stop();
  });

  async function withProducer<T>(fn: (p: Producer) => Promise<T>, opts: Parameters<Kafka['producer']>[0] = {}): Promise<T> {
    const producer = kafka.producer(opts);
    await producer.connect();
    try {
      return await fn(producer);
    } finally {
      await producer.disconnect();
    }
  }

  async function createTopic(topic: string, numPartitions: number, configEntries: Array<{ name: string; value: string }> = []): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions, configEntries }] });
    } finally {
      await admin.disconnect();
    }
  }

  it('creates, lists, describes and deletes topics with the admin client', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic: 'admin-a', numPartitions: 3 }] })).toBe(true);
      expect(await admin.createTopics({ topics: [{ topic: 'admin-a', numPartitions: 3 }] })).toBe(false);
      await expect(admin.createTopics({ topics: [{ topic: 'bad name!', numPartitions: 1 }] })).rejects.toThrow();
      await expect(admin.createTopics({ topics: [{ topic: 'zero-parts', numPartitions: 0 }] })).rejects.toThrow();
      expect(await admin.listTopics()).toContain('admin-a');
      const meta = await admin.fetchTopicMetadata({ topics: ['admin-a'] });
      expect(meta.topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
      const configs = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: 'admin-a' }] });
      expect(configs.resources[0].configEntries.map((c) => c.configName)).toContain('retention.ms');
      await admin.deleteTopics({ topics: ['admin-a'] });
      expect(await admin.listTopics()).not.toContain('admin-a');
    } finally {
      await admin.disconnect();
    }
  });

  it.each([
    ['none', CompressionTypes.None, 0],
    ['gzip', CompressionTypes.GZIP, 1],
  ])('round-trips keys, headers, null values and 1 MiB values (%s), read back by kcat', async (name, compression, codec) => {
    const topic = `kjs-roundtrip-${name}`;
    const big = 'x'.repeat(1024 * 1024);
    // A 1 MiB record is over Kafka's default max.message.bytes (1 MiB + 12), as in Apache Kafka.
    await createTopic(topic, 1, [{ name: 'max.message.bytes', value: String(4 * 1024 * 1024) }]);
    await withProducer((p) =>
      p.send({
        topic,
        compression,
        messages: [
          { key: 'k1', value: 'v1', headers: { h1: 'a', h2: 'b' } },
          { key: null, value: 'no key' },
          { key: 'tombstone', value: null },
          { key: 'big', value: big },
        ],
      }),
    );
    const batches = await fetchRawBatches(broker.port, topic, 0);
    expect(batches.map(compressionOf)).toEqual(batches.map(() => codec));
    const msgs = await kcatConsume(broker.bootstrap, topic, 0);
    expect(msgs.map((m) => [m.offset, m.key, m.payload === null ? null : m.payload.length])).toEqual([
      [0, 'k1', 2],
      [1, null, 6],
      [2, 'tombstone', null],
      [3, 'big', big.length],
    ]);
    expect(msgs[0].headers).toEqual(['h1', 'a', 'h2', 'b']);
    expect(msgs[3].payload).toBe(big);
  });

  it('keeps per-partition order across many sends', async () => {
    const topic = 'kjs-order';
    await createTopic(topic, 3);
    await withProducer(async (p) => {
      for (let batch = 0; batch < 20; batch++) {
        await p.send({
          topic,
          messages: Array.from({ length: 25 }, (_, i) => ({ key: `key-${i % 7}`, value: String(batch * 25 + i) })),
        });
      }
    });
    let total = 0;
    for (const partition of [0, 1, 2]) {
      const msgs = await kcatConsume(broker.bootstrap, topic, partition);
      total += msgs.length;
      expect(msgs.map((m) => m.offset)).toEqual(msgs.map((_, i) => i));
      const byKey = new Map<string, number[]>();
      for (const m of msgs) byKey.set(m.key!, [...(byKey.get(m.key!) ?? []), Number(m.payload)]);
      for (const seq of byKey.values()) expect(seq).toEqual([...seq].sort((a, b) => a - b));
    }
    expect(total).toBe(500);
  });

  it('does not duplicate an idempotent producer batch retried after a lost response', async () => {
    const topic = 'kjs-idempotent';
    await createTopic(topic, 1);
    const handler = broker.app.get(ProduceHandler);
    const original = handler.handle.bind(handler);
    let dropped = 0;
    // Lose the first response for this topic after the append: the producer must retry the same sequence.
    handler.handle = async (req: ProduceRequest, ctx: RequestContext) => {
      const res = await original(req, ctx);
      if (dropped === 0 && req.topicData.some((t) => t.name === topic)) {
        dropped++;
        throw new Error('test: dropping the produce response');
      }
      return res;
    };
    try {
      await withProducer((p) => p.send({ topic, acks: -1, messages: [{ value: 'once-1' }, { value: 'once-2' }] }), {
        idempotent: true,
        maxInFlightRequests: 1,
      });
    } finally {
      handler.handle = original;
    }
    expect(dropped).toBe(1);
    const msgs = await kcatConsume(broker.bootstrap, topic, 0);
    expect(msgs.map((m) => m.payload)).toEqual(['once-1', 'once-2']);
    expect(await latestOffset(broker.port, topic, 0)).toBe(2n);
  });

  it('finds offsets by timestamp (ListOffsets by time)', async () => {
    const topic = 'kjs-times';
    await createTopic(topic, 1);
    const t0 = 1_700_000_000_000;
    await withProducer((p) =>
      p.send({ topic, messages: [0, 1, 2, 3].map((i) => ({ value: `m${i}`, timestamp: String(t0 + i * 1000) })) }),
    );
    const admin = kafka.admin();
    await admin.connect();
    try {
      const at = async (ts: number) => (await admin.fetchTopicOffsetsByTimestamp(topic, ts))[0].offset;
      expect(await at(t0 - 1)).toBe('0');
      expect(await at(t0 + 1500)).toBe('2');
      expect(await at(t0 + 3000)).toBe('3');
      const ends = await admin.fetchTopicOffsets(topic);
      expect(ends[0]).toMatchObject({ partition: 0, offset: '4', low: '0', high: '4' });
    } finally {
      await admin.disconnect();
    }
  });

  it('advertises the API ranges kafkajs negotiates with', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers).toEqual([{ nodeId: 0, host: '127.0.0.1', port: broker.port }]);
      expect(cluster.controller).toBe(0);
    } finally {
      await admin.disconnect();
    }
    expect(ApiKey.Produce).toBe(0);
  });
});
