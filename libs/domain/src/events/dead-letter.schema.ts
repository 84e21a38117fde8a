import { z } from 'zod';

/** A dead-lettered stream entry: where it came from, why it was given up on, and its original fields. */
export const deadLetterSchema = z.object({
  original_id: z.string().min(1),
  stream: z.string().min(1),
  group: z.string().min(1),
  consumer: z.string().min(1),
  reason: z.string().min(1),
  delivery_count: z.number().int().min(0),
  dead_lettered_at: z.string().datetime(),
  fields: z.record(z.string(), z.string()),
});

export type DeadLetter = z.infer<typeof deadLetterSchema>;
