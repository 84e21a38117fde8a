import { Kafka, logLevel, Producer } from 'kafkajs';
import { tempDir } from '../src/storage/log/testing/log-fixtures';
import { kcatConsume } from './compat-tools';
import { BROKER_START_TIMEOUT_MS, BrokerChild, kill9, killAllBrokerChildren, startBrokerChild } from './log-broker-child';

const TOPIC = 'crash';

const startBroker = (dataDir: string): Promise<BrokerChild> =>
  startBrokerChild({ BROKER_DATA_DIR: dataDir, BROKER_LOG_FLUSH_INTERVAL_MS: '0', BROKER_LOG_SEGMENT_BYTES: '262144' });

async function connectProducer(bootstrap: string): Promise<Producer> {
  const kafka = new Kafka({ clientId: 'crash-test', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  const producer = kafka.producer({ allowAutoTopicCreation: true, retry: { retries: 0 } });
  await producer.connect();
  return producer;
}

describe('broker crash (kill -9 while a producer sends with acks=-1, flush every batch)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    dir = await tempDir('crash-broker-');
  });
  afterAll(async () => {
    await killAllBrokerChildren();
    await dir.cleanup();
  });

  // The broker under test is the built app, killed with SIGKILL and restarted on the same data directory.
  it('keeps every acknowledged record; offsets continue without a gap or duplicate after restart', async () => {
    const first = await startBroker(dir.path);
    const producer = await connectProducer(first.bootstrap);
    const acked: Array<{ baseOffset: number; values: string[] }> = [];
    let stop = false;
    let killed!: () => void;
    const killedNow = new Promise<void>((r) => (killed = r));
    const sender = async (lane: number): Promise<void> => {
      for (let n = 0; !stop; n++) {
        const values = Array.from({ length: 5 }, (_, i) => `m-${lane}-${n}-${i}`);
        try {
          const [meta] = await producer.send({ topic: TOPIC, acks: -1, messages: values.map((value) => ({ value })) });
          acked.push({ baseOffset: Number(meta.baseOffset), values });
          if (acked.length === 150) {
            stop = true;
            void kill9(first).then(killed);
          }
        } catch {
          return; // the broker is gone: this send was never acknowledged
        }
      }
    };
    await Promise.all([sender(0), sender(1), sender(2)]);
    await killedNow;
    await producer.disconnect().catch(() => undefined);
    expect(acked.length).toBeGreaterThanOrEqual(150);

    const second = await startBroker(dir.path);
    const stored = await kcatConsume(second.bootstrap, TOPIC, 0);
    expect(stored.map((m) => m.offset)).toEqual(stored.map((_, i) => i));
    const payloadAt = new Map(stored.map((m) => [m.offset, m.payload]));
    for (const a of acked) a.values.forEach((v, i) => expect(payloadAt.get(a.baseOffset + i)).toBe(v));
    expect(new Set(stored.map((m) => m.payload)).size).toBe(stored.length);

    const topic = (await (await fetch(`${second.http}/v1/topics/${TOPIC}`)).json()) as { partitions: Array<{ highWatermark: number }> };
    expect(topic.partitions[0].highWatermark).toBe(stored.length);

    const again = await connectProducer(second.bootstrap);
    const [meta] = await again.send({ topic: TOPIC, acks: -1, messages: [{ value: 'after-restart' }] });
    expect(Number(meta.baseOffset)).toBe(stored.length);
    await again.disconnect();
    await kill9(second);
  }, 2 * BROKER_START_TIMEOUT_MS);
});
