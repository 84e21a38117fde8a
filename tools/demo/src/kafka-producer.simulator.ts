import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { Simulator, startTicker } from './simulator';

const TICK_MS = 200;
const EVENT_TYPES = ['order.created', 'order.paid', 'order.shipped', 'user.signed_up'];

/**
 * Feeds DEMO_TOPIC at DEMO_RATE records per second: the traffic both demo pipeline consumers count
 * and the stalling reader falls behind on. The topic is created up front with several partitions
 * so monitor-api has per-partition lag and verdicts to show.
 */
export class KafkaProducerSimulator implements Simulator {
  readonly name = 'kafka-producer';
  private readonly producer: Producer;
  private ticker?: { stop(): Promise<void> };
  private budget = 0;
  private sent = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly partitions: number,
    private readonly rate: number,
    private readonly logger: Logger,
  ) {
    // kafkajs 2's default partitioner, named so it does not warn about the change from 1.x on every start.
    this.producer = kafka.producer({ allowAutoTopicCreation: true, createPartitioner: Partitioners.DefaultPartitioner });
  }

  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      // false when it already exists: a restarted demo keeps the topic and its offsets.
      const created = await admin.createTopics({ topics: [{ topic: this.topic, numPartitions: this.partitions }], waitForLeaders: true });
      this.logger.info({ topic: this.topic, partitions: this.partitions, created }, 'demo topic ready');
    } finally {
      await admin.disconnect();
    }
    await this.producer.connect();
    this.ticker = startTicker(TICK_MS, () => this.tick(), (error) => this.logger.warn({ err: error }, 'kafka records not sent; retrying'));
  }

  async stop(): Promise<void> {
    await this.ticker?.stop();
    await this.producer.disconnect();
  }

  stats() {
    return { kafka_records: this.sent };
  }

  private async tick(): Promise<void> {
    this.budget += (this.rate * TICK_MS) / 1000;
    const count = Math.floor(this.budget);
    if (count === 0) return;
    const at = new Date().toISOString();
    const messages = Array.from({ length: count }, (_, i) => {
      const id = randomUUID();
      return { key: id, value: JSON.stringify({ event_id: id, type: EVENT_TYPES[(this.sent + i) % EVENT_TYPES.length], at }) };
    });
    await this.producer.send({ topic: this.topic, messages });
    this.budget -= count;
    this.sent += count;
  }
}
