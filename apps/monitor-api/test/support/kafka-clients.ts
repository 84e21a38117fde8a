import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';

/** kafkajs clients against the test broker, and a consumer that counts what it read. */
export class KafkaClients {
  readonly kafka: Kafka;
  private producer: Producer | null = null;
  private readonly consumers = new Set<Consumer>();

  constructor(bootstrap: string) {
    this.kafka = new Kafka({ clientId: 'monitor-test', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3 } });
  }

  async createTopic(topic: string, numPartitions: number): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
    await admin.disconnect();
  }

  /** Produces `counts[p]` records to partition p. */
  async produce(topic: string, counts: number[]): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer();
      await this.producer.connect();
    }
    const messages = counts.flatMap((n, partition) => Array.from({ length: n }, (_, i) => ({ partition, value: `r${i}` })));
    await this.producer.send({ topic, messages });
  }

  /** A running consumer of `topic` in `groupId` from the beginning; `read()` tells how many records it consumed. */
  async consume(groupId: string, topic: string): Promise<{ consumer: Consumer; read: () => number }> {
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 6_000, heartbeatInterval: 500, retry: { retries: 2 } });
    let read = 0;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async () => void read++ });
    this.consumers.add(consumer);
    return { consumer, read: () => read };
  }

  async stopConsumer(consumer: Consumer): Promise<void> {
    this.consumers.delete(consumer);
    await consumer.disconnect();
  }

  async close(): Promise<void> {
    for (const c of this.consumers) await c.disconnect().catch(() => undefined);
    await this.producer?.disconnect();
  }
}
