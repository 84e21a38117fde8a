import { z } from 'zod';

/** What pipeline-trigger appends to `pipeline:triggers` once per triggered pipeline run. */
export const pipelineTriggerEventSchema = z.object({
  trigger_id: z.string().min(1),
  consumer: z.string().min(1),
  topic: z.string().min(1),
  group_id: z.string().min(1),
  reason: z.enum(['count', 'time']),
  event_count: z.number().int().min(0),
  window_started_at: z.string().datetime(),
  triggered_at: z.string().datetime(),
  job_id: z.string().min(1),
});

export type PipelineTriggerEvent = z.infer<typeof pipelineTriggerEventSchema>;
