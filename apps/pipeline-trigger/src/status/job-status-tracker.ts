import type { Queue, QueueEvents } from 'bullmq';
import type { Logger } from 'pino';
import type { PipelineJobStatus, StatusChange, TriggerHistoryStore } from '../store/trigger-history-store';

/** BullMQ's `getState()` answers in its own words; these are the history's. Unknown (removed) jobs map to nothing. */
const STATE_TO_STATUS: Record<string, PipelineJobStatus | undefined> = {
  waiting: 'waiting',
  prioritized: 'waiting',
  'waiting-children': 'waiting',
  delayed: 'delayed',
  active: 'active',
  completed: 'completed',
  failed: 'failed',
};

/**
 * Follows each pipeline job through BullMQ's queue events (waiting, delayed for a retry's backoff,
 * active, completed, failed with the reason) into its trigger history row. BullMQ emits `failed`
 * only once retries are exhausted (a retry shows as `delayed` or `waiting`), so failed is final.
 * Events published while the service was down are not replayed by QueueEvents, and a job may
 * report a step before its row exists: `refresh` reads the job's state from the queue for both.
 */
export class JobStatusTracker {
  private readonly detachers: (() => void)[] = [];

  constructor(
    private readonly history: TriggerHistoryStore,
    private readonly queue: Pick<Queue, 'getJob'>,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  attach(events: QueueEvents): void {
    const on = <E extends 'waiting' | 'delayed' | 'active' | 'completed' | 'failed'>(event: E, change: (args: { jobId: string; failedReason?: string }) => Promise<void>) => {
      const handler = (args: { jobId: string; failedReason?: string }) => {
        change(args).catch((error: unknown) => this.logger.warn({ err: error, job_id: args.jobId, event }, 'pipeline job status not recorded'));
      };
      events.on(event, handler as never);
      this.detachers.push(() => events.off(event, handler as never));
    };
    on('waiting', ({ jobId }) => this.set(jobId, { status: 'waiting' }));
    on('delayed', ({ jobId }) => this.set(jobId, { status: 'delayed' }));
    on('active', ({ jobId }) => this.set(jobId, { status: 'active' }));
    on('completed', ({ jobId }) => this.finish(jobId, { status: 'completed' }));
    on('failed', ({ jobId, failedReason }) => this.finish(jobId, { status: 'failed', failureReason: failedReason ?? 'unknown' }));
  }

  detach(): void {
    for (const detach of this.detachers.splice(0)) detach();
  }

  /** Reads the job's current state from the queue into its row; false when the job is gone or its row is missing. */
  async refresh(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job) return false;
    const status = STATE_TO_STATUS[await job.getState()];
    if (status === undefined) return false;
    return this.history.setStatus(jobId, {
      status,
      at: new Date(job.finishedOn ?? job.processedOn ?? this.now()),
      attemptsMade: job.attemptsMade,
      ...(status === 'failed' ? { failureReason: job.failedReason || 'unknown' } : {}),
    });
  }

  /** After a restart: rows still waiting or active get the state their job reached meanwhile. */
  async resyncUnfinished(limit = 1000): Promise<number> {
    let updated = 0;
    for (const jobId of await this.history.unfinishedJobIds(limit)) if (await this.refresh(jobId)) updated += 1;
    return updated;
  }

  private async set(jobId: string, change: Omit<StatusChange, 'at'>): Promise<void> {
    await this.history.setStatus(jobId, { ...change, at: new Date(this.now()) });
  }

  /** A final status also records how many attempts the job took, read from the job itself. */
  private async finish(jobId: string, change: Omit<StatusChange, 'at'>): Promise<void> {
    const job = await this.queue.getJob(jobId).catch(() => undefined);
    await this.history.setStatus(jobId, { ...change, at: new Date(job?.finishedOn ?? this.now()), ...(job ? { attemptsMade: job.attemptsMade } : {}) });
  }
}
