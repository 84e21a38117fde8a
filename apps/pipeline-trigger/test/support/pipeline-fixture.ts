import { PIPELINES_QUEUE, pipelineTriggerEventSchema, type PipelineTriggerEvent } from '@app/domain';
import { uniqueName, waitFor } from '@app/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { ConsumerConfig } from '../../src/config-model/consumer-config';
import { consumerConfigSchema } from '../../src/config-model/consumer-config';

/**
 * Names of one test's world (queue prefix, triggers stream, base group id) so tests never see each other's
 * jobs or triggers in the shared Redis, and readers of what the engine produced.
 */
export class PipelineFixture {
  readonly prefix = `{${uniqueName('pt-q')}}`;
  readonly stream = `${uniqueName('pt')}:pipeline:triggers`;
  readonly baseGroupId = uniqueName('pt-base');
  readonly redis = new Redis('redis://127.0.0.1:6379');
  readonly queue = new Queue(PIPELINES_QUEUE, { connection: this.redis, prefix: this.prefix });

  constructor(readonly kafka: Kafka) {}

  /** The engine variables that point a replica at this fixture. */
  env(bootstrap: string): Record<string, string> {
    return {
      KAFKA_BROKERS: bootstrap,
      PIPELINE_QUEUE_PREFIX: this.prefix,
      PIPELINE_TRIGGERS_STREAM: this.stream,
      PIPELINE_BASE_GROUP_ID: this.baseGroupId,
    };
  }

  consumer(overrides: Partial<ConsumerConfig> & Pick<ConsumerConfig, 'kafka_topic' | 'max_event' | 'max_time'>): ConsumerConfig {
    return consumerConfigSchema.parse({
      consumer_id: uniqueName('pt-consumer'),
      pipeline_name: 'orders-etl',
      connection_id: 'warehouse',
      auto_offset_reset: 'earliest',
      ...overrides,
    });
  }

  async createTopic(partitions: number): Promise<string> {
    const topic = uniqueName('pt-topic');
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    await admin.disconnect();
    return topic;
  }

  /** Produces `count` events spread over the topic's partitions by key. */
  async produce(topic: string, count: number, from = 0): Promise<void> {
    const producer = this.kafka.producer();
    await producer.connect();
    for (let start = 0; start < count; start += 500) {
      const messages = Array.from({ length: Math.min(500, count - start) }, (_, i) => ({ key: `k${from + start + i}`, value: JSON.stringify({ n: from + start + i }) }));
      await producer.send({ topic, messages });
    }
    await producer.disconnect();
  }

  /** Every job on the queue (no worker runs in these tests, so they all wait). */
  async jobs(): Promise<PipelineTriggerEvent[]> {
    const jobs = await this.queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized']);
    return jobs.map((job) => {
      expect(job.id).toBe(job.data.job_id);
      return pipelineTriggerEventSchema.parse(job.data);
    });
  }

  /** Waits until at least `count` jobs are on the queue and returns them all. */
  waitForJobs(count: number, what: string, timeoutMs = 20_000): Promise<PipelineTriggerEvent[]> {
    return atLeast(() => this.jobs(), count, what, timeoutMs);
  }

  async triggers(): Promise<PipelineTriggerEvent[]> {
    const entries = await this.redis.xrange(this.stream, '-', '+');
    return entries.map(([, fields]) => pipelineTriggerEventSchema.parse(JSON.parse(fields[1])));
  }

  /**
   * Waits until the triggers stream holds at least `count` entries and returns them all. A window's job is enqueued
   * before its stream entry is added, so a test that saw the job waits here for the entry.
   */
  waitForTriggers(count: number, what: string, timeoutMs = 10_000): Promise<PipelineTriggerEvent[]> {
    return atLeast(() => this.triggers(), count, what, timeoutMs);
  }

  async close(): Promise<void> {
    await this.queue.obliterate({ force: true }).catch(() => undefined);
    await this.queue.close();
    await this.redis.del(this.stream);
    await this.redis.quit();
  }
}

function atLeast<T>(read: () => Promise<T[]>, count: number, what: string, timeoutMs: number): Promise<T[]> {
  return waitFor(async () => {
    const found = await read();
    return found.length >= count && found;
  }, { what, timeoutMs });
}

/** Per partition, every offset the windows counted, in window order; a doubled or missing offset shows here. */
export function countedOffsets(triggers: readonly PipelineTriggerEvent[]): Map<string, number[]> {
  const byPartition = new Map<string, number[]>();
  for (const trigger of [...triggers].sort((a, b) => a.window_epoch - b.window_epoch)) {
    for (const [partition, range] of Object.entries(trigger.offsets)) {
      const list = byPartition.get(partition) ?? [];
      for (let o = Number(range.first); o <= Number(range.last); o++) list.push(o);
      byPartition.set(partition, list);
    }
  }
  return byPartition;
}
