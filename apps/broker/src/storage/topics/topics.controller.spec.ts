import { Global, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';
import { batchOf, tempDir, testLogConfig } from '../log/testing/log-fixtures';
import { TopicRegistry } from './topic-registry';
import { KafkaServerModule } from '../../server/kafka-server.module';
import { StorageModule } from '../storage.module';

@Global()
@Module({ providers: [{ provide: Registry, useValue: new Registry() }], exports: [Registry] })
class MetricsRegistryModule {}

describe('TopicsController (GET /v1/topics) through StorageModule', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    dir = await tempDir('topics-http-');
    const moduleRef = await Test.createTestingModule({
      imports: [
        MetricsRegistryModule,
        // The storage module's Kafka APIs need the listener's BrokerIdentity.
        KafkaServerModule.forRoot({ port: 0, host: '127.0.0.1', advertisedHost: '127.0.0.1' }),
        StorageModule.forRoot({ dataDir: dir.path, defaults: testLogConfig() }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.enableShutdownHooks();
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    const topics = app.get(TopicRegistry);
    await topics.createTopic({ name: 'orders', numPartitions: 2, replicationFactor: 1, configs: { 'retention.ms': '60000' } });
    await topics.partition('orders', 1)!.append(batchOf('x', 3));
  });

  afterAll(async () => {
    await app.close();
    await dir.cleanup();
  });

  it('lists topics with partition count and stored bytes', async () => {
    const res = await fetch(`${base}/v1/topics`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { topics: Array<{ name: string; partitions: number; sizeBytes: number }> };
    expect(body.topics).toHaveLength(1);
    expect(body.topics[0]).toMatchObject({ name: 'orders', partitions: 2 });
    expect(body.topics[0].sizeBytes).toBeGreaterThan(61);
  });

  it('describes a topic: partitions with log start, high watermark and size, and its configs', async () => {
    const res = await fetch(`${base}/v1/topics/orders`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      partitions: Array<{ partition: number; logStartOffset: number; highWatermark: number; sizeBytes: number }>;
      configs: Record<string, { value: string; source: string }>;
    };
    expect(body.partitions.map((p) => [p.partition, p.logStartOffset, p.highWatermark])).toEqual([
      [0, 0, 0],
      [1, 0, 3],
    ]);
    expect(body.partitions[0].sizeBytes).toBe(0);
    expect(body.configs['retention.ms']).toEqual({ value: '60000', source: 'TOPIC_CONFIG' });
    expect(body.configs['cleanup.policy']).toEqual({ value: 'delete', source: 'DEFAULT_CONFIG' });
  });

  it('answers 404 with a message for an unknown topic', async () => {
    const res = await fetch(`${base}/v1/topics/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'topic_not_found', message: 'topic "nope" does not exist' });
  });

  it('exposes log metrics on the app registry', async () => {
    const text = await app.get(Registry).metrics();
    expect(text).toContain('broker_partitions 2');
    expect(text).toMatch(/broker_log_high_watermark\{topic="orders",partition="1"\} 3/);
    expect(text).toMatch(/broker_log_flush_seconds_count 1/);
  });
});
