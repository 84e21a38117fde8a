import { z } from 'zod';

/** First and last offset a window counted on one partition (strings: Kafka offsets are 64-bit). */
export const partitionOffsetRangeSchema = z.object({
  first: z.string().regex(/^\d+$/),
  last: z.string().regex(/^\d+$/),
});

/**
 * What pipeline-trigger appends to `pipeline:triggers` once per closed window, and the data of the
 * BullMQ job it adds to the `pipelines` queue. `trigger_id` and `job_id` are the BullMQ job id,
 * derived from the consumer and the window epoch: the same window always carries the same id.
 */
export const pipelineTriggerEventSchema = z.object({
  trigger_id: z.string().min(1),
  job_id: z.string().min(1),
  consumer_id: z.string().min(1),
  pipeline_name: z.string().min(1),
  connection_id: z.string().min(1),
  job_type: z.enum(['sync', 'async', 'batch']),
  topic: z.string().min(1),
  group_id: z.string().min(1),
  window_epoch: z.number().int().min(1),
  reason: z.enum(['count', 'time']),
  event_count: z.number().int().min(0),
  window_started_at: z.string().datetime(),
  window_ended_at: z.string().datetime(),
  triggered_at: z.string().datetime(),
  /** Keyed by partition number. */
  offsets: z.record(z.string().regex(/^\d+$/), partitionOffsetRangeSchema),
});

export type PipelineTriggerEvent = z.infer<typeof pipelineTriggerEventSchema>;
