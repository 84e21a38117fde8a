import type { PipelineTriggerEvent } from '@app/domain';
import type { Logger } from 'pino';
import type { TriggerHistoryStore } from '../store/trigger-history-store';
import type { JobStatusTracker } from './job-status-tracker';

/**
 * The engine's trigger listener: one history row per pipeline job. The engine reports a trigger
 * after its job is enqueued, and again if a crash made it re-send the window; the row is keyed by
 * the job id, so the second report adds nothing. The job may already have moved on by the time
 * the row exists, so its state is read back once.
 */
export class TriggerHistorySink {
  constructor(
    private readonly history: TriggerHistoryStore,
    private readonly tracker: JobStatusTracker,
    private readonly logger: Logger,
  ) {}

  readonly onTrigger = async (trigger: PipelineTriggerEvent): Promise<void> => {
    const added = await this.history.record({
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
    if (!added) this.logger.debug({ job_id: trigger.job_id }, 'trigger already in the history');
    await this.tracker.refresh(trigger.job_id);
  };
}
