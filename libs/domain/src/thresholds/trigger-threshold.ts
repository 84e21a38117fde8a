import { z } from 'zod';

/** When a pipeline runs: after `count` events, or `interval_ms` after the first uncounted one, whichever first. */
export const triggerThresholdSchema = z
  .object({
    count: z.number().int().positive().optional(),
    interval_ms: z.number().int().positive().optional(),
  })
  .refine((t) => t.count !== undefined || t.interval_ms !== undefined, { message: 'a threshold needs count, interval_ms or both' });

export type TriggerThreshold = z.infer<typeof triggerThresholdSchema>;
