import { join } from 'node:path';
import { startTestBroker, type TestBroker } from './compat-broker';
import { compressionOf, fetchRawBatches, kcatConsume, runPython } from './compat-tools';

const KAFKA_PYTHON = join(__dirname, 'compat-kafka-python.py');

interface Produced {
  reports: Array<{ partition: number; offset: number }>;
  api_version: number[];
}
interface Consumed {
  messages: Array<{ partition: number; offset: number; key: string | null; value: string | null; headers: Array<[string, string | null]>; timestamp: number }>;
  offset_at?: number | null;
}

describe('kafka-python 2.0.2 against the broker', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await startTestBroker();
  });

  afterAll(async () => {
    await broker.stop();
  });

  it.each([
    ['none', null, 0],
    ['gzip', 'gzip', 1],
    ['snappy', 'snappy', 2],
    ['lz4', 'lz4', 3],
    ['zstd', 'zstd', 4],
  ] as const)('produces and consumes keys, headers, null values and a 1 MiB value (%s), stored as sent', async (name, codec, id) => {
    const topic = `kp-roundtrip-${name}`;
    await broker.topics.createTopic({ name: topic, numPartitions: 1, replicationFactor: 1, configs: { 'max.message.bytes': String(4 << 20) } });
    const big = 'p'.repeat(1024 * 1024);
    const produced = await runPython<Produced>(KAFKA_PYTHON, {
      cmd: 'produce',
      bootstrap: broker.bootstrap,
      topic,
      config: { compression_type: codec },
      messages: [
        { key: 'a', value: 'first', headers: [['h', 'v']] },
        { key: 'b', value: null },
        { key: null, value: 'no-key' },
        { key: 'big', value: big },
      ],
    });
    // The version probe (ApiVersions v0 + Metadata v0, pipelined) infers 2.4 from Produce v8 being advertised
    // (CLIENTS.md; DescribeAcls v2, the 2.5 probe, is not): record batch v2, the same requests as 2.3.
    expect(produced.api_version).toEqual([2, 4, 0]);
    expect(produced.reports.map((r) => r.offset)).toEqual([0, 1, 2, 3]);
    // Like librdkafka, kafka-python keeps a batch uncompressed when compressing would not shrink it.
    const stored = new Set((await fetchRawBatches(broker.port, topic, 0)).map(compressionOf));
    expect(stored.has(id)).toBe(true);
    expect([...stored].every((c) => c === id || c === 0)).toBe(true);
    const consumed = await runPython<Consumed>(KAFKA_PYTHON, { cmd: 'consume', bootstrap: broker.bootstrap, topic, partitions: [0], count: 4 });
    expect(consumed.messages.map((m) => [m.offset, m.key, m.value === null ? null : m.value.length])).toEqual([
      [0, 'a', 5],
      [1, 'b', null],
      [2, null, 6],
      [3, 'big', big.length],
    ]);
    expect(consumed.messages[0].headers).toEqual([['h', 'v']]);
    expect(consumed.messages[3].value).toBe(big);
  });

  it('reads what librdkafka wrote and finds offsets by time', async () => {
    const topic = 'kp-times';
    const t0 = 1_700_000_000_000;
    await runPython<Produced>(KAFKA_PYTHON, {
      cmd: 'produce',
      bootstrap: broker.bootstrap,
      topic,
      messages: [0, 1, 2, 3].map((i) => ({ value: `t${i}`, timestamp: t0 + i * 1000, partition: 0 })),
    });
    const consumed = await runPython<Consumed>(KAFKA_PYTHON, {
      cmd: 'consume',
      bootstrap: broker.bootstrap,
      topic,
      partitions: [0],
      count: 4,
      at: t0 + 1500,
    });
    expect(consumed.messages.map((m) => m.timestamp)).toEqual([t0, t0 + 1000, t0 + 2000, t0 + 3000]);
    expect(consumed.offset_at).toBe(2);
    expect((await kcatConsume(broker.bootstrap, topic, 0)).map((m) => m.payload)).toEqual(['t0', 't1', 't2', 't3']);
  });

  it('administers topics with KafkaAdminClient (create, validate-only, describe configs, delete)', async () => {
    const res = await runPython<{ create: Record<string, number>; describe: Record<string, string>; topics: string[] }>(KAFKA_PYTHON, {
      cmd: 'admin',
      bootstrap: broker.bootstrap,
      create: [
        { name: 'kp-admin', partitions: 2, config: { 'retention.ms': '60000' } },
        { name: 'kp-admin-bad', partitions: -5 },
      ],
      describe: 'kp-admin',
    });
    expect(res.create).toEqual({ 'kp-admin': 0, 'kp-admin-bad': 37 });
    expect(res.describe['retention.ms']).toBe('60000');
    expect(res.topics).toContain('kp-admin');
    const validated = await runPython<{ create: Record<string, number>; topics: string[] }>(KAFKA_PYTHON, {
      cmd: 'admin',
      bootstrap: broker.bootstrap,
      create: [{ name: 'kp-validate-only', partitions: 1 }],
      validate_only: true,
    });
    expect(validated.create).toEqual({ 'kp-validate-only': 0 });
    expect(validated.topics).not.toContain('kp-validate-only');
    const deleted = await runPython<{ delete: Record<string, number>; topics: string[] }>(KAFKA_PYTHON, {
      cmd: 'admin',
      bootstrap: broker.bootstrap,
      delete: ['kp-admin'],
    });
    expect(deleted.delete).toEqual({ 'kp-admin': 0 });
    expect(deleted.topics).not.toContain('kp-admin');
  });
});
