import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { startTestBroker, type TestBroker } from './compat-broker';
import { compressionOf, fetchRawBatches, kcat, kcatConsume, runPython } from './compat-tools';

const CONFLUENT = join(__dirname, 'compat-confluent.py');
const KAFKA_PYTHON = join(__dirname, 'compat-kafka-python.py');

interface Delivered {
  reports: Array<{ error?: string | null; key?: string | null; partition: number; offset: number }>;
  unflushed?: number;
}
interface Consumed {
  messages: Array<{ partition: number; offset: number; key: string | null; value: string | null; headers: Array<[string, string | null]>; timestamp: number }>;
}

const CODECS = [
  ['none', 0],
  ['gzip', 1],
  ['snappy', 2],
  ['lz4', 3],
  ['zstd', 4],
] as const;

describe('librdkafka (kcat, confluent-kafka-python) against the broker', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await startTestBroker();
  });

  afterAll(async () => {
    await broker.stop();
  });

  it('kcat -L lists this broker and the topics', async () => {
    await broker.topics.createTopic({ name: 'rd-listed', numPartitions: 2, replicationFactor: 1 });
    const out = await kcat(['-b', broker.bootstrap, '-L', '-J']);
    const md = JSON.parse(out) as { brokers: Array<{ id: number; name: string }>; topics: Array<{ topic: string; partitions: unknown[] }> };
    expect(md.brokers).toEqual([{ id: 0, name: `127.0.0.1:${broker.port}` }]);
    expect(md.topics.find((t) => t.topic === 'rd-listed')?.partitions).toHaveLength(2);
  });

  it.each(CODECS)('kcat -P/-C round-trips keys and headers with %s compression, stored compressed', async (codec, id) => {
    const topic = `rd-kcat-${codec}`;
    const value = (i: number) => `value-${i}-${'z'.repeat(200)}`;
    const input = Array.from({ length: 50 }, (_, i) => `key${i}:${value(i)}`).join('\n') + '\n';
    await kcat(['-b', broker.bootstrap, '-P', '-t', topic, '-p', '0', '-K', ':', '-z', codec, '-H', 'source=kcat', '-X', 'linger.ms=200'], input);
    // librdkafka sends a batch uncompressed when compressing it does not pay; it never sends another codec.
    const stored = new Set((await fetchRawBatches(broker.port, topic, 0)).map(compressionOf));
    expect(stored.has(id)).toBe(true);
    expect([...stored].every((c) => c === id || c === 0)).toBe(true);
    const msgs = await kcatConsume(broker.bootstrap, topic, 0);
    expect(msgs.map((m) => [m.offset, m.key, m.payload])).toEqual(Array.from({ length: 50 }, (_, i) => [i, `key${i}`, value(i)]));
    expect(msgs[0].headers).toEqual(['source', 'kcat']);
  });

  it.each(CODECS)('confluent-kafka round-trips null values, headers and a 1 MiB value with %s, idempotent', async (codec, id) => {
    const topic = `rd-confluent-${codec}`;
    await broker.topics.createTopic({ name: topic, numPartitions: 1, replicationFactor: 1, configs: { 'max.message.bytes': String(4 << 20) } });
    const big = 'y'.repeat(1024 * 1024);
    const messages = [
      { key: 'a', value: 'first', headers: [['h', 'v'], ['n', null]] },
      { key: 'b', value: null },
      { key: null, value: 'no-key' },
      { key: 'big', value: big },
    ];
    const produced = await runPython<Delivered>(CONFLUENT, {
      cmd: 'produce',
      bootstrap: broker.bootstrap,
      topic,
      messages,
      config: { 'compression.type': codec, 'enable.idempotence': true, acks: 'all' },
    });
    expect(produced.unflushed).toBe(0);
    expect(produced.reports.map((r) => [r.error, r.offset])).toEqual([[null, 0], [null, 1], [null, 2], [null, 3]]);
    // librdkafka may send a batch uncompressed when compressing does not pay; it never sends another codec.
    const stored = new Set((await fetchRawBatches(broker.port, topic, 0)).map(compressionOf));
    expect(stored.has(id)).toBe(true);
    expect([...stored].every((c) => c === id || c === 0)).toBe(true);
    const consumed = await runPython<Consumed>(CONFLUENT, { cmd: 'consume', bootstrap: broker.bootstrap, topic, partitions: [0], count: 4 });
    expect(consumed.messages.map((m) => [m.offset, m.key, m.value === null ? null : m.value.length])).toEqual([
      [0, 'a', 5],
      [1, 'b', null],
      [2, null, 6],
      [3, 'big', big.length],
    ]);
    expect(consumed.messages[0].headers).toEqual([['h', 'v'], ['n', null]]);
    expect(consumed.messages[3].value).toBe(big);
  });

  it('keeps per-partition order for a pipelining idempotent producer', async () => {
    const topic = 'rd-order';
    await broker.topics.createTopic({ name: topic, numPartitions: 4, replicationFactor: 1 });
    const messages = Array.from({ length: 4000 }, (_, i) => ({ key: `k${i % 13}`, value: String(i) }));
    const produced = await runPython<Delivered>(CONFLUENT, {
      cmd: 'produce',
      bootstrap: broker.bootstrap,
      topic,
      messages,
      config: { 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 5, 'batch.num.messages': 50, 'linger.ms': 0, partitioner: 'murmur2_random' },
    });
    expect(produced.reports.every((r) => r.error === null)).toBe(true);
    const consumed = await runPython<Consumed>(CONFLUENT, { cmd: 'consume', bootstrap: broker.bootstrap, topic, partitions: [0, 1, 2, 3], count: 4000 });
    expect(consumed.messages).toHaveLength(4000);
    for (const p of [0, 1, 2, 3]) {
      const values = consumed.messages.filter((m) => m.partition === p).map((m) => Number(m.value));
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
  });

  it('places keyed records on the same partition as kafkajs and kafka-python (Java murmur2)', async () => {
    const topic = 'rd-partitioner';
    await broker.topics.createTopic({ name: topic, numPartitions: 6, replicationFactor: 1 });
    const keys = Array.from({ length: 40 }, (_, i) => `user-${i * 7919}`);
    const messages = keys.map((key) => ({ key, value: key }));
    const rdkafka = await runPython<Delivered>(CONFLUENT, {
      cmd: 'produce',
      bootstrap: broker.bootstrap,
      topic,
      messages,
      config: { partitioner: 'murmur2_random' },
    });
    const kafkaPython = await runPython<Delivered>(KAFKA_PYTHON, { cmd: 'produce', bootstrap: broker.bootstrap, topic, messages });
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const kafkajs = (await producer.send({ topic, messages })).map((r) => r.partition);
    await producer.disconnect();
    // kafkajs answers per partition, not per record: look each key up in the topic instead.
    expect(kafkajs.length).toBeGreaterThan(1);
    const stored = new Map<string, Set<number>>();
    for (let p = 0; p < 6; p++) {
      for (const m of await kcatConsume(broker.bootstrap, topic, p)) {
        stored.set(m.key!, new Set([...(stored.get(m.key!) ?? []), p]));
      }
    }
    // Delivery reports arrive per partition batch, not in send order: index them by key.
    const rdByKey = new Map(rdkafka.reports.map((r) => [r.key!, r.partition]));
    const rdPartitions = keys.map((k) => rdByKey.get(k));
    expect(kafkaPython.reports.map((r) => r.partition)).toEqual(rdPartitions);
    keys.forEach((key, i) => expect([...stored.get(key)!]).toEqual([rdPartitions[i]]));
    expect(new Set(rdPartitions).size).toBeGreaterThan(1);
  });

  it('answers offsets_for_times and watermarks (ListOffsets by time), and kcat -Q', async () => {
    const topic = 'rd-times';
    const t0 = 1_700_000_000_000;
    await runPython<Delivered>(CONFLUENT, {
      cmd: 'produce',
      bootstrap: broker.bootstrap,
      topic,
      messages: [0, 1, 2, 3, 4].map((i) => ({ value: `m${i}`, timestamp: t0 + i * 1000, partition: 0 })),
    });
    const res = await runPython<{ offsets: number[]; low: number; high: number }>(CONFLUENT, {
      cmd: 'offsets_for_times',
      bootstrap: broker.bootstrap,
      topic,
      queries: [[0, t0 + 2500]],
    });
    expect(res).toEqual({ offsets: [3], low: 0, high: 5 });
    const q = await kcat(['-b', broker.bootstrap, '-Q', '-t', `${topic}:0:${t0 + 1000}`]);
    expect(q).toContain(`${topic} [0] offset 1`);
    const late = await kcat(['-b', broker.bootstrap, '-Q', '-t', `${topic}:0:${t0 + 99_000}`]);
    expect(late).toContain(`${topic} [0] offset -1`);
  });

  it('administers topics with the confluent AdminClient', async () => {
    const res = await runPython<{ create: Record<string, string | null>; describe?: Record<string, string>; topics: string[]; partitions: Record<string, number> }>(
      CONFLUENT,
      {
        cmd: 'admin',
        bootstrap: broker.bootstrap,
        create: [
          { name: 'rd-admin', partitions: 3, config: { 'retention.ms': '3600000' } },
          { name: 'rd admin bad', partitions: 1 },
          { name: 'rd-admin-badconf', partitions: 1, config: { 'retention.ms': 'soon' } },
        ],
        describe: 'rd-admin',
      },
    );
    expect(res.create).toEqual({ 'rd-admin': null, 'rd admin bad': 'TOPIC_EXCEPTION', 'rd-admin-badconf': 'INVALID_CONFIG' });
    expect(res.describe?.['retention.ms']).toBe('3600000');
    expect(res.partitions['rd-admin']).toBe(3);
    const again = await runPython<{ create: Record<string, string | null>; delete: Record<string, string | null>; topics: string[] }>(CONFLUENT, {
      cmd: 'admin',
      bootstrap: broker.bootstrap,
      create: [{ name: 'rd-admin', partitions: 3 }],
      delete: ['rd-admin', 'rd-never-existed'],
    });
    expect(again.create).toEqual({ 'rd-admin': 'TOPIC_ALREADY_EXISTS' });
    expect(again.delete).toEqual({ 'rd-admin': null, 'rd-never-existed': 'UNKNOWN_TOPIC_OR_PART' });
    expect(again.topics).not.toContain('rd-admin');
  });
});
