import { join } from 'node:path';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { ApiKey, type ApiVersionsResponse } from '@app/kafka-protocol';
import { startTestBroker, type TestBroker } from './compat-broker';
import { kcat, runPython } from './compat-tools';
import { ProtocolClient } from '@app/testing';

const KAFKA_PYTHON = join(__dirname, 'compat-kafka-python.py');
const USERS = new Map([
  ['alice', 'alice-secret'],
  ['bob', 'pa:ss,word'],
]);

describe('SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) with real clients', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await startTestBroker({ sasl: { enabled: true, mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'], users: USERS } });
    await broker.topics.createTopic({ name: 'sasl-topic', numPartitions: 1, replicationFactor: 1 });
  });

  afterAll(async () => {
    await broker.stop();
  });

  const kafkajs = (sasl: SASLOptions) =>
    new Kafka({ clientId: 'sasl-test', brokers: [broker.bootstrap], sasl, logLevel: logLevel.NOTHING, retry: { retries: 0 } });

  it.each([
    ['plain', 'alice', 'alice-secret'],
    ['scram-sha-256', 'alice', 'alice-secret'],
    ['scram-sha-512', 'bob', 'pa:ss,word'],
  ] as const)('kafkajs authenticates with %s (SaslAuthenticate v1) and works', async (mechanism, username, password) => {
    const admin = kafkajs({ mechanism, username, password } as SASLOptions).admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toContain('sasl-topic');
    } finally {
      await admin.disconnect();
    }
  });

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)('kafkajs is refused with a wrong password (%s)', async (mechanism) => {
    const admin = kafkajs({ mechanism, username: 'alice', password: 'wrong' } as SASLOptions).admin();
    await expect(admin.connect()).rejects.toThrow(/SASL|authentication/i);
  });

  it('librdkafka (kcat) authenticates with SCRAM-SHA-512 through SaslHandshake v1 + SaslAuthenticate v0', async () => {
    const args = ['-b', broker.bootstrap, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=SCRAM-SHA-512', '-X', 'sasl.username=alice'];
    await kcat([...args, '-X', 'sasl.password=alice-secret', '-P', '-t', 'sasl-topic', '-p', '0'], 'via-kcat\n');
    const out = await kcat([...args, '-X', 'sasl.password=alice-secret', '-C', '-t', 'sasl-topic', '-p', '0', '-o', 'beginning', '-e', '-q']);
    expect(out).toContain('via-kcat');
    await expect(kcat([...args, '-X', 'sasl.password=nope', '-L', '-m', '3'])).rejects.toThrow(/Authentication failure|authentication error/i);
  });

  it.each(['PLAIN', 'SCRAM-SHA-256'])('kafka-python authenticates with %s through SaslHandshake v0 and raw SASL frames', async (mechanism) => {
    const sasl = { mechanism, username: 'alice', password: 'alice-secret' };
    const topic = `sasl-kp-${mechanism.toLowerCase()}`;
    const produced = await runPython<{ reports: Array<{ offset: number }> }>(KAFKA_PYTHON, {
      cmd: 'produce',
      bootstrap: broker.bootstrap,
      topic,
      sasl,
      messages: [{ value: 'raw-sasl' }],
    });
    expect(produced.reports).toEqual([{ partition: 0, offset: 0 }]);
    const consumed = await runPython<{ messages: Array<{ value: string }> }>(KAFKA_PYTHON, {
      cmd: 'consume',
      bootstrap: broker.bootstrap,
      topic,
      sasl,
      partitions: [0],
      count: 1,
    });
    expect(consumed.messages.map((m) => m.value)).toEqual(['raw-sasl']);
    await expect(
      runPython(KAFKA_PYTHON, { cmd: 'admin', bootstrap: broker.bootstrap, sasl: { ...sasl, password: 'bad' } }),
    ).rejects.toThrow();
  });

  it('answers ApiVersions before authentication but closes on any other unauthenticated request', async () => {
    const client = await ProtocolClient.connect(broker.port);
    const versions = await client.send<ApiVersionsResponse>(ApiKey.ApiVersions, 3, {});
    expect(versions.errorCode).toBe(0);
    await expect(client.send(ApiKey.Metadata, 1, { topics: null })).rejects.toThrow('connection closed');
  });
});
