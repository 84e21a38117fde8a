import { pipelineTriggerEventSchema, type PipelineTriggerEvent } from '@app/domain';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { TriggerHistoryStore } from '../store/trigger-history-store';
import type { JobStatusTracker } from './job-status-tracker';

/** Every job the queue can still hold: BullMQ keeps completed and failed jobs for days (the engine's retention). */
const QUEUED_STATES = ['waiting', 'prioritized', 'waiting-children', 'delayed', 'active', 'completed', 'failed'] as const;
/** Newest jobs looked at per backfill: far more than the triggers of any Postgres outage worth riding out in memory. */
const BACKFILL_JOBS = 5_000;
const RETRY_MS = { first: 1_000, max: 60_000 };

/**
 * The engine's trigger listener: one history row per pipeline job. The engine reports a trigger
 * after its job is enqueued, and again if a crash made it re-send the window; the row is keyed by
 * the job id, so the second report adds nothing. The job may already have moved on by the time
 * the row exists, so its state is read back once.
 *
 * The engine reports a trigger once. If Postgres does not answer then, the row is not lost: every
 * BullMQ job carries its whole trigger, so the rows are written from the queue instead, retried
 * with backoff until Postgres answers, and once at start-up for a service that stopped meanwhile.
 */
export class TriggerHistorySink {
  private retry: NodeJS.Timeout | undefined;
  private retryMs = RETRY_MS.first;
  private stopped = false;

  constructor(
    private readonly history: TriggerHistoryStore,
    private readonly tracker: JobStatusTracker,
    private readonly queue: Pick<Queue, 'getJobs'>,
    private readonly logger: Logger,
  ) {}

  readonly onTrigger = async (trigger: PipelineTriggerEvent): Promise<void> => {
    try {
      const added = await this.write(trigger);
      if (!added) this.logger.debug({ job_id: trigger.job_id }, 'trigger already in the history');
      await this.tracker.refresh(trigger.job_id);
    } catch (error) {
      this.logger.warn({ err: error, job_id: trigger.job_id }, 'trigger history row not written now; it will be written from the queue once Postgres answers');
      this.scheduleBackfill();
    }
  };

  /** Writes the row of every job the queue holds that has none yet, with its current status; the number written. */
  async backfill(): Promise<number> {
    const jobs = await this.queue.getJobs([...QUEUED_STATES], 0, BACKFILL_JOBS - 1);
    let written = 0;
    for (const job of jobs) {
      const trigger = pipelineTriggerEventSchema.safeParse(job?.data);
      if (!trigger.success) continue;
      if (await this.write(trigger.data)) {
        written++;
        await this.tracker.refresh(trigger.data.job_id);
      }
    }
    return written;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private write(trigger: PipelineTriggerEvent): Promise<boolean> {
    return this.history.record({
      jobId: trigger.job_id,
      consumerId: trigger.consumer_id,
      topic: trigger.topic,
      groupId: trigger.group_id,
      pipelineName: trigger.pipeline_name,
      connectionId: trigger.connection_id,
      jobType: trigger.job_type,
      reason: trigger.reason,
      eventCount: trigger.event_count,
      windowStartedAt: new Date(trigger.window_started_at),
      windowEndedAt: new Date(trigger.window_ended_at),
      offsets: trigger.offsets,
      triggeredAt: new Date(trigger.triggered_at),
    });
  }

  private scheduleBackfill(): void {
    if (this.retry || this.stopped) return;
    this.retry = setTimeout(() => {
      this.backfill().then(
        (written) => {
          this.retry = undefined;
          this.retryMs = RETRY_MS.first;
          this.logger.info({ written }, 'trigger history written from the queue');
        },
        (error: unknown) => {
          this.retry = undefined;
          this.retryMs = Math.min(this.retryMs * 2, RETRY_MS.max);
          this.logger.warn({ err: error, retry_in_ms: this.retryMs }, 'trigger history still not written from the queue');
          this.scheduleBackfill();
        },
      );
    }, this.retryMs);
    this.retry.unref();
  }
}
