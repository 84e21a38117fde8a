import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { ZodType } from 'zod';
import { consumerGroupId } from './group-id';
import { UndecodableMessageError, type UndecodableMessage } from './undecodable-message';

export interface ConsumeServiceOptions {
  kafka: Kafka;
  /** `{base}` of the groups `{base}-{topic}[-{suffix}]`. */
  baseGroupId: string;
  /** Where a new group starts; the guide's jobs re-index from the beginning, hence earliest. */
  autoOffsetReset?: 'earliest' | 'latest';
  /** How long a call waits for more messages before it returns fewer than asked (the topic is drained). */
  drainWaitMs?: number;
  /** How long the first call of a group waits for its partitions to be assigned. */
  joinWaitMs?: number;
  /**
   * What happens to a message that fails decoding. Default: throw UndecodableMessageError and leave it
   * uncommitted. A handler instead gets the report (to log it or send it to a dead-letter topic), and the
   * message is committed with the call's other messages.
   */
  onUndecodable?: (report: UndecodableMessage) => void | Promise<void>;
}

interface Buffered {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** One cached group member for a topic + suffix: fetched messages wait in `buffer` until a call takes them. */
class PullConsumer {
  readonly buffer: Buffered[] = [];
  private readonly waiters = new Set<() => void>();
  private joined: Promise<void>;
  private ready: Promise<void> | undefined;

  constructor(
    readonly consumer: Consumer,
    private readonly topic: string,
    private readonly fromBeginning: boolean,
  ) {
    this.joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  }

  start(joinWaitMs: number): Promise<void> {
    this.ready ??= (async () => {
      await this.consumer.connect();
      await this.consumer.subscribe({ topics: [this.topic], fromBeginning: this.fromBeginning });
      // Every partition's batch is buffered at once, so one call can take from all of them.
      await this.consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 64, eachBatch: (payload) => this.eachBatch(payload) });
      await Promise.race([this.joined, new Promise((resolve) => setTimeout(resolve, joinWaitMs))]);
    })();
    return this.ready;
  }

  /** Hands the batch to the buffer and holds the fetch loop until calls have taken (and committed) all of it. */
  private async eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    for (const message of batch.messages) this.buffer.push({ topic: batch.topic, partition: batch.partition, message });
    this.notify();
    while (this.buffer.some((b) => b.partition === batch.partition)) {
      if (!isRunning() || isStale()) {
        // Revoked or stopping: the untaken messages were never committed, so the partition's next owner reads them.
        for (let i = this.buffer.length - 1; i >= 0; i--) if (this.buffer[i].partition === batch.partition) this.buffer.splice(i, 1);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      await heartbeat();
    }
    const last = batch.messages.at(-1);
    if (last) resolveOffset(last.offset);
  }

  /** Resolves once `count` messages are buffered, or after `waitMs`. */
  async waitFor(count: number, waitMs: number): Promise<void> {
    if (this.buffer.length >= count) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        if (this.buffer.length < count && timer) return;
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      let timer: NodeJS.Timeout | undefined = setTimeout(() => {
        timer = undefined;
        done();
      }, waitMs);
      this.waiters.add(done);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/**
 * The users' consume service for batch jobs: each call returns up to `max` messages of a topic (fewer when
 * the topic is drained after a bounded wait) and commits exactly the returned ones, so the next call — or
 * the next run of the job — resumes after them. A suffix gives a job its own group and offsets.
 */
export class ConsumeService {
  private readonly consumers = new Map<string, PullConsumer>();

  constructor(private readonly options: ConsumeServiceOptions) {}

  groupIdFor(topic: string, groupSuffix?: string): string {
    return consumerGroupId(this.options.baseGroupId, topic, groupSuffix);
  }

  consumeMessages(topic: string, max: number): Promise<unknown[]> {
    return this.consume(topic, max, undefined, undefined);
  }

  consumeMessagesWithGroup(topic: string, max: number, groupSuffix: string): Promise<unknown[]> {
    return this.consume(topic, max, groupSuffix, undefined);
  }

  consumeMessagesAs<T>(topic: string, max: number, schema: ZodType<T>): Promise<T[]> {
    return this.consume(topic, max, undefined, schema);
  }

  consumeMessagesAsWithGroup<T>(topic: string, max: number, groupSuffix: string, schema: ZodType<T>): Promise<T[]> {
    return this.consume(topic, max, groupSuffix, schema);
  }

  /** Leaves every cached group (nothing uncommitted is lost: it is redelivered to the next member). */
  async close(): Promise<void> {
    const consumers = [...this.consumers.values()];
    this.consumers.clear();
    await Promise.all(consumers.map((c) => c.consumer.disconnect()));
  }

  private async consume<T>(topic: string, max: number, groupSuffix: string | undefined, schema: ZodType<T> | undefined): Promise<T[]> {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
    const pull = this.pullConsumer(topic, groupSuffix);
    await pull.start(this.options.joinWaitMs ?? 10_000);
    const values: T[] = [];
    // A fetched batch may hold fewer than asked: take it, let the next fetch come, until max or drained.
    while (values.length < max) {
      await pull.waitFor(max - values.length, this.options.drainWaitMs ?? 1_000);
      if (pull.buffer.length === 0) break;
      const { taken, stop } = await this.take(pull, max - values.length, values, schema);
      await this.commit(pull, taken);
      pull.buffer.splice(0, taken.length);
      if (stop) break;
    }
    return values;
  }

  /** Decodes up to `count` buffered messages into `values`; stops before an undecodable one unless a handler takes it. */
  private async take<T>(pull: PullConsumer, count: number, values: T[], schema: ZodType<T> | undefined): Promise<{ taken: Buffered[]; stop: boolean }> {
    const taken: Buffered[] = [];
    for (const item of pull.buffer.slice(0, count)) {
      const decoded = decode(item, schema);
      if (decoded.ok) {
        values.push(decoded.value as T);
      } else {
        const report: UndecodableMessage = { topic: item.topic, partition: item.partition, offset: item.message.offset, reason: decoded.reason, value: item.message.value };
        if (!this.options.onUndecodable) {
          // Return what decoded before it; the next call stops at this message, which stays uncommitted.
          if (values.length > 0) return { taken, stop: true };
          throw new UndecodableMessageError(report);
        }
        await this.options.onUndecodable(report);
      }
      taken.push(item);
    }
    return { taken, stop: false };
  }

  private async commit(pull: PullConsumer, taken: readonly Buffered[]): Promise<void> {
    const next = new Map<string, { topic: string; partition: number; offset: string }>();
    for (const { topic, partition, message } of taken) next.set(`${topic}/${partition}`, { topic, partition, offset: (BigInt(message.offset) + 1n).toString() });
    if (next.size > 0) await pull.consumer.commitOffsets([...next.values()]);
  }

  private pullConsumer(topic: string, groupSuffix: string | undefined): PullConsumer {
    const key = `${topic}\n${groupSuffix ?? ''}`;
    let pull = this.consumers.get(key);
    if (!pull) {
      const consumer = this.options.kafka.consumer({ groupId: this.groupIdFor(topic, groupSuffix), maxWaitTimeInMs: 250 });
      pull = new PullConsumer(consumer, topic, (this.options.autoOffsetReset ?? 'earliest') === 'earliest');
      this.consumers.set(key, pull);
    }
    return pull;
  }
}

function decode<T>(item: Buffered, schema: ZodType<T> | undefined): { ok: true; value: unknown } | { ok: false; reason: string } {
  const raw = item.message.value;
  if (raw === null) return { ok: false, reason: 'the message has no value (a tombstone)' };
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (!schema) return { ok: true, value };
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ') };
}
