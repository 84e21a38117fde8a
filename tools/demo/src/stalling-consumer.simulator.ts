import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Simulator } from './simulator';

/**
 * A Kafka consumer that keeps up, then now and then stops consuming for a while (paused: it stays
 * in its group and heartbeats, but commits nothing while the producer keeps adding records), and
 * then catches up. monitor-api sees lag and time lag grow on partitions a live member owns, so it
 * opens an SLO alert and, once the silence outlasts STUCK_DETECTION_WINDOW, a STALL stuck-partition
 * alert, and resolves both after the consumer catches up.
 */
export class StallingConsumerSimulator implements Simulator {
  readonly name = 'stalling-consumer';
  private readonly consumer: Consumer;
  private readonly timers = new Set<NodeJS.Timeout>();
  private consumed = 0;
  private stalls = 0;
  private stalled = false;

  constructor(
    kafka: Kafka,
    private readonly groupId: string,
    private readonly topic: string,
    private readonly schedule: { afterS: number; forS: number; everyS: number },
    private readonly logger: Logger,
  ) {
    // A short fetch wait: while paused, kafkajs sleeps this long between checks, which would delay a stop.
    this.consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, maxWaitTimeInMs: 1000, allowAutoTopicCreation: false });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: false });
    await this.consumer.run({
      eachMessage: async () => {
        this.consumed++;
      },
    });
    if (this.schedule.forS > 0) this.later(this.schedule.afterS, () => this.stall());
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    // A stop in the middle of a stall is an ordinary leave: the group's offsets stay where they were.
    await this.consumer.disconnect();
  }

  stats() {
    return { stalling_consumer_records: this.consumed, stalls: this.stalls, stalled: this.stalled ? 'yes' : 'no' };
  }

  private stall(): void {
    this.stalls++;
    this.stalled = true;
    this.consumer.pause([{ topic: this.topic }]);
    this.logger.info({ group_id: this.groupId, topic: this.topic, for_s: this.schedule.forS }, 'stalling consumer paused: lag grows, no commits');
    this.later(this.schedule.forS, () => {
      this.stalled = false;
      this.consumer.resume([{ topic: this.topic }]);
      this.logger.info({ group_id: this.groupId, topic: this.topic }, 'stalling consumer resumed: catching up');
      this.later(Math.max(1, this.schedule.everyS - this.schedule.forS), () => this.stall());
    });
  }

  private later(seconds: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, seconds * 1000);
    this.timers.add(timer);
  }
}
