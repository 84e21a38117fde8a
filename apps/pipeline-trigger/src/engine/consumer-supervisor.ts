import { pipelineTriggerEventSchema } from '@app/domain';
import { consumerGroupId } from '@app/kafka-consume';
import type { Logger } from 'pino';
import type { ConsumerConfig } from '../config-model/consumer-config';
import type { Clock } from './clock';
import { ConsumerRunner, type RunnerDeps } from './consumer-runner';
import type { KafkaClients } from './kafka-clients';
import { ConsumerExistsError, UnknownConsumerError, type ConsumerInfo } from './consumer-state';
import type { TriggerContext } from './trigger-event';
import type { TriggerListener, TriggerPublisher } from './trigger-publisher';
import type { WindowStore } from './window-store';
import type { WindowTimer } from './window-timer';

export interface SupervisorDeps extends RunnerDeps {
  kafkaClients: KafkaClients;
  store: WindowStore;
  publisher: TriggerPublisher;
  timer: WindowTimer;
  clock: Clock;
  logger: Logger;
  /** `{base}` of the group ids `{base}-{topic}[-{suffix}]`. */
  baseGroupId: string;
  /** How long `remove` waits for other members to leave before giving up on deleting the group. */
  groupDeleteWaitMs: number;
}

/**
 * The engine's public surface, called by the REST API and by start-up loading (config file, Postgres):
 *
 * - `start(config)` starts counting a consumer on this replica (ConsumerExistsError if it already runs);
 * - `update(config)` restarts it with a new configuration, keeping its window and offsets;
 * - `pause(id)` / `resume(id)` stop and restart fetching (no time trigger fires while paused);
 * - `remove(id)` stops it, forgets its Redis state and deletes its Kafka group once the group is empty;
 * - `info(id)` / `list()` report state, current count, window age, last trigger and lag;
 * - `onTrigger(listener)` is told of each trigger after its BullMQ job is enqueued (the trigger history
 *   inserts its row here, idempotently on `job_id`: a re-sent window is reported again).
 *
 * Unknown ids throw UnknownConsumerError (info returns undefined). `stopAll()` is the graceful shutdown.
 */
export class ConsumerSupervisor {
  private readonly runners = new Map<string, ConsumerRunner>();
  private closing = false;

  constructor(private readonly deps: SupervisorDeps) {}

  groupIdOf(config: Pick<ConsumerConfig, 'kafka_topic' | 'group_suffix'>): string {
    return consumerGroupId(this.deps.baseGroupId, config.kafka_topic, config.group_suffix);
  }

  async start(config: ConsumerConfig, options: { paused?: boolean } = {}): Promise<void> {
    // Once shutdown began nothing starts again (it would take a timer lease nobody releases).
    if (this.closing) throw new Error(`consumer ${config.consumer_id} not started: the service is shutting down`);
    const existing = this.runners.get(config.consumer_id);
    // A consumer that failed (its start, or a crash kafkajs does not restart from) may be started again.
    if (existing && existing.state !== 'failed' && existing.state !== 'stopped') throw new ConsumerExistsError(config.consumer_id);
    if (existing) await this.stopRunner(existing);
    const runner = new ConsumerRunner(config, this.contextOf(config), this.deps);
    this.runners.set(config.consumer_id, runner);
    await runner.start(options.paused ?? false);
    this.deps.timer.start();
    this.deps.logger.info({ consumer_id: config.consumer_id, group_id: runner.context.group_id, paused: options.paused ?? false }, 'consumer started');
  }

  async update(config: ConsumerConfig): Promise<void> {
    const runner = this.runner(config.consumer_id);
    const paused = runner.state === 'paused';
    await this.stopRunner(runner);
    this.runners.delete(config.consumer_id);
    await this.start(config, { paused });
  }

  async pause(consumerId: string): Promise<void> {
    this.runner(consumerId).pause();
  }

  async resume(consumerId: string): Promise<void> {
    this.runner(consumerId).resume();
  }

  /** Stops the consumer and forgets it; `groupDeleted` is false when other members kept the group busy. */
  async remove(consumerId: string): Promise<{ groupDeleted: boolean }> {
    const runner = this.runner(consumerId);
    await this.stopRunner(runner);
    this.runners.delete(consumerId);
    await this.deps.store.forget(consumerId);
    const groupDeleted = await this.deleteGroup(runner.config, runner.context.group_id);
    this.deps.logger.info({ consumer_id: consumerId, group_id: runner.context.group_id, group_deleted: groupDeleted }, 'consumer removed');
    return { groupDeleted };
  }

  /** The consumers this replica runs (the timer walks them). */
  consumers(): Iterable<ConsumerRunner> {
    return this.runners.values();
  }

  has(consumerId: string): boolean {
    return this.runners.has(consumerId);
  }

  async info(consumerId: string): Promise<ConsumerInfo | undefined> {
    const runner = this.runners.get(consumerId);
    return runner ? this.describe(runner) : undefined;
  }

  async list(): Promise<ConsumerInfo[]> {
    return Promise.all([...this.runners.values()].map((runner) => this.describe(runner)));
  }

  onTrigger(listener: TriggerListener): () => void {
    return this.deps.publisher.onTrigger(listener);
  }

  /** Graceful shutdown: the timer stops, each consumer finishes its batch, commits and leaves, leases are released. */
  async stopAll(): Promise<void> {
    this.closing = true;
    await this.deps.timer.stop();
    await Promise.all([...this.runners.values()].map((runner) => this.stopRunner(runner)));
    await this.deps.kafkaClients.close();
  }

  private runner(consumerId: string): ConsumerRunner {
    const runner = this.runners.get(consumerId);
    if (!runner) throw new UnknownConsumerError(consumerId);
    return runner;
  }

  private async stopRunner(runner: ConsumerRunner): Promise<void> {
    await runner.stop();
    const id = runner.config.consumer_id;
    const released = await this.deps.timer.release(id).catch((error: Error) => {
      this.deps.logger.warn({ err: error, consumer_id: id }, 'timer lease not released; it lapses after its TTL');
      return false;
    });
    this.deps.logger.debug({ consumer_id: id, released }, 'consumer stopped');
  }

  private contextOf(config: ConsumerConfig): TriggerContext {
    return {
      consumer_id: config.consumer_id,
      pipeline_name: config.pipeline_name,
      connection_id: config.connection_id,
      job_type: config.job_type,
      kafka_topic: config.kafka_topic,
      group_id: this.groupIdOf(config),
    };
  }

  private async describe(runner: ConsumerRunner): Promise<ConsumerInfo> {
    const id = runner.config.consumer_id;
    const [window, lastTrigger, lag] = await Promise.all([this.deps.store.state(id), this.lastTrigger(id), this.lag(runner)]);
    const now = this.deps.clock.now();
    const openedAt = window.count > 0 ? window.openedAt : null;
    return {
      consumer_id: id,
      group_id: runner.context.group_id,
      state: runner.state,
      ...(runner.error === undefined ? {} : { error: runner.error }),
      current_count: window.count,
      count_key: this.deps.store.keys(id).events,
      window_epoch: window.epoch,
      window_started_at: openedAt === null ? null : new Date(openedAt).toISOString(),
      window_age_ms: openedAt === null ? null : now - openedAt,
      last_trigger: lastTrigger,
      lag,
    };
  }

  private async lastTrigger(consumerId: string) {
    const json = await this.deps.store.lastTrigger(consumerId);
    if (json === null) return null;
    const parsed = pipelineTriggerEventSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  }

  private async lag(runner: ConsumerRunner): Promise<number | null> {
    try {
      const admin = await this.deps.kafkaClients.adminFor(runner.config);
      const topic = runner.config.kafka_topic;
      const [ends, [committed]] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId: runner.context.group_id, topics: [topic] }),
      ]);
      const positions = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
      let lag = 0n;
      for (const end of ends) {
        const position = positions.get(end.partition) ?? -1n;
        const from = position < 0n ? BigInt(end.low) : position;
        if (BigInt(end.high) > from) lag += BigInt(end.high) - from;
      }
      return Number(lag);
    } catch (error) {
      this.deps.logger.debug({ err: error, consumer_id: runner.config.consumer_id }, 'lag unavailable');
      return null;
    }
  }

  /** Deletes the group once its members have left (other replicas may still be stopping theirs). */
  private async deleteGroup(config: ConsumerConfig, groupId: string): Promise<boolean> {
    const deadline = this.deps.clock.now() + this.deps.groupDeleteWaitMs;
    for (;;) {
      try {
        await (await this.deps.kafkaClients.adminFor(config)).deleteGroups([groupId]);
        return true;
      } catch (error) {
        const code = (error as { groups?: { error?: { type?: string } }[] }).groups?.[0]?.error?.type;
        if (code === 'GROUP_ID_NOT_FOUND') return true;
        if (code !== 'NON_EMPTY_GROUP' || this.deps.clock.now() >= deadline) {
          this.deps.logger.warn({ err: error, group_id: groupId, code }, 'consumer group not deleted');
          return false;
        }
        await this.deps.sleep(250);
      }
    }
  }
}
