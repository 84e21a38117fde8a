import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { startTestBroker, type TestBroker } from './compat-broker';
import { kcat, runPython } from './compat-tools';

const CONFLUENT = join(__dirname, 'compat-confluent.py');
const KAFKA_PYTHON = join(__dirname, 'compat-kafka-python.py');

interface Consumed {
  messages: Array<{ partition: number; offset: number; value: string | null }>;
}

/** Group consumption through the wired coordinator: every record once, and committed offsets respected. */
describe('consumer groups over the broker with real clients', () => {
  let broker: TestBroker;
  let kafka: Kafka;
  const values = Array.from({ length: 30 }, (_, i) => `g${i}`);

  beforeAll(async () => {
    broker = await startTestBroker();
    kafka = new Kafka({ clientId: 'compat-groups', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  });

  afterAll(async () => {
    await broker.stop();
  });

  async function produce(topic: string) {
    await broker.topics.createTopic({ name: topic, numPartitions: 3, replicationFactor: 1 });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: values.map((value, i) => ({ key: `k${i}`, value })) });
    await producer.disconnect();
  }

  it('kafkajs consumer group reads every record once and commits its offsets', async () => {
    const topic = 'grp-kafkajs';
    await produce(topic);
    const consumeOnce = async (expected: number) => {
      const consumer = kafka.consumer({ groupId: 'kjs-group', maxWaitTimeInMs: 100 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const got: string[] = [];
      await new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            got.push(message.value!.toString());
            if (got.length >= expected) resolve();
          },
        });
        if (expected === 0) setTimeout(resolve, 1500);
      });
      await consumer.disconnect();
      return got;
    };
    expect((await consumeOnce(values.length)).sort()).toEqual([...values].sort());
    const admin = kafka.admin();
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId: 'kjs-group', topics: [topic] });
    await admin.disconnect();
    const total = committed[0].partitions.reduce((n, p) => n + Number(p.offset), 0);
    expect(total).toBe(values.length);
  });

  it('kcat -G (librdkafka balanced consumer) reads every record', async () => {
    const topic = 'grp-kcat';
    await produce(topic);
    const out = await kcat(['-b', broker.bootstrap, '-G', 'kcat-group', '-X', 'auto.offset.reset=earliest', '-c', String(values.length), '-q', '-f', '%s\n', topic]);
    expect(out.trim().split('\n').sort()).toEqual([...values].sort());
  });

  it('confluent-kafka and kafka-python subscribe, read everything and commit', async () => {
    for (const [script, topic, extra] of [
      [CONFLUENT, 'grp-confluent', { subscribe: true, group: 'confluent-group' }],
      [KAFKA_PYTHON, 'grp-kafka-python', { group: 'kp-group' }],
    ] as const) {
      await produce(topic);
      const consumed = await runPython<Consumed>(script, {
        cmd: 'consume',
        bootstrap: broker.bootstrap,
        topic,
        partitions: [0, 1, 2],
        count: values.length,
        timeout: 40,
        ...extra,
      });
      expect(consumed.messages.map((m) => m.value).sort()).toEqual([...values].sort());
    }
  });
});
