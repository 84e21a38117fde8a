import type { PipelineTriggerEvent } from '@app/domain';
import type { ConsumerConfig } from '../config-model/consumer-config';
import { triggerJobId, type ClosedWindow } from './closed-window';

/** What a trigger says about its consumer; fixed for as long as the consumer's configuration is. */
export type TriggerContext = Pick<ConsumerConfig, 'consumer_id' | 'pipeline_name' | 'connection_id' | 'job_type' | 'kafka_topic'> & { group_id: string };

/** The `pipeline:triggers` entry and BullMQ job data of a closed window. Pure: a re-sent window gives the same ids. */
export function buildTriggerEvent(context: TriggerContext, window: ClosedWindow, triggeredAt: number): PipelineTriggerEvent {
  const jobId = triggerJobId(context.consumer_id, window);
  const offsets: PipelineTriggerEvent['offsets'] = {};
  for (const [partition, [first, last]] of Object.entries(window.offsets)) offsets[partition] = { first, last };
  return {
    trigger_id: jobId,
    job_id: jobId,
    consumer_id: context.consumer_id,
    pipeline_name: context.pipeline_name,
    connection_id: context.connection_id,
    job_type: context.job_type,
    topic: context.kafka_topic,
    group_id: context.group_id,
    window_epoch: window.epoch,
    reason: window.reason,
    event_count: window.event_count,
    window_started_at: new Date(window.opened_at).toISOString(),
    window_ended_at: new Date(window.closed_at).toISOString(),
    triggered_at: new Date(triggeredAt).toISOString(),
    offsets,
  };
}
