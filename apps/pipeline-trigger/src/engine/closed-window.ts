import { z } from 'zod';

/** The outbox record the window script writes when it closes a window (see lua/advanceWindow-5.lua). */
export const closedWindowSchema = z.object({
  epoch: z.number().int().min(1),
  inc: z.string().min(1),
  reason: z.enum(['count', 'time']),
  event_count: z.number().int().min(0),
  opened_at: z.number(),
  closed_at: z.number(),
  // Per partition: [first, last] offset counted in the window (strings: Kafka offsets are 64-bit).
  offsets: z.record(z.string(), z.tuple([z.string(), z.string()])),
});

export type ClosedWindow = z.output<typeof closedWindowSchema>;

/**
 * The BullMQ job id of a closed window: a pure function of the consumer and the window, so a re-sent
 * outbox record is deduplicated by BullMQ. The incarnation (fixed when the consumer's window state is
 * first created) keeps a re-created consumer of the same id from colliding with the old one's kept jobs.
 * BullMQ refuses ids with ':' and digit-only ids; consumer ids are `[A-Za-z0-9._-]` and this has letters.
 */
export function triggerJobId(consumerId: string, window: Pick<ClosedWindow, 'inc' | 'epoch'>): string {
  return `${consumerId}-${window.inc}-w${window.epoch}`;
}
