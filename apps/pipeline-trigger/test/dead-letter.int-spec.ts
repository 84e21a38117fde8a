import { kafkajsRangeAssigner } from '@app/assignors';
import { startBrokerProcess, uniqueName, waitFor, type BrokerProcess } from '@app/testing';
import Redis from 'ioredis';
import type { KafkaMessage } from 'kafkajs';
import pino from 'pino';
import { Registry } from 'prom-client';
import { consumerConfigSchema, type ConsumerConfig } from '../src/config-model/consumer-config';
import { systemClock } from '../src/engine/clock';
import { ConsumerRunner } from '../src/engine/consumer-runner';
import { EngineMetrics } from '../src/engine/engine-metrics';
import { ReplicaWait } from '../src/engine/replica-wait';
import type { TriggerPublisher } from '../src/engine/trigger-publisher';
import { WindowStore } from '../src/engine/window-store';

/** A window store whose first `failures` calls fail, as Redis does while it is unreachable. */
function flakyStore(real: WindowStore, failures: number): WindowStore & { calls: number } {
  const store = Object.create(real) as WindowStore & { calls: number };
  store.calls = 0;
  store.countBatch = async (...args: Parameters<WindowStore['countBatch']>) => {
    store.calls += 1;
    if (store.calls <= failures) throw new Error('redis unreachable (test)');
    return real.countBatch(...args);
  };
  return store;
}

describe('a batch that keeps failing (runner against our broker)', () => {
  let broker: BrokerProcess;
  const redis = new Redis('redis://127.0.0.1:6379');
  const realStore = new WindowStore(redis, systemClock);
  const runners: ConsumerRunner[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    broker = await startBrokerProcess();
  });

  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    for (const id of ids) await realStore.forget(id);
    await redis.quit();
    await broker.stop();
  });

  async function run(overrides: Record<string, unknown>, store: WindowStore) {
    const topic = uniqueName('pt-dlq-src');
    const config: ConsumerConfig = consumerConfigSchema.parse({
      consumer_id: uniqueName('pt-dlq'),
      kafka_topic: topic,
      pipeline_name: 'p',
      connection_id: 'c',
      max_event: 1000,
      max_time: 3600,
      auto_offset_reset: 'earliest',
      retry_policy: { attempts: 2, backoff: { type: 'fixed', delay_ms: 10 } },
      ...overrides,
    });
    ids.push(config.consumer_id);
    const producer = broker.kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({ topic, messages: [0, 1, 2].map((n) => ({ key: `k${n}`, value: `{"n":${n}}`, headers: { origin: 'test' } })) });
    await producer.disconnect();
    const metrics = new EngineMetrics(new Registry());
    const groupId = uniqueName('pt-dlq-group');
    const runner = new ConsumerRunner(config, { consumer_id: config.consumer_id, pipeline_name: 'p', connection_id: 'c', job_type: 'async', kafka_topic: topic, group_id: groupId }, {
      kafkaConsumer: (group) => broker.kafka.consumer({ groupId: group, partitionAssigners: [kafkajsRangeAssigner], retry: { retries: 10, initialRetryTime: 50 } }),
      kafkaProducer: () => broker.kafka.producer({ allowAutoTopicCreation: true }),
      store,
      publisher: { publishEpochs: async () => undefined } as unknown as TriggerPublisher,
      metrics,
      replicaWait: new ReplicaWait(redis, { replicas: 0, timeoutMs: 1000 }),
      logger: pino({ level: 'silent' }),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    runners.push(runner);
    await runner.start();
    return { config, topic, groupId, metrics };
  }

  async function committed(groupId: string, topic: string): Promise<number> {
    const admin = broker.kafka.admin();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    return Number(offsets.partitions[0].offset);
  }

  it('is retried per retry_policy, then sent to the dead-letter topic with the error in headers, and committed', async () => {
    const dlt = uniqueName('pt-dlq');
    const store = flakyStore(realStore, Number.MAX_SAFE_INTEGER);
    const { topic, groupId, metrics } = await run({ error_handling: { dead_letter_topic: dlt } }, store);

    const dead: KafkaMessage[] = [];
    const reader = broker.kafka.consumer({ groupId: uniqueName('pt-dlq-reader') });
    await reader.connect();
    await reader.subscribe({ topics: [dlt], fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void dead.push(message) });
    try {
      await waitFor(() => dead.length >= 3, { what: '3 dead-lettered events', timeoutMs: 20_000 });
    } finally {
      await reader.disconnect();
    }
    expect(dead.map((m) => m.value?.toString())).toEqual(['{"n":0}', '{"n":1}', '{"n":2}']);
    for (const [i, message] of dead.entries()) {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      expect(headers).toMatchObject({ 'x-error': 'redis unreachable (test)', 'x-source-topic': topic, 'x-source-partition': '0', 'x-source-offset': String(i), origin: 'test' });
    }
    // One try plus two retries per batch before giving up.
    expect(store.calls % 3).toBe(0);
    await waitFor(async () => (await committed(groupId, topic)) === 3, { what: 'the dead-lettered batch committed' });
    expect((await metrics.deadLettered.get()).values[0].value).toBe(3);
  });

  it('without a dead-letter topic is never skipped: the consumer restarts from its last commit until counting succeeds', async () => {
    const store = flakyStore(realStore, 7);
    const { config, topic, groupId } = await run({}, store);
    await waitFor(async () => (await realStore.state(config.consumer_id)).count === 3, { what: 'all 3 counted once Redis is back', timeoutMs: 30_000 });
    await waitFor(async () => (await committed(groupId, topic)) === 3, { what: 'committed after counting' });
    expect(store.calls).toBeGreaterThan(7);
  });
});
