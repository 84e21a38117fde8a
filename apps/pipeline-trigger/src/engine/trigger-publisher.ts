import type { RedisClient } from '@app/platform';
import { RedisStreamsClient } from '@app/redis-streams';
import { traceFields, withSpan } from '@app/telemetry';
import { SpanKind } from '@opentelemetry/api';
import type { PipelineTriggerEvent } from '@app/domain';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Clock } from './clock';
import { triggerJobId, type ClosedWindow } from './closed-window';
import type { EngineMetrics } from './engine-metrics';
import { isDurable, type ReplicaWait } from './replica-wait';
import { buildTriggerEvent, type TriggerContext } from './trigger-event';
import type { WindowStore } from './window-store';

/** Told of every trigger once its job is enqueued (the trigger history writes its row from this). */
export type TriggerListener = (trigger: PipelineTriggerEvent) => void | Promise<void>;

export interface PublisherSettings {
  triggersStream: string;
  /** Approximate MAXLEN of the triggers stream. */
  triggersMaxLen: number;
  /** Completed and failed jobs are kept this long, so BullMQ's job-id dedupe covers any re-send of the outbox. */
  jobRetentionSeconds: number;
}

/**
 * Turns closed windows into pipeline runs, in this order: BullMQ job (idempotent: the job id derives from
 * the window), `pipeline:triggers` entry, last-trigger key, then the outbox record is removed. A crash
 * anywhere before the removal leaves the record, and the next sweep re-sends it: the job is deduplicated
 * by id; the stream entry may then appear twice with the same `trigger_id`, which readers dedupe on.
 *
 * A window is handed to BullMQ only once its closing is on REDIS_WAIT_REPLICAS replicas. Otherwise a
 * failover could lose the close after a worker took the job, and the promoted master would close that
 * epoch again, with other events, under the same job id: BullMQ would not know it, and the pipeline
 * would run twice. An unconfirmed window stays in the outbox for a later sweep.
 */
export class TriggerPublisher {
  private readonly listeners = new Set<TriggerListener>();
  /** Writes the `pipeline:triggers` entries: `data` plus the active span's trace fields, MAXLEN ~ triggersMaxLen. */
  private readonly triggers: RedisStreamsClient;

  constructor(
    private readonly store: WindowStore,
    private readonly queue: Queue,
    private readonly redis: RedisClient,
    private readonly settings: PublisherSettings,
    private readonly clock: Clock,
    private readonly metrics: EngineMetrics,
    private readonly logger: Logger,
    private readonly replicaWait: ReplicaWait,
  ) {
    this.triggers = new RedisStreamsClient(redis, { maxLen: settings.triggersMaxLen });
  }

  /** Taken before the window-script call whose closed windows are then published with it as `since`. */
  mark(): number {
    return this.replicaWait.mark();
  }

  onTrigger(listener: TriggerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Publishes the windows a count or tick just closed. A failure leaves them in the outbox for the sweep. */
  async publishEpochs(context: TriggerContext, epochs: readonly number[], since: number): Promise<void> {
    if (!(await this.replicated(context, since))) return;
    for (const epoch of epochs) {
      const window = await this.store.outboxEntry(context.consumer_id, epoch);
      if (window) await this.publishSafely(context, window);
    }
  }

  /**
   * Re-sends outbox records older than `olderThanMs` (their closer crashed, failed to enqueue or had no
   * replica acknowledgement). `since` marks the lease write just made on this connection: a record that
   * old was written before it, so a WAIT covering that write covers the record too, whoever wrote it.
   */
  async sweep(context: TriggerContext, olderThanMs: number, since: number): Promise<number> {
    const stale = (await this.store.outbox(context.consumer_id)).filter((w) => w.closed_at <= this.clock.now() - olderThanMs);
    if (stale.length === 0 || !(await this.replicated(context, since))) return 0;
    for (const window of stale) await this.publishSafely(context, window);
    return stale.length;
  }

  private async replicated(context: TriggerContext, since: number): Promise<boolean> {
    const { verdict, acked } = await this.replicaWait.confirm(since);
    if (isDurable(verdict)) return true;
    this.metrics.replicaWaitFailed.inc({ consumer_id: context.consumer_id, step: 'publish' });
    this.logger.warn(
      { consumer_id: context.consumer_id, verdict, acked, required: this.replicaWait.settings.replicas },
      'closed window not on enough Redis replicas yet; the outbox keeps it for a later sweep',
    );
    return false;
  }

  private async publishSafely(context: TriggerContext, window: ClosedWindow): Promise<void> {
    try {
      await this.publish(context, window);
    } catch (error) {
      this.logger.warn({ err: error, consumer_id: context.consumer_id, epoch: window.epoch }, 'trigger not enqueued yet; the outbox keeps it for the next sweep');
    }
  }

  /**
   * The trigger's span: messaging semantic conventions, `send <queue>` (PRODUCER). Its parent is the
   * active one: the `process` span of the slice whose count closed the window (none for a window the
   * clock or a sweep closed). The job's data carries its W3C `traceparent` (and `tracestate`) at the top
   * level, the same fields as a stream entry, so a worker continues the trace with
   * `contextFromFields(job.data)`; the `pipeline:triggers` entry carries them as fields for event-router.
   */
  private publish(context: TriggerContext, window: ClosedWindow): Promise<void> {
    const attributes = {
      'messaging.system': 'bullmq',
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'send',
      'messaging.destination.name': this.queue.name,
      'messaging.message.id': triggerJobId(context.consumer_id, window),
    };
    return withSpan(`send ${this.queue.name}`, { kind: SpanKind.PRODUCER, attributes }, () => this.enqueue(context, window));
  }

  private async enqueue(context: TriggerContext, window: ClosedWindow): Promise<void> {
    const event = buildTriggerEvent(context, window, this.clock.now());
    const retention = { age: this.settings.jobRetentionSeconds };
    const fields = traceFields();
    const traced = fields.traceparent !== undefined;
    await this.queue.add(context.pipeline_name, traced ? { ...event, ...fields } : event, { jobId: event.job_id, removeOnComplete: retention, removeOnFail: retention });
    const enqueuedAt = this.clock.now();
    await this.triggers.add(this.settings.triggersStream, event);
    const keys = this.store.keys(context.consumer_id);
    await this.redis.set(keys.lastTrigger, JSON.stringify(event));
    if (!(await this.store.acknowledge(context.consumer_id, window.epoch))) return;
    this.metrics.triggers.inc({ consumer_id: context.consumer_id, reason: window.reason });
    this.metrics.triggerLatency.observe({ reason: window.reason }, Math.max(0, enqueuedAt - window.closed_at) / 1000);
    this.logger.info({ consumer_id: context.consumer_id, job_id: event.job_id, reason: window.reason, event_count: window.event_count }, 'pipeline triggered');
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.error({ err: error, job_id: event.job_id }, 'trigger listener failed');
      }
    }
  }
}
