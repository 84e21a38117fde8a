import { contextFromKafkaHeaders, withBatchSpan } from '@app/telemetry';
import { SpanKind } from '@opentelemetry/api';
import type { Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { ConsumerConfig } from '../config-model/consumer-config';
import type { ConsumerState } from './consumer-state';
import type { EngineMetrics } from './engine-metrics';
import { isDurable, type ReplicaWait } from './replica-wait';
import { retryDelayMs } from './retry';
import type { TriggerContext } from './trigger-event';
import type { TriggerPublisher } from './trigger-publisher';
import type { WindowStore } from './window-store';

export interface RunnerDeps {
  /** A kafkajs consumer and producer on the consumer's cluster (its own SASL credentials, if any). */
  kafkaConsumer(groupId: string, config: ConsumerConfig): Consumer;
  kafkaProducer(config: ConsumerConfig): Producer;
  store: WindowStore;
  publisher: TriggerPublisher;
  metrics: EngineMetrics;
  /** WAIT on the window store's connection (REDIS_WAIT_REPLICAS) before a batch's offsets are committed. */
  replicaWait: ReplicaWait;
  logger: Logger;
  sleep(ms: number): Promise<void>;
}

const messageContext = (message: KafkaMessage) => contextFromKafkaHeaders(message.headers);

/**
 * One consumer on this replica: a kafkajs group member that counts each fetched batch (in slices of at
 * most `batch_size`, one window-script call each), publishes the windows it closed, and only then commits
 * the batch's offsets. A crash before the commit replays the batch; the offset guard counts it zero
 * times and the outbox still holds any window it closed.
 *
 * Before the commit, REDIS_WAIT_REPLICAS replicas must have the batch's counts: a count the master
 * acknowledged but a failover lost would otherwise be gone with its offsets committed, never redelivered.
 */
export class ConsumerRunner {
  private stateValue: ConsumerState = 'stopped';
  private failure: string | undefined;
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;

  constructor(
    readonly config: ConsumerConfig,
    readonly context: TriggerContext,
    private readonly deps: RunnerDeps,
  ) {}

  get state(): ConsumerState {
    return this.stateValue;
  }

  get error(): string | undefined {
    return this.failure;
  }

  async start(paused = false): Promise<void> {
    this.stateValue = 'starting';
    const consumer = this.deps.kafkaConsumer(this.context.group_id, this.config);
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      this.stateValue = 'failed';
      this.failure = payload.error.message;
      this.deps.logger.error({ err: payload.error, consumer_id: this.config.consumer_id }, 'consumer crashed and will not restart');
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [this.config.kafka_topic], fromBeginning: this.config.auto_offset_reset === 'earliest' });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.eachBatch(payload),
      });
      if (paused) consumer.pause([{ topic: this.config.kafka_topic }]);
      this.stateValue = paused ? 'paused' : 'running';
    } catch (error) {
      this.stateValue = 'failed';
      this.failure = (error as Error).message;
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  pause(): void {
    this.consumer?.pause([{ topic: this.config.kafka_topic }]);
    if (this.stateValue === 'running') this.stateValue = 'paused';
  }

  resume(): void {
    this.consumer?.resume([{ topic: this.config.kafka_topic }]);
    if (this.stateValue === 'paused') this.stateValue = 'running';
  }

  /** Stops fetching, lets the batch in hand finish and commit, leaves the group and closes the connections. */
  async stop(): Promise<void> {
    if (this.stateValue === 'stopped') return;
    this.stateValue = 'stopping';
    await this.consumer?.disconnect().catch((error: Error) => this.deps.logger.warn({ err: error }, 'consumer disconnect failed'));
    await this.producer?.disconnect().catch(() => undefined);
    this.consumer = undefined;
    this.producer = undefined;
    this.stateValue = 'stopped';
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isStale }: EachBatchPayload): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    const size = this.config.batch_size;
    const slices: KafkaMessage[][] = [];
    let since = this.deps.replicaWait.mark();
    for (let start = 0; start < batch.messages.length; start += size) {
      // A revoked partition belongs to another member now; it resumes from our last commit and the
      // offset guard skips what we counted since.
      if (isStale()) return;
      const slice = batch.messages.slice(start, start + size);
      await this.countSlice(batch.partition, slice, since);
      slices.push(slice);
      resolveOffset(slice[slice.length - 1].offset);
      await heartbeat();
    }
    if (slices.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      const { verdict, acked } = await this.deps.replicaWait.confirm(since);
      if (isDurable(verdict)) break;
      this.deps.metrics.replicaWaitFailed.inc({ consumer_id: this.config.consumer_id, step: 'commit' });
      this.deps.logger.warn(
        { consumer_id: this.config.consumer_id, partition: batch.partition, verdict, acked, required: this.deps.replicaWait.settings.replicas, attempt },
        'batch not on enough Redis replicas; its offsets stay uncommitted and it is counted again',
      );
      // Uncommitted, the batch is replayed from the last commit by whoever owns the partition next.
      if (isStale() || this.stateValue === 'stopping') return;
      await heartbeat();
      // A too-few WAIT has already waited its timeout; a failed one (connection down) is spaced out.
      if (verdict !== 'too-few') await this.deps.sleep(this.deps.replicaWait.settings.timeoutMs);
      // Counted again rather than only waited for again: after a failover the new master may lack the
      // counts, and the guard counts exactly what it lacks. The new mark makes the next WAIT cover them.
      since = this.deps.replicaWait.mark();
      for (const slice of slices) await this.countSlice(batch.partition, slice, since);
    }
    // One commit per fetched batch, after all of it is counted: a crash before it replays slices the
    // guard counts zero times. (A commit per slice cost a broker round trip per batch_size events.)
    const last = slices[slices.length - 1];
    await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last[last.length - 1].offset) + 1n).toString() }]);
  }

  /**
   * One span per slice counted. Messaging semantic conventions, batch processing: `process <topic>`,
   * CONSUMER, parented by the first event's producer context (its `traceparent` header) and linked
   * to the others'. A window it closes is published inside it, so the BullMQ job continues it.
   */
  private countSlice(partition: number, slice: KafkaMessage[], since: number): Promise<void> {
    const span = {
      kind: SpanKind.CONSUMER,
      items: slice,
      contextOf: messageContext,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'count',
        'messaging.destination.name': this.config.kafka_topic,
        'messaging.destination.partition.id': String(partition),
        'messaging.consumer.group.name': this.context.group_id,
        'messaging.batch.message_count': slice.length,
      },
    };
    return withBatchSpan(`process ${this.config.kafka_topic}`, span, () => this.countSliceWithRetries(partition, slice, since));
  }

  private async countSliceWithRetries(partition: number, slice: KafkaMessage[], since: number): Promise<void> {
    const { consumer_id: id, max_event: maxEvent, retry_policy: policy } = this.config;
    const offsets = slice.map((m) => m.offset);
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.deps.store.countBatch(id, maxEvent, this.config.kafka_topic, partition, offsets);
        this.deps.metrics.eventsCounted.inc({ consumer_id: id }, result.counted);
        if (result.skipped > 0) this.deps.metrics.eventsReplayed.inc({ consumer_id: id }, result.skipped);
        this.deps.metrics.windowFill.set({ consumer_id: id }, result.count / maxEvent);
        if (result.closedEpochs.length > 0) await this.deps.publisher.publishEpochs(this.context, result.closedEpochs, since);
        return;
      } catch (error) {
        if (attempt >= policy.attempts) {
          await this.deadLetter(partition, slice, error as Error);
          return;
        }
        this.deps.logger.warn({ err: error, consumer_id: id, partition, attempt: attempt + 1 }, 'counting a batch failed; retrying');
        await this.deps.sleep(retryDelayMs(policy, attempt + 1));
      }
    }
  }

  /**
   * After the retries: the slice goes to the dead-letter topic with the error in headers and is committed,
   * so one bad stretch cannot stall the consumer. Without a dead-letter topic the error propagates and
   * kafkajs restarts the consumer from the last commit, so nothing is skipped.
   */
  private async deadLetter(partition: number, slice: KafkaMessage[], error: Error): Promise<void> {
    const topic = this.config.error_handling.dead_letter_topic;
    if (topic === undefined) throw error;
    this.producer ??= this.deps.kafkaProducer(this.config);
    await this.producer.connect();
    const failedAt = new Date().toISOString();
    await this.producer.send({
      topic,
      messages: slice.map((message) => ({
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          'x-error': error.message,
          'x-consumer-id': this.config.consumer_id,
          'x-source-topic': this.config.kafka_topic,
          'x-source-partition': String(partition),
          'x-source-offset': message.offset,
          'x-failed-at': failedAt,
        },
      })),
    });
    this.deps.metrics.deadLettered.inc({ consumer_id: this.config.consumer_id }, slice.length);
    this.deps.logger.error({ err: error, consumer_id: this.config.consumer_id, partition, events: slice.length, topic }, 'batch dead-lettered after its retries');
  }
}
